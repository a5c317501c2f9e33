"""What the knowledge base hands back: document rows, dense neighbours, sync reports; and small input helpers."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from kb.ingest import IngestResult
from kb.store import StoredChunk


@dataclass(frozen=True)
class DocumentInfo:
    id: str
    title: str
    source: str
    kind: str
    doc_date: date | None
    tags: tuple[str, ...]
    visibility: str
    chunk_count: int
    ingested_at: datetime
    uploaded_by: int | None = None


@dataclass(frozen=True)
class ChunkNeighbour:
    """A chunk close to a query text: its document, similarity (1 - cosine distance) and a short quote."""

    document_id: str
    title: str
    similarity: float
    quote: str
    doc_date: date | None = None

    @classmethod
    def of(cls, chunk: StoredChunk) -> ChunkNeighbour:
        raw_date = int(chunk.metadata.get("date") or 0)
        when = date(raw_date // 10000, raw_date // 100 % 100, raw_date % 100) if raw_date else None
        quote = " ".join(chunk.text.split())[:200]
        similarity = 1.0 - float(chunk.distance if chunk.distance is not None else 1.0)
        return cls(str(chunk.metadata.get("doc_id", "")), str(chunk.metadata.get("title", "")), similarity, quote, when)


@dataclass
class SyncReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[IngestResult] = field(default_factory=list)


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(t.strip().lower() for t in tags if t and t.strip()))


def supported_files(paths: Sequence[Path]) -> list[Path]:
    """Files as given, plus the files inside given folders (hidden files skipped)."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(
                sorted(
                    p
                    for p in path.rglob("*")
                    if p.is_file() and not any(x.startswith(".") for x in p.relative_to(path).parts)
                )
            )
        else:
            found.append(path)
    return found
