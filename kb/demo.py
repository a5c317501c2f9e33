"""Load the demo company's material (Markdown with YAML front matter) into the knowledge base."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import yaml
from sqlalchemy import Engine

from core.settings import Settings
from kb.embeddings import make_embedder
from kb.errors import IngestError
from kb.factory import open_knowledge_base
from kb.service import KnowledgeBase
from kb.store import COLLECTION, ChunkStore, make_client


def split_front_matter(text: str) -> tuple[dict[str, object], str]:
    """Front matter between leading `---` lines, and the body after it."""
    if not text.startswith("---"):
        return {}, text
    _, header, body = text.split("---", 2)
    return yaml.safe_load(header) or {}, body.lstrip()


def ingest_demo_document(kb: KnowledgeBase, path: Path) -> None:
    meta, body = split_front_matter(path.read_text(encoding="utf-8"))
    raw_date = meta.get("date")
    kb.ingest_bytes(
        path.name,
        body.encode("utf-8"),
        tags=[str(tag) for tag in meta.get("tags", []) or []],  # type: ignore[union-attr]
        visibility=str(meta.get("visibility", "company")),
        doc_date=date.fromisoformat(str(raw_date)) if raw_date else None,
    )


def load_demo_documents(
    settings: Settings, engine: Engine, documents: list[Path], on_file: Callable[[str], None] | None = None
) -> KnowledgeBase:
    """Reset the embedded store and ingest the demo documents; returns the knowledge base for later seeding."""
    client, embedder = make_client(settings), make_embedder(settings)
    if COLLECTION in {getattr(c, "name", str(c)) for c in client.list_collections()}:
        client.delete_collection(COLLECTION)
    kb = open_knowledge_base(settings, engine, embedder, ChunkStore.for_embedder(client, embedder))
    for path in documents:
        if on_file:
            on_file(path.name)
        try:
            ingest_demo_document(kb, path)
        except IngestError as exc:
            raise IngestError(path.name, f"demo document could not be ingested: {exc}") from exc
    return kb
