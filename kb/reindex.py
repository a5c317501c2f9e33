"""Rebuild the vector store with the configured embedder from the kept originals."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine, select, update

from core.db import unit_of_work
from core.settings import Settings
from kb.embeddings import NamedEmbeddings, make_embedder
from kb.errors import IngestError
from kb.ingest import Ingestor, IngestRequest, IngestResult, Progress
from kb.models import KbDocument
from kb.store import COLLECTION, ChunkStore, make_client


def rebuild_index(
    settings: Settings, engine: Engine, embedder: NamedEmbeddings | None = None, progress: Progress | None = None
) -> list[IngestResult]:
    """Drop the collection, then re-embed every registered document. Document ids are kept."""
    chosen = embedder or make_embedder(settings)
    client = make_client(settings)
    if COLLECTION in {getattr(c, "name", str(c)) for c in client.list_collections()}:
        client.delete_collection(COLLECTION)
    ingestor = Ingestor(engine, ChunkStore.for_embedder(client, chosen), chosen, settings)
    with unit_of_work(engine) as session:
        rows = session.scalars(select(KbDocument)).all()
        session.execute(update(KbDocument).values(content_sha256=""))
    results = []
    for row in rows:
        path = Path(row.stored_path)
        if not path.is_file():
            results.append(IngestResult(row.title, "failed", row.id, error="the kept original is missing."))
            continue
        request = IngestRequest.new_version_of(row, path.name, path.read_bytes())
        try:
            results.append(ingestor.ingest(request, progress))
        except IngestError as exc:
            results.append(IngestResult(row.title, "failed", row.id, error=exc.reason))
    return results
