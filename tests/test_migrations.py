"""The Alembic history creates exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from workspace.db import Base, table_names
from workspace.schema import MODEL_MODULES, import_all_models


def test_migrations_match_the_models(engine: Engine) -> None:
    import_all_models()
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert {"people", "posts", "kb_documents", "narratives"} <= set(table_names(engine))


def test_every_model_module_exists() -> None:
    import importlib

    for name in MODEL_MODULES:
        assert importlib.import_module(name).__name__ == name
