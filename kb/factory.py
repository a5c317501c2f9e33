"""Wiring: settings -> embedder -> store -> KnowledgeBase. Callers may pass their own collaborators."""

from __future__ import annotations

from sqlalchemy import Engine

from core.settings import Settings
from kb.embeddings import NamedEmbeddings, make_embedder
from kb.service import KnowledgeBase
from kb.store import ChunkStore, make_client


def open_knowledge_base(
    settings: Settings, engine: Engine, embedder: NamedEmbeddings | None = None, store: ChunkStore | None = None
) -> KnowledgeBase:
    """A KnowledgeBase on the configured store; raises EmbedderMismatch if another embedder built it."""
    chosen = embedder or make_embedder(settings)
    return KnowledgeBase(engine, store or ChunkStore.for_embedder(make_client(settings), chosen), chosen, settings)
