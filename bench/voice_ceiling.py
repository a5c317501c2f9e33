"""How far can the voice model's feature families go on an authorship corpus? (a ceiling analysis)

Fits one one-vs-rest linear SVM per feature family of the voice model (character n-grams, word n-grams, style
rates, sentence structure) on the train split, then reports on the test split:

- each family alone and the shipped weighted union;
- the oracle: test texts that at least one family attributes correctly (no combination of these
  families can get more right than that), and the texts every family gets wrong;
- the best late fusion of the families' scores over a weight grid, chosen on the test split itself
  (an optimistic figure: it shows what re-weighting the families could give at most);
- the union with within-author nuisance directions projected out (the top k principal directions of each
  author's own texts around their mean: what varies inside one writer's work is topic, not voice).

The SVMs run on precomputed linear kernels (one fit takes under a second), so the figures differ from
``byline voice eval`` (liblinear) by a few texts.

    .venv/bin/python bench/voice_ceiling.py --corpus ../shared/data/authors-dev/c50-dev.jsonl.gz
"""

from __future__ import annotations

import argparse
import itertools
import json
import sys
from pathlib import Path

import numpy as np
from sklearn.svm import SVC
from tqdm import tqdm

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narratives.voice.eval import read_corpus, split_corpus
from narratives.voice.model import ModelConfig, make_featurizer
from narratives.voice.syntax import syntax_views

Kernels = dict[str, tuple[np.ndarray, np.ndarray]]


def family_kernels(train_texts: list[str], test_texts: list[str], config: ModelConfig) -> Kernels:
    """Train x train and test x train linear kernels of each feature family, unweighted."""
    kernels: Kernels = {}
    for name, transformer in make_featurizer(config, len(train_texts)).transformer_list:
        train = transformer.fit_transform(train_texts)
        test = transformer.transform(test_texts)
        kernels[name] = (_dense(train @ train.T), _dense(test @ train.T))
    return kernels


def _dense(matrix: object) -> np.ndarray:
    return np.asarray(matrix.toarray() if hasattr(matrix, "toarray") else matrix, dtype=float)


def weighted(kernels: Kernels, weights: dict[str, float]) -> tuple[np.ndarray, np.ndarray]:
    """The kernel of the feature union with these transformer weights (a weight scales a kernel by its square)."""
    train = sum(kernels[name][0] * w * w for name, w in weights.items() if w)
    test = sum(kernels[name][1] * w * w for name, w in weights.items() if w)
    return np.asarray(train), np.asarray(test)


def ovr_scores(train_kernel: np.ndarray, test_kernel: np.ndarray, labels: np.ndarray, authors: list[str]) -> np.ndarray:
    columns = []
    for author in authors:
        svm = SVC(kernel="precomputed").fit(train_kernel, (labels == author).astype(int))
        columns.append(svm.decision_function(test_kernel))
    return np.column_stack(columns)


def correct(scores: np.ndarray, authors: list[str], truth: np.ndarray) -> np.ndarray:
    return np.asarray(authors)[np.argmax(scores, axis=1)] == truth


def best_fusion(family_scores: dict[str, np.ndarray], authors: list[str], truth: np.ndarray) -> dict[str, object]:
    """Highest accuracy of a weighted sum of per-family z-scored scores over a small grid (chosen on test)."""
    z = {name: (s - s.mean(1, keepdims=True)) / s.std(1, keepdims=True) for name, s in family_scores.items()}
    names = sorted(z)
    best: dict[str, object] = {"top1": 0.0}
    for weights in itertools.product([0.0, 0.5, 1.0, 1.5], repeat=len(names)):
        if not any(weights):
            continue
        total = sum(w * z[name] for name, w in zip(names, weights, strict=True))
        top1 = float(np.mean(correct(total, authors, truth)))
        if top1 > best["top1"]:
            best = {"top1": round(top1, 4), "weights": dict(zip(names, weights, strict=True))}
    return best


def without_within_author_directions(
    train_kernel: np.ndarray, test_kernel: np.ndarray, labels: np.ndarray, k: int
) -> tuple[np.ndarray, np.ndarray]:
    """Kernels after projecting out the top k directions of within-author variation (computed in the dual)."""
    authors, index = np.unique(labels, return_inverse=True)
    member = np.eye(len(authors))[index]
    mean_of = member / member.sum(axis=0)
    to_means_train, to_means_test = train_kernel @ mean_of, test_kernel @ mean_of
    means = mean_of.T @ train_kernel @ mean_of
    centred_train = train_kernel - to_means_train @ member.T
    gram = centred_train - member @ to_means_train.T + member @ means @ member.T
    values, vectors = np.linalg.eigh(gram)
    top = np.argsort(-values)[:k]
    top = top[values[top] > 1e-9 * values.max()]  # directions with no variance have nothing to remove
    basis = vectors[:, top] / np.sqrt(values[top])
    along_train = centred_train @ basis
    along_test = (test_kernel - to_means_test @ member.T) @ basis
    return train_kernel - along_train @ along_train.T, test_kernel - along_test @ along_train.T


def ceiling(corpus: Path) -> dict[str, object]:
    train, test_texts, truth_list = split_corpus(read_corpus(corpus))
    authors = sorted(train)
    train_texts = [text for author in authors for text in train[author]]
    labels = np.array([author for author in authors for _ in train[author]])
    truth = np.asarray(truth_list)
    with tqdm(total=len(set(train_texts + test_texts)), desc="tagging", unit="text", file=sys.stderr) as bar:
        syntax_views(train_texts + test_texts, bar.update)
    config = ModelConfig()
    kernels = family_kernels(train_texts, test_texts, config)
    shipped = {"chars": config.char_weight, "words": 1.0, "style": config.style_weight, "syntax": config.syntax_weight}
    family_scores = {name: ovr_scores(*kernels[name], labels, authors) for name in kernels}
    right = {name: correct(scores, authors, truth) for name, scores in family_scores.items()}
    union_scores = ovr_scores(*weighted(kernels, shipped), labels, authors)
    any_right = np.logical_or.reduce(list(right.values()))
    projected = {}
    for k in (10, 30, 100):
        kernel_pair = without_within_author_directions(*weighted(kernels, shipped), labels, k)
        projected[str(k)] = round(float(np.mean(correct(ovr_scores(*kernel_pair, labels, authors), authors, truth))), 4)
    return {
        "test_texts": len(truth),
        "family_alone_top1": {name: round(float(np.mean(r)), 4) for name, r in right.items()},
        "shipped_union_top1": round(float(np.mean(correct(union_scores, authors, truth))), 4),
        "oracle_any_family_right": round(float(np.mean(any_right | correct(union_scores, authors, truth))), 4),
        "texts_every_family_gets_wrong": int(np.sum(~any_right)),
        "best_late_fusion_chosen_on_test": best_fusion(family_scores, authors, truth),
        "union_without_within_author_directions_top1": projected,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    print(json.dumps(ceiling(parser.parse_args().corpus), indent=1))


if __name__ == "__main__":
    main()
