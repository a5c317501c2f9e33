"""One document in: size check, hash, parse (in a limited process), embed, then store in a safe order.

The kept copy is written first (temp file + rename), then the registry row, then the chunks; the old version's
chunks and copy go only after the new ones are in. When a step fails, what was written is undone, so a failed
re-upload leaves the original document exactly as it was.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path, PurePath
from typing import Any, Literal

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import BylineError
from core.isolation import Limits
from core.settings import Settings
from kb.chunking import Chunk
from kb.embeddings import NamedEmbeddings, embedder_identity
from kb.errors import IngestError
from kb.models import KbDocument
from kb.parsing import ParsedDocument, parse_isolated
from kb.retrieval import date_key
from kb.safety import looks_like_instructions
from kb.sections import LoadedDocument
from kb.store import ChunkStore

Progress = Callable[[int, int], None]
Status = Literal["added", "updated", "unchanged", "duplicate", "failed", "removed"]
EMBED_BATCH = 32
RECORD_FIELDS = (
    "title", "source", "content_sha256", "kind", "doc_date", "tags", "visibility", "watched", "embedder",
    "chunk_count", "size_bytes", "stored_path", "uploaded_by",
)  # fmt: skip


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
    uploaded_by: int | None = None
    document_id: str | None = None  # replace this document (its id, visibility and uploader are kept)

    @classmethod
    def new_version_of(cls, row: KbDocument, name: str, data: bytes) -> IngestRequest:
        """A new version of a stored document: its id, source, tags, visibility, date and uploader are kept."""
        return cls(
            name,
            data,
            row.source,
            tuple(row.tags or ()),
            row.visibility,
            row.doc_date,
            row.watched,
            uploaded_by=row.uploaded_by,
            document_id=row.id,
        )


def sha256_of(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def chunk_header(document: LoadedDocument, chunk: Chunk) -> str:
    parts = [document.title, document.context, chunk.heading]
    return " | ".join(dict.fromkeys(p.strip() for p in parts if p and p.strip()))


class Ingestor:
    """Writes documents to the registry (SQL) and their chunks to the store (Chroma)."""

    def __init__(
        self,
        engine: Engine,
        store: ChunkStore,
        embedder: NamedEmbeddings,
        settings: Settings,
        limits: Limits | None = None,
    ) -> None:
        self._engine = engine
        self._store = store
        self._embedder = embedder
        self._settings = settings
        self._limits = limits

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
        parsed = parse_isolated(request.name, request.data, self._limits)
        doc_id = existing_id or str(uuid.uuid4())
        metadatas = [self._metadata(doc_id, sha, request, parsed.document, c, i) for i, c in enumerate(parsed.chunks)]
        texts = [f"{m['header']}\n{c.text}" for m, c in zip(metadatas, parsed.chunks, strict=True)]
        vectors = self._embed(texts, progress)
        ids = [f"{doc_id}:{sha[:16]}:{i:05d}" for i in range(len(parsed.chunks))]
        copy, fresh = self._keep_copy(doc_id, sha, request)
        try:
            previous = self._record(doc_id, sha, request, parsed, copy)
            try:
                self._store.add(ids, [c.text for c in parsed.chunks], vectors, metadatas)
            except BaseException:
                self._undo(doc_id, sha, previous)
                raise
        except BaseException as exc:
            if fresh:
                shutil.rmtree(copy.parent, ignore_errors=True)
            if isinstance(exc, BylineError) or not isinstance(exc, Exception):
                raise
            raise IngestError(request.name, f"it could not be stored ({type(exc).__name__}); nothing changed.") from exc
        self._store.delete({"$and": [{"doc_id": doc_id}, {"sha": {"$ne": sha}}]})
        self._drop_old_copies(doc_id, keep=copy.parent)
        return IngestResult(request.name, "updated" if existing_id else "added", doc_id, len(parsed.chunks))

    def _lookup(self, request: IngestRequest, sha: str) -> tuple[str | None, IngestResult | None]:
        """(id of the document this request replaces, a result if nothing needs doing)."""
        with unit_of_work(self._engine) as session:
            if request.document_id is not None:
                existing = session.get(KbDocument, request.document_id)
            else:
                existing = session.scalars(select(KbDocument).where(KbDocument.source == request.source)).first()
            if existing is not None and existing.content_sha256 == sha:
                return existing.id, IngestResult(request.name, "unchanged", existing.id, existing.chunk_count)
            twin = session.scalars(
                select(KbDocument).where(KbDocument.content_sha256 == sha, KbDocument.visibility == request.visibility)
            ).first()
            if existing is None and twin is not None:
                return None, IngestResult(request.name, "duplicate", twin.id, twin.chunk_count)
            return (existing.id if existing is not None else None), None

    def _record(
        self, doc_id: str, sha: str, request: IngestRequest, parsed: ParsedDocument, copy: Path
    ) -> dict[str, Any] | None:
        """Write the registry row; returns the previous row's values (None for a new document) for `_undo`."""
        document = parsed.document
        with unit_of_work(self._engine) as session:
            row = session.get(KbDocument, doc_id)
            previous = {name: getattr(row, name) for name in RECORD_FIELDS} if row is not None else None
            row = row or KbDocument(id=doc_id)
            row.title, row.source, row.content_sha256, row.kind = document.title, request.source, sha, document.kind
            row.doc_date = request.doc_date or document.date
            row.tags, row.visibility, row.watched = list(request.tags), request.visibility, request.watched
            row.embedder, row.chunk_count = embedder_identity(self._embedder), len(parsed.chunks)  # type: ignore[arg-type]
            row.size_bytes, row.stored_path, row.uploaded_by = len(request.data), str(copy), request.uploaded_by
            session.add(row)
        return previous

    def _undo(self, doc_id: str, sha: str, previous: dict[str, Any] | None) -> None:
        """Put the registry back as it was and drop any of the new version's chunks that got in."""
        self._store.delete({"$and": [{"doc_id": doc_id}, {"sha": sha}]})
        with unit_of_work(self._engine) as session:
            row = session.get(KbDocument, doc_id)
            if row is None:
                return
            if previous is None:
                session.delete(row)
                return
            for name, value in previous.items():
                setattr(row, name, value)

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

    def _keep_copy(self, doc_id: str, sha: str, request: IngestRequest) -> tuple[Path, bool]:
        """Keep the original (so the index can be rebuilt with another embedder): one folder per version,
        written to a temporary name and renamed into place, so a copy is never half-written. Returns the copy
        and whether its folder is new (only a new folder is removed again if a later step fails)."""
        folder = self._settings.uploads_dir / "kb" / doc_id / sha[:16]
        fresh = not folder.exists()
        partial = folder / f".{uuid.uuid4().hex}.part"
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / (PurePath(request.name).name or "document")
            partial.write_bytes(request.data)
            os.replace(partial, target)
        except OSError as exc:
            if folder.is_dir():
                partial.unlink(missing_ok=True)
            raise IngestError(request.name, f"the original could not be kept ({exc.strerror or exc}).") from exc
        return target, fresh

    def _drop_old_copies(self, doc_id: str, keep: Path) -> None:
        for old in (self._settings.uploads_dir / "kb" / doc_id).iterdir():
            if old == keep:
                continue
            if old.is_dir():
                shutil.rmtree(old, ignore_errors=True)
            else:
                old.unlink(missing_ok=True)


def remove_document(engine: Engine, store: ChunkStore, settings: Settings, doc_id: str) -> None:
    """Chunks first, then the registry row and the kept copies."""
    store.delete({"doc_id": doc_id})
    with unit_of_work(engine) as session:
        row = session.get(KbDocument, doc_id)
        if row is not None:
            session.delete(row)
    shutil.rmtree(settings.uploads_dir / "kb" / doc_id, ignore_errors=True)
