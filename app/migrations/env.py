"""Alembic environment: runs against the engine Byline passes in (see app.schema.upgrade_database)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine

from app.schema import Base

target_metadata = Base.metadata


def run_migrations() -> None:
    """On SQLite, foreign keys are off while migrations run: a batch migration rebuilds a table by dropping it, and
    with foreign keys on that drop would cascade-delete every row referring to it. The keys are checked after."""
    engine: Engine = context.config.attributes["engine"]
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        if sqlite:
            connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            connection.commit()  # the pragma only works outside a transaction
        try:
            with connection.begin():
                context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=sqlite)
                context.run_migrations()
                if sqlite and connection.exec_driver_sql("PRAGMA foreign_key_check").first() is not None:
                    raise RuntimeError("A migration left rows pointing at rows that do not exist; nothing was changed.")
        finally:
            if sqlite:
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                connection.commit()


run_migrations()
