"""Hybrid retrieval: Chroma dense + bm25s lexical, reciprocal rank fusion, filters, de-duplication."""

from __future__ import annotations

import math
import re
import threading
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

import bm25s
import numpy as np
import Stemmer

from kb.embeddings import NamedEmbeddings
from kb.store import ChunkStore, StoredChunk

RRF_K = 60
OVERFETCH = 1.5  # margin over the share of chunks that pass the filters
MAX_DENSE_FETCH = 2000  # beyond this, Chroma's own filtered query is cheaper than over-fetching ids
CANDIDATES = 100
DENSE_WEIGHT = 3.0  # tuned on the dev questions only: dense is the stronger ranker, BM25 rescues exact terms
DUPLICATE_JACCARD = 0.8
_STEMMER = Stemmer.Stemmer("english")


@dataclass(frozen=True)
class SearchFilters:
    tags: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    document_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class Citation:
    title: str
    locator: str
    quote: str

    def __str__(self) -> str:
        return f'{self.title}, {self.locator}: "{self.quote}"'


@dataclass(frozen=True)
class SearchHit:
    chunk_id: str
    document_id: str
    title: str
    locator: str
    text: str
    score: float
    citation: Citation
    tags: tuple[str, ...] = ()
    visibility: str = "company"
    suspicious_instructions: bool = False
    source: str = ""
    similarity: float | None = None
    """Cosine similarity of the query and the chunk when the dense ranking found it (None: lexical match only)."""


def date_key(value: date | None) -> int:
    return int(value.strftime("%Y%m%d")) if value else 0


def chroma_where(filters: SearchFilters, visibilities: tuple[str, ...]) -> dict[str, Any]:
    clauses: list[dict[str, Any]] = [{"visibility": {"$in": list(visibilities)}}]
    if filters.document_ids:
        clauses.append({"doc_id": {"$in": list(filters.document_ids)}})
    if filters.date_from:
        clauses.append({"date": {"$gte": date_key(filters.date_from)}})
    if filters.date_to:
        clauses.append({"date": {"$lte": date_key(filters.date_to)}})
    if filters.date_to and not filters.date_from:
        clauses.append({"date": {"$gt": 0}})
    clauses.extend({"tags": {"$contains": tag}} for tag in filters.tags)
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def indexed_text(chunk: StoredChunk) -> str:
    """What is embedded and lexically indexed: a context header plus the chunk."""
    header = chunk.metadata.get("header", "")
    return f"{header}\n{chunk.text}" if header else chunk.text


def _tokenize(texts: list[str]) -> Any:
    return bm25s.tokenize(texts, stopwords="en", stemmer=_STEMMER, show_progress=False)


class _Codes:
    """A string column stored as integer codes, so filter masks are cheap at 100k chunks."""

    def __init__(self, values: list[str]) -> None:
        labels, codes = np.unique(np.array(values, dtype=str), return_inverse=True) if values else ([], [])
        self._index = {str(label): i for i, label in enumerate(labels)}
        self._codes = np.asarray(codes, dtype=np.int32)

    def mask(self, wanted: tuple[str, ...]) -> np.ndarray:
        ids = [self._index[w] for w in wanted if w in self._index]
        return np.isin(self._codes, np.array(ids, dtype=np.int32))


class LexicalIndex:
    """A BM25 index over every chunk of one collection generation, with filter columns."""

    def __init__(self, chunks: list[StoredChunk]) -> None:
        self.chunks = chunks
        meta = [c.metadata for c in chunks]
        self._visibility = _Codes([str(m.get("visibility", "")) for m in meta])
        self._doc = _Codes([str(m.get("doc_id", "")) for m in meta])
        self._date = np.array([int(m.get("date", 0) or 0) for m in meta], dtype=np.int64)
        self._tags = [frozenset(m.get("tags") or ()) for m in meta]
        self._position = {chunk.id: index for index, chunk in enumerate(chunks)}
        self._bm25 = bm25s.BM25()
        if chunks:
            self._bm25.index(_tokenize([indexed_text(c) for c in chunks]), show_progress=False)

    def mask(self, filters: SearchFilters, visibilities: tuple[str, ...]) -> np.ndarray:
        """One boolean per chunk: may this reader see it, and does it pass the filters."""
        mask = self._visibility.mask(visibilities)
        if filters.document_ids:
            mask &= self._doc.mask(filters.document_ids)
        if filters.date_from:
            mask &= self._date >= date_key(filters.date_from)
        if filters.date_to:
            mask &= (self._date <= date_key(filters.date_to)) & (self._date > 0)
        if filters.tags:
            wanted = set(filters.tags)
            mask &= np.fromiter((wanted <= t for t in self._tags), dtype=bool, count=len(self._tags))
        return mask

    def allowed(self, neighbours: list[tuple[str, float]], mask: np.ndarray, limit: int) -> list[StoredChunk] | None:
        """The neighbours (id, distance) inside the mask, as chunks, or None if an id is not in this index."""
        positions = [self._position.get(chunk_id) for chunk_id, _ in neighbours]
        if any(position is None for position in positions):
            return None
        kept = [(p, d) for (_, d), p in zip(neighbours, positions, strict=True) if p is not None and mask[p]]
        return [replace(self.chunks[position], distance=distance) for position, distance in kept[:limit]]

    def search(self, query: str, n: int, mask: np.ndarray) -> list[StoredChunk]:
        """The n best BM25 matches among the chunks inside the mask."""
        if not self.chunks:
            return []
        tokens = _tokenize([query])
        if not tokens.ids or not tokens.ids[0]:
            return []
        allowed = int(mask.sum())
        if allowed == 0:
            return []
        docs, scores = self._bm25.retrieve(
            tokens, k=min(n, allowed), weight_mask=mask.astype(np.float32), show_progress=False, n_threads=1
        )
        return [self.chunks[int(i)] for i, s in zip(docs[0], scores[0], strict=True) if s > 0]


