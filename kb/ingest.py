"""One document in: size check, hash, extract, chunk, embed, store; old chunks replaced, never duplicated."""

from __future__ import annotations

import hashlib
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any, Literal

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.settings import Settings
from kb.chunking import Chunk, chunk_sections
from kb.embeddings import NamedEmbeddings, embedder_identity
from kb.errors import IngestError
from kb.loaders import load_document
from kb.models import KbDocument
from kb.retrieval import date_key
from kb.safety import looks_like_instructions
from kb.sections import LoadedDocument
from kb.store import ChunkStore

Progress = Callable[[int, int], None]
Status = Literal["added", "updated", "unchanged", "duplicate", "failed", "removed"]
EMBED_BATCH = 32


@dataclass(frozen=True)
class IngestResult:
    name: str
    status: Status
    document_id: str | None = None
    chunks: int = 0
    error: str | None = None


@dataclass(frozen=True)
class IngestRequest:
    name: str
    data: bytes
    source: str
    tags: tuple[str, ...] = ()
    visibility: str = "company"
    doc_date: date | None = None
    watched: bool = False


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chunk_header(document: LoadedDocument, chunk: Chunk) -> str:
    parts = [document.title, document.context, chunk.heading]
    return " | ".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


class Ingestor:
    """Writes documents to the registry (SQL) and their chunks to the store (Chroma)."""

    def __init__(self, engine: Engine, store: ChunkStore, embedder: NamedEmbeddings, settings: Settings) -> None:
        self._engine = engine
        self._store = store
        self._embedder = embedder
        self._settings = settings

    def check_size(self, name: str, size: int) -> None:
        limit = self._settings.max_upload_mb * 1024 * 1024
        if size > limit:
            mb = size / 1048576
            raise IngestError(name, f"the file is {mb:.1f} MB; the limit is {self._settings.max_upload_mb} MB.")

    def ingest(self, request: IngestRequest, progress: Progress | None = None) -> IngestResult:
        """Add or replace one document; unchanged content is a no-op. Raises IngestError."""
        self.check_size(request.name, len(request.data))
        sha = sha256_of(request.data)
        existing_id, skipped = self._lookup(request, sha)
        if skipped is not None:
            return skipped
        document = load_document(request.name, request.data)
        chunks = chunk_sections(document.sections)
        doc_id = existing_id or str(uuid.uuid4())
        metadatas = [self._metadata(doc_id, sha, request, document, chunk, i) for i, chunk in enumerate(chunks)]
        texts = [f"{m['header']}\n{c.text}" for m, c in zip(metadatas, chunks, strict=True)]
        vectors = self._embed(texts, progress)
        ids = [f"{doc_id}:{sha[:16]}:{i:05d}" for i in range(len(chunks))]
        # New chunks first, then the old version's: a failure never leaves the document without chunks.
        self._store.add(ids, [c.text for c in chunks], vectors, metadatas)
        self._store.delete({"$and": [{"doc_id": doc_id}, {"sha": {"$ne": sha}}]})
        self._record(doc_id, sha, request, document, len(chunks))
        return IngestResult(request.name, "updated" if existing_id else "added", doc_id, len(chunks))

    def _lookup(self, request: IngestRequest, sha: str) -> tuple[str | None, IngestResult | None]:
        """(id of the document at this source, a result if nothing needs doing)."""
        with unit_of_work(self._engine) as session:
            existing = session.scalars(select(KbDocument).where(KbDocument.source == request.source)).first()
            if existing is not None and existing.content_sha256 == sha:
                return existing.id, IngestResult(request.name, "unchanged", existing.id, existing.chunk_count)
            twin = session.scalars(
                select(KbDocument).where(KbDocument.content_sha256 == sha, KbDocument.visibility == request.visibility)
            ).first()
            if existing is None and twin is not None:
                return None, IngestResult(request.name, "duplicate", twin.id, twin.chunk_count)
            return (existing.id if existing is not None else None), None

    def _record(self, doc_id: str, sha: str, request: IngestRequest, document: LoadedDocument, count: int) -> None:
        stored = self._keep_copy(doc_id, request)
        with unit_of_work(self._engine) as session:
            row = session.get(KbDocument, doc_id) or KbDocument(id=doc_id)
            row.title, row.source, row.content_sha256, row.kind = document.title, request.source, sha, document.kind
            row.doc_date = request.doc_date or document.date
            row.tags, row.visibility, row.watched = list(request.tags), request.visibility, request.watched
            row.embedder, row.chunk_count = embedder_identity(self._embedder), count  # type: ignore[arg-type]
            row.size_bytes, row.stored_path = len(request.data), str(stored)
            session.add(row)

    def _embed(self, texts: list[str], progress: Progress | None) -> list[list[float]]:
        vectors: list[list[float]] = []
        for start in range(0, len(texts), EMBED_BATCH):
            vectors.extend(self._embedder.embed_documents(texts[start : start + EMBED_BATCH]))
            if progress is not None:
                progress(len(vectors), len(texts))
        if progress is not None and not texts:
            progress(0, 0)
        return vectors

    @staticmethod
    def _metadata(
        doc_id: str, sha: str, request: IngestRequest, document: LoadedDocument, chunk: Chunk, position: int
    ) -> dict[str, Any]:
        metadata: dict[str, Any] = {
            "doc_id": doc_id,
            "sha": sha,
            "title": document.title,
            "source": request.source,
            "locator": chunk.locator,
            "heading": chunk.heading,
            "kind": chunk.kind,
            "date": date_key(request.doc_date or document.date),
            "visibility": request.visibility,
            "header": chunk_header(document, chunk),
            "suspicious": looks_like_instructions(chunk.text),
            "position": position,
        }
        if request.tags:
            metadata["tags"] = list(request.tags)
        return metadata

    def _keep_copy(self, doc_id: str, request: IngestRequest) -> Path:
        """Keep the original so the index can be rebuilt with another embedder."""
        folder = self._settings.uploads_dir / "kb" / doc_id
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            old.unlink()
        target = folder / PurePath(request.name).name
        target.write_bytes(request.data)
        return target


def remove_document(engine: Engine, store: ChunkStore, settings: Settings, doc_id: str) -> None:
    """Chunks first, then the registry row and the kept copy."""
    store.delete({"doc_id": doc_id})
    with unit_of_work(engine) as session:
        row = session.get(KbDocument, doc_id)
        if row is not None:
            session.delete(row)
    folder = settings.uploads_dir / "kb" / doc_id
    if folder.is_dir():
        for old in folder.iterdir():
            old.unlink()
        folder.rmdir()
