"""The dense side's two routes (ids-only over-fetch, Chroma's filtered query) find the same allowed chunks."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.embeddings import LocalMiniLMEmbeddings
from kb.retrieval import HybridRetriever, SearchFilters, chroma_where
from kb.store import ChunkStore, make_client
from workspace.settings import Settings

CHUNKS = 1200
VISIBLE = ("company", "private:leader1")


@pytest.fixture
def store(tmp_path: Path, embedder: LocalMiniLMEmbeddings) -> ChunkStore:
    """Random unit vectors with a common tag (every other chunk) and a rare one (every 200th)."""
    rng = np.random.default_rng(3)
    vectors = rng.standard_normal((CHUNKS, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
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


def _filtered_truth(store: ChunkStore, vector: list[float], filters: SearchFilters, n: int) -> list[str]:
    return [chunk.id for chunk in store.query(vector, n, chroma_where(filters, VISIBLE))]


def test_ids_route_returns_the_same_nearest_allowed_chunks(store: ChunkStore, embedder: LocalMiniLMEmbeddings) -> None:
    retriever = HybridRetriever(store, embedder, candidates=20)
    index = retriever.lexical_index()
    vector = embedder.embed_query("topic 5")
    for filters in (SearchFilters(), SearchFilters(tags=("common",))):
        dense = retriever._dense(vector, index, index.mask(filters, VISIBLE))
        assert dense is not None, filters
        assert [chunk.id for chunk in dense] == _filtered_truth(store, vector, filters, 20)
        assert all(chunk.metadata["visibility"] in VISIBLE for chunk in dense)


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
