"""Migration 0030 on SQLite and PostgreSQL: each leader's weekly target becomes their posts-per-week goal, nothing
that refers to a person is lost on the way (SQLite must not rebuild `people`), and the downgrade puts it back."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, text

from app.schema import MIGRATIONS
from core.db import make_engine
from core.settings import Settings

PERSON = (
    "INSERT INTO people (handle, name, email, role, title, password_hash, active, failed_sign_ins, weekly_target, "
    "quiet_weekdays, created_at) VALUES (:handle, :handle, :handle, :role, '', 'x', true, 0, :target, '[]', "
    "'2026-01-01')"
)
POST = (
    "INSERT INTO posts (leader_id, channel, status, title, pillar, origin, is_reshare, version, ical_sequence, "
    "created_at, updated_at) VALUES (1, 'linkedin', 'draft', 't', '', 'byline', false, 0, 0, '2026-01-01', "
    "'2026-01-01')"
)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def empty_engine(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Engine]:
    settings = Settings(BYLINE_DATA_DIR=tmp_path / "data")
    if request.param == "postgres":
        settings = settings.model_copy(update={"database_url": request.getfixturevalue("postgres_url")})
    engine = make_engine(settings)
    if request.param == "postgres":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE"))
            connection.execute(text("CREATE SCHEMA public"))
    yield engine
    engine.dispose()


def test_weekly_targets_move_into_goals_and_back(empty_engine: Engine) -> None:
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = empty_engine
    command.upgrade(config, "0006")
    with empty_engine.begin() as connection:
        connection.execute(text(PERSON), {"handle": "ada", "role": "leader", "target": 3})
        connection.execute(text(PERSON), {"handle": "root", "role": "admin", "target": 2})
        connection.execute(text(POST))
    command.upgrade(config, "0030")
    with empty_engine.begin() as connection:
        goals = connection.execute(text("SELECT scope, metric, target FROM goals")).all()
        assert [tuple(row) for row in goals] == [("leader:1", "posts_per_week", 3.0)]
        assert connection.execute(text("SELECT count(*) FROM posts")).scalar() == 1
    command.downgrade(config, "0006")
    with empty_engine.begin() as connection:
        targets = connection.execute(text("SELECT handle, weekly_target FROM people ORDER BY id")).all()
        assert [tuple(row) for row in targets] == [("ada", 3), ("root", 2)]
        assert connection.execute(text("SELECT count(*) FROM posts")).scalar() == 1