def rrf(
    rankings: list[list[StoredChunk]], k: int = RRF_K, weights: list[float] | None = None
) -> list[tuple[StoredChunk, float]]:
    """Weighted reciprocal rank fusion: score = sum of weight / (k + rank) over the rankings."""
    scores: dict[str, float] = {}
    chunks: dict[str, StoredChunk] = {}
    for ranking, weight in zip(rankings, weights or [1.0] * len(rankings), strict=True):
        for rank, chunk in enumerate(ranking, start=1):
            scores[chunk.id] = scores.get(chunk.id, 0.0) + weight / (k + rank)
            chunks.setdefault(chunk.id, chunk)
    ordered = sorted(scores, key=lambda cid: scores[cid], reverse=True)
    return [(chunks[cid], scores[cid]) for cid in ordered]


_WORD = re.compile(r"\w+")


def _shingles(text: str, size: int = 3) -> set[tuple[str, ...]]:
    words = _WORD.findall(text.lower())
    return {tuple(words[i : i + size]) for i in range(max(len(words) - size + 1, 1))}


def drop_near_duplicates(ranked: list[tuple[StoredChunk, float]], limit: int) -> list[tuple[StoredChunk, float]]:
    """Keep the best of chunks whose word 3-shingles overlap by DUPLICATE_JACCARD or more."""
    kept: list[tuple[StoredChunk, float, set[tuple[str, ...]]]] = []
    for chunk, score in ranked:
        shingles = _shingles(chunk.text)
        if any(len(shingles & s) / max(len(shingles | s), 1) >= DUPLICATE_JACCARD for _, _, s in kept):
            continue
        kept.append((chunk, score, shingles))
        if len(kept) == limit:
            break
    return [(c, s) for c, s, _ in kept]


def best_quote(text: str, query: str, max_chars: int = 220) -> str:
    """The sentence (or line) of the chunk sharing the most words with the query, shortened."""
    terms = set(_WORD.findall(query.lower()))
    pieces = [p.strip() for p in re.split(r"(?<=[.!?])\s+|\n+", text) if p.strip()]
    if not pieces:
        return ""
    best = max(pieces, key=lambda p: len(terms & set(_WORD.findall(p.lower()))))
    return best if len(best) <= max_chars else best[: max_chars - 1].rsplit(" ", 1)[0] + "…"


class HybridRetriever:
    """Dense + lexical retrieval over one ChunkStore; the BM25 index is rebuilt only when the store changes."""

    def __init__(self, store: ChunkStore, embedder: NamedEmbeddings, candidates: int = CANDIDATES) -> None:
        self._store = store
        self._embedder = embedder
        self._candidates = candidates
        self._lock = threading.Lock()
        self._lexical: LexicalIndex | None = None
        self._generation: str | None = None

    def lexical_index(self) -> LexicalIndex:
        generation = self._store.generation()
        with self._lock:
            if self._lexical is None or generation != self._generation:
                self._lexical = LexicalIndex(list(self._store.iter_all()))
                self._generation = generation
            return self._lexical

    def search(self, query: str, k: int, filters: SearchFilters, visibilities: tuple[str, ...]) -> list[SearchHit]:
        if not query.strip() or not visibilities:
            return []
        vector = self._embedder.embed_query(query)
        index = self.lexical_index()
        mask = index.mask(filters, visibilities)
        dense = self._dense(vector, index, mask)
        if dense is None:
            dense = self._store.query(vector, self._candidates, chroma_where(filters, visibilities))
        lexical = index.search(query, self._candidates, mask)
        fused = drop_near_duplicates(rrf([dense, lexical], weights=[DENSE_WEIGHT, 1.0]), k)
        return [to_hit(chunk, score, query) for chunk, score in fused]

    def _dense(self, vector: list[float], index: LexicalIndex, mask: np.ndarray) -> list[StoredChunk] | None:
        """Nearest chunks inside the mask, or None when Chroma's filtered query is the better route.

        Chroma's metadata filter and payload fetch cost ~1 ms per 200 chunks, so ask it for ids only, over-fetched
        by the share of chunks the mask lets through, and take text and metadata from the in-memory index. A very
        selective filter, too few survivors, or an index behind the store means None."""
        wanted = self._candidates
        passing_share = float(mask.mean()) if len(mask) else 0.0
        if passing_share == 0.0:
            return None
        fetch = math.ceil(wanted * OVERFETCH / passing_share)
        if fetch > MAX_DENSE_FETCH:
            return None
        neighbours = self._store.query_ids(vector, fetch)
        passing = index.allowed(neighbours, mask, wanted)
        if passing is not None and (len(passing) >= wanted or len(neighbours) < fetch):
            return passing
        return None


def to_hit(chunk: StoredChunk, score: float, query: str) -> SearchHit:
    meta = chunk.metadata
    title, locator = str(meta.get("title", "")), str(meta.get("locator", ""))
    return SearchHit(
        chunk_id=chunk.id,
        document_id=str(meta.get("doc_id", "")),
        title=title,
        locator=locator,
        text=chunk.text,
        score=score,
        citation=Citation(title=title, locator=locator, quote=best_quote(chunk.text, query)),
        tags=tuple(meta.get("tags") or ()),
        visibility=str(meta.get("visibility", "company")),
        suspicious_instructions=bool(meta.get("suspicious", False)),
        source=str(meta.get("source", "")),
        similarity=None if chunk.distance is None else round(1.0 - float(chunk.distance), 4),
    )
