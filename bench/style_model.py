"""A topic-masked style classifier: which demo leader does a text read like, ignoring what it is about?

Every word outside a fixed list of function and stance words becomes a placeholder (`x`, or `X` when capitalised),
every number becomes `0`, every hashtag `#h`, every URL `U`; punctuation, line breaks, emoji, arrows and list
markers stay. Character n-grams of that skeleton feed a linear SVM trained on each leader's own past posts
(workspace/demo_data/posts/*.yaml). It is independent of Byline's voice model: nothing here imports narratives.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

REPO_ROOT = Path(__file__).resolve().parent.parent
POSTS_DIR = REPO_ROOT / "workspace" / "demo_data" / "posts"


def word_list(block: str) -> frozenset[str]:
    """The whitespace-separated words of a text block (long word lists read better as prose blocks)."""
    return frozenset(block.split())


FUNCTION_WORDS = word_list(
    """
    a about above after again against all almost also although always am among an and another any anyone anything
    are around as at away back be because been before being below between both but by can can't cannot could
    couldn't did didn't do does doesn't doing don't done down during each either else enough even ever every
    everyone everything few first for from further had hadn't has hasn't have haven't having he he's her here
    here's hers herself him himself his how how's however i i'd i'll i'm i've if in instead into is isn't it it's
    its itself just last least less let let's like many may maybe me might mine more most much must my myself
    neither never next no nobody none nor not nothing now of off often on once one only onto or other others
    otherwise our ours ourselves out over own per perhaps quite rather same several she should shouldn't since so
    some someone something sometimes still such than that that's the their theirs them themselves then there
    there's these they they'd they'll they're they've this those though through thus to together too toward
    towards under until up upon us very via vs was wasn't we we'd we'll we're we've were weren't what what's
    whatever when where whether which while who whom whose why will with within without won't would wouldn't yes
    yet you you'd you'll you're you've your yours yourself
    """
)
# Stance and discourse words: how someone talks, not what about.
STANCE_WORDS = word_list(
    """
    actually already approximately ask asked believe clearly exactly grateful honest honestly hope keep know
    learned love probably proud really roughly said say simply tell think thank thanks told truly want
    """
)
KEEP = FUNCTION_WORDS | STANCE_WORDS

TOKEN = re.compile(
    r"(?P<url>https?://\S+|www\.\S+)"
    r"|(?P<marker>\[\s*S\d+\s*\])"
    r"|(?P<hashtag>(?<![\w#&])#[^\W\d_][\w]*)"
    r"|(?P<mention>(?<!\w)@\w+)"
    r"|(?P<number>\d+(?:[.,]\d+)*)"
    r"|(?P<word>[^\W\d_](?:[\w'’-]*\w)?)"
)


def mask_topic(text: str) -> str:
    """The text's form with its topic words masked (see the module docstring)."""

    def replace(match: re.Match[str]) -> str:
        kind, token = match.lastgroup, match.group(0)
        if kind == "word":
            if token.lower().replace("’", "'") in KEEP:
                return token
            return "X" if token[0].isupper() else "x"
        return {"url": "U", "marker": "", "hashtag": "#h", "mention": "@m", "number": "0"}[str(kind)]

    return TOKEN.sub(replace, text)


def load_demo_posts(posts_dir: Path = POSTS_DIR) -> tuple[list[str], list[str]]:
    """Texts and leader handles of every demo past post, in file order."""
    texts: list[str] = []
    handles: list[str] = []
    for path in sorted(posts_dir.glob("*.yaml")):
        for post in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            texts.append(str(post["text"]))
            handles.append(path.stem)
    return texts, handles


def make_classifier() -> Pipeline:
    features = FeatureUnion(
        [
            ("chars", TfidfVectorizer(analyzer="char", ngram_range=(1, 4), lowercase=False, sublinear_tf=True)),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word", token_pattern=r"\S+", ngram_range=(1, 2), lowercase=False, sublinear_tf=True
                ),
            ),
        ]
    )
    return Pipeline([("features", features), ("svm", LinearSVC(C=1.0))])


@dataclass
class StyleModel:
    """A fitted classifier over masked texts."""

    pipeline: Pipeline

    @classmethod
    def fit(cls, texts: Sequence[str], handles: Sequence[str]) -> StyleModel:
        pipeline = make_classifier()
        pipeline.fit([mask_topic(t) for t in texts], list(handles))
        return cls(pipeline)

    def predict(self, texts: Sequence[str]) -> list[str]:
        return [str(label) for label in self.pipeline.predict([mask_topic(t) for t in texts])]

    @property
    def handles(self) -> list[str]:
        return [str(label) for label in self.pipeline.classes_]


def cross_validated_accuracy(texts: Sequence[str], handles: Sequence[str], folds: int = 5, repeats: int = 5) -> float:
    """Share of posts attributed to their own author when each fold is predicted by a model fitted on the rest
    (stratified `folds`-fold cross-validation, averaged over `repeats` shuffles with seeds 0, 1, ...)."""
    masked, truth = [mask_topic(t) for t in texts], np.asarray(handles)
    scores = []
    for seed in range(repeats):
        split = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
        predicted = cross_val_predict(make_classifier(), masked, list(handles), cv=split)
        scores.append(float(np.mean(np.asarray(predicted) == truth)))
    return float(np.mean(scores))
