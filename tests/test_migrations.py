"""The Alembic history creates exactly the tables the models describe, on SQLite and PostgreSQL."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Engine

from app.schema import MODEL_MODULES
from core.db import Base, table_names


def test_migrations_match_the_models(engine: Engine) -> None:
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    assert differences == []
    assert {"people", "posts", "kb_documents", "narratives"} <= set(table_names(engine))


def test_every_table_belongs_to_a_registered_model_module() -> None:
    registered = {module.__name__ for module in MODEL_MODULES}
    owners = {mapper.class_.__module__ for mapper in Base.registry.mappers}
    assert owners <= registered
