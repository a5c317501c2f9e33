"""Knowledge-base scale benchmark: add throughput, hybrid query latency and memory at 10k and 100k chunks.

Dense vectors for the stored chunks are synthetic (random unit vectors) so the run takes minutes, not hours;
the chunk text is synthetic too (Zipf-distributed vocabulary), and the BM25 side is the real bm25s index.
Queries go through the real hybrid path: MiniLM query embedding, Chroma dense search, BM25, fusion, de-dup.

    .venv/bin/python bench/kb_scale.py [--sizes 10000 100000]
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.retrieval import HybridRetriever, SearchFilters
from kb.store import ChunkStore, make_client

WORDS_PER_CHUNK = 110
VOCABULARY = 20_000
QUERIES = 60


class SyntheticVectors(LocalMiniLMEmbeddings):
    """Real MiniLM for queries; the stored chunks get random vectors instead of being embedded."""

    identity = "bench:synthetic-384"


def synthetic_words(rng: np.random.Generator) -> np.ndarray:
    syllables = ["ka", "lo", "mi", "ner", "tos", "va", "rel", "din", "pra", "sul", "ost", "em", "qui", "bar"]
    words = {"".join(rng.choice(syllables, size=rng.integers(2, 5))) for _ in range(VOCABULARY * 2)}
    return np.array(sorted(words)[:VOCABULARY])


def make_chunks(rng: np.random.Generator, words: np.ndarray, count: int) -> list[str]:
    ranks = np.minimum(rng.zipf(1.2, size=(count, WORDS_PER_CHUNK)), len(words)) - 1
    return [" ".join(words[row]) for row in ranks]


def add_chunks(store: ChunkStore, texts: list[str], rng: np.random.Generator) -> float:
    vectors = rng.standard_normal((len(texts), 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    metadatas = [
        {
            "doc_id": f"doc-{i // 40}",
            "title": f"Doc {i // 40}",
            "locator": f"page {i % 40 + 1}",
            "visibility": "company" if i % 10 else f"private:leader{i % 7}",
            "date": 20240101 + (i % 28),
            "tags": ["bench", f"t{i % 5}"],
            "header": f"Doc {i // 40}",
            "sha": "x",
            "source": "bench",
        }
        for i in range(len(texts))
    ]
    started = time.perf_counter()
    store.add([f"c{i}" for i in range(len(texts))], texts, vectors.tolist(), metadatas)
    return time.perf_counter() - started


def measure(size: int, embeddings: SyntheticVectors, rng: np.random.Generator, words: np.ndarray) -> dict[str, float]:
    with tempfile.TemporaryDirectory(prefix="kb-scale-") as tmp:
        settings = Settings(BYLINE_DATA_DIR=tmp)
        store = ChunkStore.for_embedder(make_client(settings), embeddings)
        texts = make_chunks(rng, words, size)
        add_seconds = add_chunks(store, texts, rng)
        retriever = HybridRetriever(store, embeddings)
        started = time.perf_counter()
        retriever.lexical_index()
        bm25_build = time.perf_counter() - started
        queries = [" ".join(rng.choice(texts[int(rng.integers(size))].split(), size=4)) for _ in range(QUERIES)]
        latencies = []
        visibilities = ("company", "private:leader3")
        for i, query in enumerate(queries):
            filters = SearchFilters(tags=("t1",)) if i % 3 == 0 else SearchFilters()
            began = time.perf_counter()
            hits = retriever.search(query, 5, filters, visibilities)
            latencies.append((time.perf_counter() - began) * 1000)
            assert hits, query
        disk = sum(p.stat().st_size for p in Path(tmp).rglob("*") if p.is_file())
    ordered = sorted(latencies)
    return {
        "chunks": size,
        "add_chunks_per_s": round(size / add_seconds, 1),
        "bm25_build_s": round(bm25_build, 2),
        "query_ms_p50": round(statistics.median(ordered), 2),
        "query_ms_p95": round(ordered[int(0.95 * (len(ordered) - 1))], 2),
        "max_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "disk_mb": round(disk / 1048576, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
    args = parser.parse_args()
    rng = np.random.default_rng(7)
    words = synthetic_words(rng)
    embeddings = SyntheticVectors()
    results = [measure(size, embeddings, rng, words) for size in args.sizes]
    print(json.dumps({"kb_scale": results, "target": "query p50 < 50 ms at 100k chunks"}))


if __name__ == "__main__":
    main()
