"""The demo reset: an empty schema, then the demo company's people, posts, documents and narratives."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from app.schema import reset_database
from core.settings import Settings
from kb.demo import load_demo_documents
from narratives.brand.demo import seed_demo_narratives
from workspace.demo import DemoAccounts, build_demo, demo_kb_documents, load_yaml


def reset_to_demo(
    engine: Engine, settings: Settings, *, password: str | None = None, on_step: Callable[[str], None] | None = None
) -> DemoAccounts:
    """Drop every table, migrate, and fill the workspace with the demo company (knowledge base included)."""
    say = on_step or (lambda _message: None)
    reset_database(engine)
    accounts = build_demo(engine, settings, password=password)
    say("Loading the demo company's material into the knowledge base…")
    knowledge_base = load_demo_documents(settings, engine, demo_kb_documents())
    seed_demo_narratives(engine, knowledge_base, load_yaml("leaders.yaml")["leaders"])
    return accounts
