"""The dense side's two routes (ids-only over-fetch, Chroma's filtered query) find the same allowed chunks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.retrieval import HybridRetriever, SearchFilters
from kb.store import ChunkStore, make_client

CHUNKS = 1200
VISIBLE = ("company", "private:leader1")


@pytest.fixture
def vectors() -> np.ndarray:
    rng = np.random.default_rng(3)
    raw = rng.standard_normal((CHUNKS, 384)).astype(np.float32)
    return raw / np.linalg.norm(raw, axis=1, keepdims=True)


@pytest.fixture
def store(tmp_path: Path, embedder: LocalMiniLMEmbeddings, vectors: np.ndarray) -> ChunkStore:
    """Random unit vectors with a common tag (every other chunk) and a rare one (every 200th)."""
    metadatas = [
        {
            "doc_id": f"doc-{i // 10}",
            "visibility": "company" if i % 4 else f"private:leader{i % 3}",
            "tags": ["all"] + (["common"] if i % 2 else []) + (["rare"] if i % 200 == 0 else []),
            "date": 20240101,
        }
        for i in range(CHUNKS)
    ]
    chunk_store = ChunkStore.for_embedder(make_client(Settings(BYLINE_DATA_DIR=str(tmp_path))), embedder)
    texts = [f"chunk {i} about topic {i % 17}" for i in range(CHUNKS)]
    chunk_store.add([f"c{i}" for i in range(CHUNKS)], texts, vectors.tolist(), metadatas)
    return chunk_store


def _exact_nearest(vectors: np.ndarray, query: list[float], allowed: np.ndarray, n: int) -> set[str]:
    distances = np.where(allowed, 1.0 - vectors @ np.asarray(query, dtype=np.float32), np.inf)
    return {f"c{i}" for i in np.argsort(distances)[:n]}


def test_ids_route_finds_the_nearest_allowed_chunks(
    store: ChunkStore, embedder: LocalMiniLMEmbeddings, vectors: np.ndarray
) -> None:
    """Both routes sit on Chroma's approximate (HNSW) index, so they are held to exact search by recall."""
    retriever = HybridRetriever(store, embedder, candidates=20)
    index = retriever.lexical_index()
    query = embedder.embed_query("topic 5")
    for filters in (SearchFilters(), SearchFilters(tags=("common",))):
        mask = index.mask(filters, VISIBLE)
        dense = retriever._dense(query, index, mask)
        assert dense is not None, filters
        assert all(chunk.metadata["visibility"] in VISIBLE for chunk in dense)
        assert all(set(filters.tags) <= set(chunk.metadata["tags"]) for chunk in dense)
        assert [chunk.distance for chunk in dense] == sorted(chunk.distance for chunk in dense)
        allowed = np.zeros(CHUNKS, dtype=bool)
        allowed[[int(chunk.id[1:]) for chunk in index.chunks]] = mask  # the mask follows the index's order
        exact = _exact_nearest(vectors, query, allowed, 20)
        assert len(exact & {chunk.id for chunk in dense}) >= 18, filters


def test_selective_filter_takes_chromas_filtered_query(store: ChunkStore, embedder: LocalMiniLMEmbeddings) -> None:
    retriever = HybridRetriever(store, embedder, candidates=20)
    index = retriever.lexical_index()
    rare = SearchFilters(tags=("rare",))
    assert retriever._dense(embedder.embed_query("topic 5"), index, index.mask(rare, VISIBLE)) is None
    hits = retriever.search("chunk topic", 5, rare, VISIBLE)
    expected = {f"c{i}" for i in range(0, CHUNKS, 200) if (i % 4 or i % 3 == 1)}
    assert hits and {hit.chunk_id for hit in hits} <= expected


def test_nothing_visible_finds_nothing(store: ChunkStore, embedder: LocalMiniLMEmbeddings) -> None:
    retriever = HybridRetriever(store, embedder)
    assert retriever.search("chunk topic", 5, SearchFilters(tags=("no-such-tag",)), VISIBLE) == []
