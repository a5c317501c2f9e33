"""KnowledgeBase: the one service pages, the CLI and drafting call. Permissions are enforced here."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from datetime import date
from pathlib import Path

from sqlalchemy import Engine, select

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.identity import Person
from core.permissions import Actor, require_admin, visible_leader_ids
from core.settings import Settings
from kb.access import leader_visibilities, readable_visibilities
from kb.embeddings import NamedEmbeddings
from kb.errors import IngestError
from kb.ingest import Ingestor, IngestRequest, IngestResult, Progress, remove_document
from kb.loaders import LOADERS
from kb.models import COMPANY, PRIVATE_PREFIX, KbDocument
from kb.retrieval import HybridRetriever, SearchFilters, SearchHit
from kb.store import ChunkStore
from kb.views import ChunkNeighbour, DocumentInfo, SyncReport, clean_tags, supported_files

FileCallback = Callable[[int, int, str], None]


class KnowledgeBase:
    """Ingest, sync, search, list, delete and re-tag company material."""

    def __init__(
        self,
        engine: Engine,
        store: ChunkStore,
        embedder: NamedEmbeddings,
        settings: Settings,
        retriever: HybridRetriever | None = None,
    ) -> None:
        self._engine = engine
        self._store = store
        self._embedder = embedder
        self._settings = settings
        self._ingestor = Ingestor(engine, store, embedder, settings)
        self._retriever = retriever or HybridRetriever(store, embedder)

    def visibility_choices(self, actor: Actor) -> list[str]:
        """Where this actor may put a document: company, or private to a leader they may see."""
        with unit_of_work(self._engine) as session:
            return list(readable_visibilities(session, actor))

    # --- ingestion -------------------------------------------------------------------------------------------
    def _check_visibility(self, actor: Actor | None, visibility: str) -> None:
        if visibility == COMPANY:
            return
        if not visibility.startswith(PRIVATE_PREFIX) or visibility == PRIVATE_PREFIX:
            raise ValidationFailed(f"Visibility must be '{COMPANY}' or '{PRIVATE_PREFIX}<leader handle>'.")
        handle = visibility.removeprefix(PRIVATE_PREFIX)
        with unit_of_work(self._engine) as session:
            leader_id = session.scalars(select(Person.id).where(Person.handle == handle)).first()
            if leader_id is None:
                raise ValidationFailed(f"No person with handle '{handle}'.")
            if actor is not None and leader_id not in visible_leader_ids(session, actor):
                raise PermissionDenied(f"{actor.name} may not add private notes for {handle}.")

    def ingest_bytes(
        self,
        name: str,
        data: bytes,
        *,
        actor: Actor | None = None,
        tags: Iterable[str] = (),
        visibility: str = COMPANY,
        doc_date: date | None = None,
        progress: Progress | None = None,
    ) -> IngestResult:
        """Ingest an upload. Raises IngestError (per-file reason) or PermissionDenied.

        Uploads are keyed by uploader, visibility and file name: uploading `strategy.md` again replaces your own
        `strategy.md`, never someone else's (use `replace_document` to replace a document by its id).
        Without an actor (the operator's demo loader) the upload belongs to no one."""
        self._check_visibility(actor, visibility)
        uploader = actor.person_id if actor is not None else None
        source = f"upload:{uploader if uploader is not None else 'operator'}:{visibility}:{Path(name).name}"
        request = IngestRequest(name, data, source, clean_tags(tags), visibility, doc_date, uploaded_by=uploader)
        result = self._ingestor.ingest(request, progress)
        if actor is not None and result.status in ("added", "updated"):
            with unit_of_work(self._engine) as session:
                audit.record(session, "kb.upload", actor_id=actor.person_id, target=name[:200], status=result.status)
        return result

    def replace_document(
        self, actor: Actor, document_id: str, name: str, data: bytes, *, progress: Progress | None = None
    ) -> IngestResult:
        """New content for an existing document: same id, visibility, tags and uploader. Only an admin or the
        person who uploaded it may do this (PermissionDenied); a document the actor cannot read is NotFound."""
        row = self._require(document_id)
        with unit_of_work(self._engine) as session:
            if row.visibility not in readable_visibilities(session, actor):
                raise NotFound(f"No knowledge-base document {document_id}.")
        if not actor.is_admin and (row.uploaded_by is None or row.uploaded_by != actor.person_id):
            raise PermissionDenied("Only an admin or the person who uploaded this document may replace it.")
        request = IngestRequest.new_version_of(row, name, data)
        result = self._ingestor.ingest(request, progress)
        with unit_of_work(self._engine) as session:
            audit.record(session, "kb.replace", actor_id=actor.person_id, target=row.title, document_id=row.id)
        return result

    def ingest_path(
        self,
        path: Path,
        *,
        tags: Iterable[str] = (),
        visibility: str = COMPANY,
        watched: bool = False,
        progress: Progress | None = None,
    ) -> IngestResult:
        """Ingest a file on disk (operator or watched folder). Raises IngestError."""
        self._check_visibility(None, visibility)
        if not path.is_file():
            raise IngestError(path.name, "the file does not exist.")
        self._ingestor.check_size(path.name, path.stat().st_size)
        source = str(path.resolve())
        request = IngestRequest(path.name, path.read_bytes(), source, clean_tags(tags), visibility, None, watched)
        return self._ingestor.ingest(request, progress)

    def ingest_paths(
        self,
        paths: Sequence[Path],
        *,
        tags: Iterable[str] = (),
        visibility: str = COMPANY,
        on_file: FileCallback | None = None,
        progress: Progress | None = None,
    ) -> list[IngestResult]:
        """Files or folders; one file's failure never stops the others."""
        files = supported_files(paths)
        results = []
        for index, path in enumerate(files):
            if on_file is not None:
                on_file(index, len(files), path.name)
            try:
                results.append(self.ingest_path(path, tags=tags, visibility=visibility, progress=progress))
            except IngestError as exc:
                results.append(IngestResult(path.name, "failed", error=exc.reason))
        return results

    def sync(self, folder: Path | None = None, *, progress: Progress | None = None) -> SyncReport:
        """Bring the watched folder up to date: new files added, changed re-embedded, deleted removed."""
        root = folder or self._settings.kb_watch_dir
        if root is None:
            raise ValidationFailed("No watched folder: set BYLINE_KB_WATCH_DIR.")
        if not root.is_dir():
            raise ValidationFailed(f"The watched folder {root} does not exist.")
        report = SyncReport()
        files = [p for p in supported_files([root]) if p.suffix.lower() in LOADERS]
        present = {str(p.resolve()) for p in files}
        for path in files:
            try:
                result = self.ingest_path(path, watched=True, progress=progress)
            except IngestError as exc:
                report.failed.append(IngestResult(path.name, "failed", error=exc.reason))
                continue
            bucket = {"added": report.added, "updated": report.updated}.get(result.status, report.unchanged)
            bucket.append(path.name)
        prefix = str(root.resolve())
        with unit_of_work(self._engine) as session:
            watched = session.execute(select(KbDocument.id, KbDocument.source).where(KbDocument.watched)).all()
        for doc_id, source in watched:
            if source.startswith(prefix) and source not in present:
                remove_document(self._engine, self._store, self._settings, doc_id)
                report.removed.append(Path(source).name)
        return report

    # --- reading ---------------------------------------------------------------------------------------------
    def search(
        self, query: str, actor: Actor | None, *, k: int = 5, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """Ranked passages with citations over everything the actor may read (the knowledge-base page).
        Without an actor (operator CLI) only company material is searched. Work for one leader uses
        `search_for_leader`."""
        with unit_of_work(self._engine) as session:
            visibilities = readable_visibilities(session, actor)
        return self._retriever.search(query, k, filters or SearchFilters(), visibilities)

    def search_for_leader(
        self, query: str, actor: Actor, leader_id: int, *, k: int = 5, filters: SearchFilters | None = None
    ) -> list[SearchHit]:
        """Passages for work done for one leader: company material plus that leader's private notes only.
        PermissionDenied unless the actor may see the leader."""
        with unit_of_work(self._engine) as session:
            visibilities = leader_visibilities(session, actor, leader_id)
        return self._retriever.search(query, k, filters or SearchFilters(), visibilities)

    def nearest_for_leader(self, text: str, actor: Actor, leader_id: int, *, n: int = 50) -> list[ChunkNeighbour]:
        """Dense neighbours of a text with cosine similarity, among company material and this leader's notes
        (for matching material to the leader's pillars). PermissionDenied unless the actor may see the leader."""
        with unit_of_work(self._engine) as session:
            visibilities = leader_visibilities(session, actor, leader_id)
        vector = self._embedder.embed_query(text)
        chunks = self._store.query(vector, n, {"visibility": {"$in": list(visibilities)}})
        return [ChunkNeighbour.of(chunk) for chunk in chunks]

    def list_documents(self, actor: Actor | None) -> list[DocumentInfo]:
        with unit_of_work(self._engine) as session:
            allowed = readable_visibilities(session, actor)
            rows = session.scalars(
                select(KbDocument).where(KbDocument.visibility.in_(allowed)).order_by(KbDocument.title)
            ).all()
            return [
                DocumentInfo(
                    r.id,
                    r.title,
                    r.source,
                    r.kind,
                    r.doc_date,
                    tuple(r.tags or ()),
                    r.visibility,
                    r.chunk_count,
                    r.ingested_at,
                    r.uploaded_by,
                )
                for r in rows
            ]

    # --- admin -----------------------------------------------------------------------------------------------
    def delete_document(self, actor: Actor, document_id: str) -> None:
        require_admin(actor)
        title = self._require(document_id).title
        remove_document(self._engine, self._store, self._settings, document_id)
        with unit_of_work(self._engine) as session:
            audit.record(session, "kb.delete", actor_id=actor.person_id, target=title, document_id=document_id)

    def retag_document(self, actor: Actor, document_id: str, tags: Iterable[str]) -> tuple[str, ...]:
        require_admin(actor)
        self._require(document_id)
        cleaned = clean_tags(tags)
        self._store.update_metadata({"doc_id": document_id}, {"tags": list(cleaned) if cleaned else None})
        with unit_of_work(self._engine) as session:
            row = session.get(KbDocument, document_id)
            if row is not None:
                row.tags = list(cleaned)
                audit.record(session, "kb.retag", actor_id=actor.person_id, target=row.title, tags=list(cleaned))
        return cleaned

    def _require(self, document_id: str) -> KbDocument:
        with unit_of_work(self._engine) as session:
            row = session.get(KbDocument, document_id)
            if row is None:
                raise NotFound(f"No knowledge-base document {document_id}.")
            return row
