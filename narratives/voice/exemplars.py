"""Exemplar retrieval: a leader's past posts most similar to a topic."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

Embedder = Callable[[list[str]], list[list[float]]]


@dataclass(frozen=True)
class Exemplar:
    index: int
    score: float
    text: str


def similar_posts(posts: Sequence[str], topic: str, k: int = 3, embed: Embedder | None = None) -> list[Exemplar]:
    """The k posts closest to the topic: TF-IDF cosine, or dense cosine when an embedder is given."""
    if not posts or not topic.strip() or k <= 0:
        return []
    if embed is not None:
        vectors = normalize(np.asarray(embed([topic, *posts]), dtype=float))
        similarity = vectors[1:] @ vectors[0]
    else:
        vectorizer = TfidfVectorizer(stop_words="english", ngram_range=(1, 2), sublinear_tf=True)
        try:
            matrix = vectorizer.fit_transform([*posts, topic])
        except ValueError:  # only stop words everywhere
            return []
        similarity = (matrix[:-1] @ matrix[-1].T).toarray().ravel()
    order = np.argsort(-similarity, kind="stable")[:k]
    return [Exemplar(int(i), float(similarity[i]), posts[int(i)]) for i in order if similarity[i] > 0]
