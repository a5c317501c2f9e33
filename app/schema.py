"""The schema registry: every package's table models, the one Alembic history, and the database bootstrap."""

from __future__ import annotations

from sqlalchemy import Engine, text

import core.identity
import kb.models
import narratives.brand.models
import narratives.drafting.models
import narratives.lifecycle.models
import workspace.calendar.models
import workspace.engagement.models
import workspace.models
import workspace.program.models
from core.db import Base, make_engine, run_migrations
from core.settings import Settings

MIGRATIONS = "app:migrations"
MODEL_MODULES = (
    core.identity,
    workspace.models,
    workspace.calendar.models,
    workspace.engagement.models,
    workspace.program.models,
    kb.models,
    narratives.drafting.models,
    narratives.brand.models,
    narratives.lifecycle.models,
)


def upgrade_database(engine: Engine) -> None:
    """Bring the schema to the newest migration."""
    run_migrations(engine, MIGRATIONS)


def open_database(settings: Settings) -> Engine:
    """The one bootstrap: settings -> engine -> migrated schema. Every entry point starts here."""
    engine = make_engine(settings)
    upgrade_database(engine)
    return engine


def reset_database(engine: Engine) -> None:
    """Drop every Byline table and migrate from scratch."""
    Base.metadata.drop_all(engine)
    with engine.begin() as connection:
        connection.execute(text("DROP TABLE IF EXISTS alembic_version"))
    upgrade_database(engine)
