"""Alembic environment: runs against the engine Byline passes in (see app.schema.upgrade_database)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.schema import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    engine: Engine = context.config.attributes["engine"]
    with engine.begin() as connection:
        context.configure(
            connection=connection,
            target_metadata=target_metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        context.run_migrations()


run_migrations()
