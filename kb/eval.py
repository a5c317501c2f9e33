"""Retrieval evaluation: Byline's pipeline against a plain LangChain baseline, same embedder, same process."""

from __future__ import annotations

import csv
import statistics
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from fnmatch import fnmatch
from pathlib import Path
from typing import Any

from sqlalchemy import Engine

from core.settings import Settings
from kb.embeddings import NamedEmbeddings
from kb.factory import open_knowledge_base

OpenDatabase = Callable[[Settings], Engine]

Retrieve = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Question:
    text: str
    pattern: str


def read_questions(path: Path) -> list[Question]:
    """`Source Docs` holds a glob over file names: `*2023 Q3 AAPL*` or `*AAPL*`."""
    with path.open(newline="", encoding="utf-8") as handle:
        return [Question(row["Question"], row["Source Docs"].strip()) for row in csv.DictReader(handle)]


def first_relevant_rank(sources: list[str], pattern: str) -> int | None:
    for rank, source in enumerate(sources, start=1):
        if fnmatch(Path(source).name, pattern):
            return rank
    return None


def score(retrieve: Retrieve, questions: list[Question], k: int) -> dict[str, float]:
    ranks, latencies = [], []
    for question in questions:
        started = time.perf_counter()
        sources = retrieve(question.text, k)
        latencies.append((time.perf_counter() - started) * 1000)
        ranks.append(first_relevant_rank(sources[:k], question.pattern))
    ordered = sorted(latencies)
    return {
        f"hit@{k}": round(sum(r is not None for r in ranks) / len(ranks), 4),
        "mrr": round(sum(1 / r for r in ranks if r) / len(ranks), 4),
        "query_ms_p50": round(statistics.median(ordered), 2),
        "query_ms_p95": round(ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))], 2),
    }


def run_byline(
    docs: Path, questions: list[Question], k: int, embedder: NamedEmbeddings, work: Path, open_database: OpenDatabase
) -> dict[str, Any]:
    settings = Settings(BYLINE_DATA_DIR=str(work / "byline"), BYLINE_MAX_UPLOAD_MB=200)
    kb = open_knowledge_base(settings, open_database(settings), embedder)
    started = time.perf_counter()
    results = kb.ingest_paths([docs])
    seconds = time.perf_counter() - started
    chunks = sum(r.chunks for r in results)
    scores = score(lambda q, n: [h.source for h in kb.search(q, None, k=n)], questions, k)
    failed = [r.name for r in results if r.status == "failed"]
    return {**scores, "chunks": chunks, "ingest_chunks_per_s": round(chunks / seconds, 2), "failed": failed}


def run_baseline(
    docs: Path, questions: list[Question], k: int, embedder: NamedEmbeddings, work: Path
) -> dict[str, Any]:
    """RecursiveCharacterTextSplitter(1000, 200) + langchain-chroma similarity_search, pypdf page text."""
    from langchain_chroma import Chroma
    from langchain_core.documents import Document
    from langchain_text_splitters import RecursiveCharacterTextSplitter
    from pypdf import PdfReader

    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    started = time.perf_counter()
    pages = [
        Document(page.extract_text() or "", metadata={"source": path.name})
        for path in sorted(docs.glob("*.pdf"))
        for page in PdfReader(path).pages
    ]
    chunks = splitter.split_documents(pages)
    store = Chroma("baseline", embedding_function=embedder, persist_directory=str(work / "baseline"))  # type: ignore[arg-type]
    store.add_documents(chunks)
    seconds = time.perf_counter() - started
    scores = score(lambda q, n: [d.metadata["source"] for d in store.similarity_search(q, k=n)], questions, k)
    return {**scores, "chunks": len(chunks), "ingest_chunks_per_s": round(len(chunks) / seconds, 2)}


def run_eval(
    docs: Path, questions_csv: Path, k: int, embedder: NamedEmbeddings, open_database: OpenDatabase
) -> dict[str, Any]:
    """Both pipelines in throwaway stores (Byline's database opened by `open_database`); one dict of figures."""
    questions = read_questions(questions_csv)
    with tempfile.TemporaryDirectory(prefix="byline-eval-") as tmp:
        work = Path(tmp)
        byline = run_byline(docs, questions, k, embedder, work, open_database)
        baseline = run_baseline(docs, questions, k, embedder, work)
    return {"k": k, "questions": len(questions), "byline": byline, "baseline": baseline}
