"""Can any feature family tell apart the author pairs the voice model confuses most? (an error analysis)

For each of the most confused pairs in the eval corpus, train a two-author linear SVM on the train split only and
score it on the two authors' test texts, with three feature families: the voice model's own features, the most
frequent word n-grams without IDF (style, little topic), and character n-grams over topic-masked text (every word
outside the 300 commonest masked, digits masked). Accuracy near or below 0.5 for every family means the pair's
test texts read more like the other author's training texts: a topic shift no style feature here recovers.

    .venv/bin/python bench/voice_pairs.py --corpus ../shared/data/authors-dev/c50-dev.jsonl.gz [--pairs 6]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import Pipeline
from sklearn.svm import LinearSVC

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narratives.voice.eval import most_confused, read_corpus, split_corpus
from narratives.voice.model import WORD_TOKENS, ModelConfig, fit_voice_model, make_featurizer

Family = Callable[[list[str]], Pipeline]


def masker(texts: list[str], keep: int = 300) -> Callable[[str], str]:
    common = {w for w, _ in Counter(w.lower() for t in texts for w in re.findall(r"[A-Za-z]+", t)).most_common(keep)}

    def mask(text: str) -> str:
        kept = re.sub(r"[A-Za-z]+", lambda m: m.group(0) if m.group(0).lower() in common else "*", text)
        return re.sub(r"\d", "#", kept)

    return mask


def families(all_train: list[str]) -> dict[str, Family]:
    mask = masker(all_train)
    return {
        "voice_model_features": lambda xs: Pipeline(
            [("f", make_featurizer(ModelConfig(), len(xs))), ("svm", LinearSVC())]
        ),
        "frequent_word_ngrams": lambda xs: Pipeline(
            [
                ("f", TfidfVectorizer(token_pattern=WORD_TOKENS, ngram_range=(1, 2), use_idf=False, max_features=1000)),
                ("svm", LinearSVC()),
            ]
        ),
        "masked_char_ngrams": lambda xs: Pipeline(
            [
                ("f", TfidfVectorizer(analyzer="char", ngram_range=(3, 5), preprocessor=mask, sublinear_tf=True)),
                ("svm", LinearSVC()),
            ]
        ),
    }


def pair_accuracy(
    make: Family, train: dict[str, list[str]], tests: list[str], truth: np.ndarray, pair: tuple[str, str]
):
    texts = train[pair[0]] + train[pair[1]]
    labels = [pair[0]] * len(train[pair[0]]) + [pair[1]] * len(train[pair[1]])
    chosen = np.isin(truth, pair)
    model = make(texts).fit(texts, labels)
    predicted = model.predict([t for t, keep in zip(tests, chosen, strict=True) if keep])
    return round(float(np.mean(predicted == truth[chosen])), 3)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument("--pairs", type=int, default=6)
    args = parser.parse_args()
    train, tests, truth_list = split_corpus(read_corpus(args.corpus))
    truth = np.asarray(truth_list)
    model = fit_voice_model(train, calibrate=False)
    confused = most_confused(model.scores(tests), model.authors, truth_list, top=args.pairs)
    feature_families = families([t for texts in train.values() for t in texts])
    rows, seen = [], set()
    for row in confused:
        pair = (row["author"], row["taken_for"])
        if frozenset(pair) in seen:
            continue
        seen.add(frozenset(pair))
        scores = {name: pair_accuracy(make, train, tests, truth, pair) for name, make in feature_families.items()}
        rows.append({**row, "two_author_test_accuracy": scores})
    print(json.dumps({"pairs": rows}, indent=1))


if __name__ == "__main__":
    main()
