"""The attribution model behind both "who wrote this?" and the 0-100 voice-fidelity score.

Quotations are set aside first (`outside_quotations`): quoted words are someone else's voice.
Texts become one sparse vector: character n-gram TF-IDF (char_wb 2-5), word 1-3-gram TF-IDF (with
punctuation tokens, case kept), standardised style rates (sentence and line shape, pronouns,
reading grade, emoji/hashtag/list/question rates) and sentence-structure n-grams (part-of-speech tags
and the function-word skeleton, `narratives.voice.syntax`), which follow the writer across topics.
With two or more authors a linear SVM is trained one-vs-rest on all profiles; its per-author decision
value is the attribution score. The fidelity score is that same decision value passed through a per-
author logistic calibration fitted on cross-validated scores (own held-out texts versus everyone else's).
With a single author there is nothing to contrast, so the score is the cosine similarity to the author's
centroid, calibrated on the author's own cross-validated similarities.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import KFold, StratifiedKFold, cross_val_predict
from sklearn.pipeline import FeatureUnion, Pipeline, make_pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler, normalize
from sklearn.svm import LinearSVC

from core.errors import ValidationFailed
from narratives.voice.features import measure, outside_quotations, style_rates
from narratives.voice.syntax import SyntaxVectorizer

WORD_TOKENS = r"(?u)\b\w+\b|[^\w\s]"


@dataclass(frozen=True)
class ModelConfig:
    """Feature and classifier settings (the defaults are the ones evaluated on the dev corpus)."""

    char_ngrams: tuple[int, int] = (2, 5)
    word_ngrams: tuple[int, int] = (1, 3)
    min_df: int = 2
    char_weight: float = 0.5
    style_weight: float = 0.1
    syntax_weight: float = 1.0
    svm_c: float = 1.0
    folds: int = 5


def _own_words_lowercased(text: str) -> str:
    return outside_quotations(text).lower()


def _style_dicts(texts: Sequence[str]) -> list[dict[str, float]]:
    return [style_rates(measure(text), text) for text in texts]


def make_featurizer(config: ModelConfig, n_texts: int) -> FeatureUnion:
    """Character n-grams + word n-grams + style rates, all fitted on the training texts only."""
    min_df = config.min_df if n_texts >= 4 * config.min_df else 1
    style = make_pipeline(FunctionTransformer(_style_dicts), DictVectorizer(sparse=False), StandardScaler())
    return FeatureUnion(
        [
            (
                "chars",
                TfidfVectorizer(
                    analyzer="char_wb",
                    preprocessor=_own_words_lowercased,
                    ngram_range=config.char_ngrams,
                    sublinear_tf=True,
                    min_df=min_df,
                    dtype=np.float32,
                ),
            ),
            (
                "words",
                TfidfVectorizer(
                    analyzer="word",
                    ngram_range=config.word_ngrams,
                    preprocessor=outside_quotations,
                    lowercase=False,
                    token_pattern=WORD_TOKENS,
                    sublinear_tf=True,
                    min_df=min_df,
                    dtype=np.float32,
                ),
            ),
            ("style", style),
            ("syntax", SyntaxVectorizer(min_df=min_df)),
        ],
        transformer_weights={
            "chars": config.char_weight,
            "words": 1.0,
            "style": config.style_weight,
            "syntax": config.syntax_weight,
        },
    )


@dataclass
class VoiceModel:
    """Fitted attribution model over one or more authors."""

    authors: list[str]
    pipeline: Pipeline | None
    featurizer: FeatureUnion
    centroids: np.ndarray
    calibration: dict[str, tuple[float, float]] = field(default_factory=dict)

    def scores(self, texts: Sequence[str]) -> np.ndarray:
        """Raw attribution scores, one row per text and one column per author (higher = more alike)."""
        if self.pipeline is not None:
            values = np.asarray(self.pipeline.decision_function(list(texts)), dtype=float)
            return values.reshape(len(texts), -1) if len(self.authors) > 2 else _binary_columns(values)
        vectors = normalize(self.featurizer.transform(list(texts)))
        return np.asarray(vectors @ self.centroids.T, dtype=float)

    def rank(self, text: str) -> list[tuple[str, float]]:
        """Authors from most to least likely, with their raw scores."""
        row = self.scores([text])[0]
        order = np.argsort(-row, kind="stable")
        return [(self.authors[i], float(row[i])) for i in order]

    def attribute(self, text: str) -> str:
        return self.rank(text)[0][0]

    def fidelity(self, text: str, author: str) -> float:
        """0-100: how much the text reads like this author (calibrated on held-out texts)."""
        return float(self.fidelities([text], author)[0])

    def fidelities(self, texts: Sequence[str], author: str) -> np.ndarray:
        if author not in self.authors:
            raise ValidationFailed(f"No voice profile for {author!r}.")
        if author not in self.calibration:
            raise ValidationFailed("This model was fitted without calibration; fidelity is unavailable.")
        slope, intercept = self.calibration[author]
        raw = self.scores(texts)[:, self.authors.index(author)]
        return np.round(100.0 / (1.0 + np.exp(-(slope * raw + intercept))), 1)


def _binary_columns(values: np.ndarray) -> np.ndarray:
    """LinearSVC gives one column for two classes (positive = second class)."""
    return np.column_stack([-values, values])


def _centroids(featurizer: FeatureUnion, texts: Sequence[str], labels: np.ndarray, authors: list[str]) -> np.ndarray:
    matrix = normalize(featurizer.transform(list(texts)))
    rows = [np.asarray(matrix[labels == author].mean(axis=0)).ravel() for author in authors]
    return normalize(np.vstack(rows))


def fit_voice_model(
    corpus: Mapping[str, Sequence[str]], config: ModelConfig | None = None, *, calibrate: bool = True
) -> VoiceModel:
    """Fit on {author: [their texts]}. Calibration needs at least two texts per author."""
    config = config or ModelConfig()
    authors = sorted(author for author, texts in corpus.items() if any(t.strip() for t in texts))
    if not authors:
        raise ValidationFailed("No texts to learn a voice from.")
    texts = [t for author in authors for t in corpus[author] if t.strip()]
    labels = np.array([author for author in authors for t in corpus[author] if t.strip()])
    featurizer = make_featurizer(config, len(texts))
    pipeline = None
    if len(authors) >= 2:
        pipeline = Pipeline([("features", featurizer), ("svm", LinearSVC(C=config.svm_c))]).fit(texts, labels)
    else:
        featurizer.fit(texts)
    model = VoiceModel(authors, pipeline, featurizer, _centroids(featurizer, texts, labels, authors))
    if calibrate:
        model.calibration = _calibrate(model, texts, labels, config)
    return model


def _cv_scores(model: VoiceModel, texts: list[str], labels: np.ndarray, config: ModelConfig) -> np.ndarray:
    smallest = min(int((labels == author).sum()) for author in model.authors)
    folds = min(config.folds, smallest)
    if folds < 2:
        raise ValidationFailed("Calibrating a voice needs at least two posts per leader.")
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    if model.pipeline is not None:
        values = cross_val_predict(
            _fresh_pipeline(config, len(texts)), texts, labels, cv=splitter, method="decision_function"
        )
        return values if len(model.authors) > 2 else _binary_columns(values)
    scores = np.zeros((len(texts), 1))
    for train, test in KFold(n_splits=folds, shuffle=True, random_state=0).split(texts):
        featurizer = make_featurizer(config, len(train)).fit([texts[i] for i in train])
        centroid = _centroids(featurizer, [texts[i] for i in train], labels[train], model.authors)
        scores[test, 0] = (normalize(featurizer.transform([texts[i] for i in test])) @ centroid.T).ravel()
    return scores


def _fresh_pipeline(config: ModelConfig, n_texts: int) -> Pipeline:
    return Pipeline([("features", make_featurizer(config, n_texts)), ("svm", LinearSVC(C=config.svm_c))])


def _calibrate(
    model: VoiceModel, texts: list[str], labels: np.ndarray, config: ModelConfig
) -> dict[str, tuple[float, float]]:
    scores = _cv_scores(model, texts, labels, config)
    calibration: dict[str, tuple[float, float]] = {}
    for column, author in enumerate(model.authors):
        own = scores[labels == author, column]
        if len(model.authors) == 1:
            spread = max(float(np.std(own)), 1e-3)
            calibration[author] = (2.0 / spread, -2.0 * (float(np.mean(own)) - 2.0 * spread) / spread)
            continue
        target = (labels == author).astype(int)
        logistic = LogisticRegression(class_weight="balanced").fit(scores[:, [column]], target)
        calibration[author] = (float(logistic.coef_[0, 0]), float(logistic.intercept_[0]))
    return calibration
