"""A database that is down or read-only at save time gives a clear message, and the same save works again once
it is back (issue 16, item 11)."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, create_engine

from core.db import make_engine
from core.errors import DatabaseUnavailable
from core.identity import Role
from core.permissions import Actor
from core.settings import Settings
from tests.postgres_server import free_port
from workspace import posts

TEXT = "A draft I spent an hour on."


def _read_only_twin(engine: Engine, settings: Settings) -> Engine:
    if engine.dialect.name == "sqlite":
        return create_engine(f"sqlite:///file:{settings.sqlite_path}?mode=ro&uri=true")
    return create_engine(engine.url, connect_args={"options": "-c default_transaction_read_only=on"})


def test_a_read_only_database_refuses_a_save_clearly_and_the_text_saves_later(
    engine: Engine, people: dict[str, Actor], settings: Settings
) -> None:
    ada = people["ada"]
    post = posts.create_post(engine, ada, ada.person_id, text="first")
    read_only = _read_only_twin(engine, settings)
    with pytest.raises(DatabaseUnavailable, match="Nothing was saved") as refused:
        posts.save_text(read_only, ada, post.id, TEXT, base_version=post.version)
    assert "readonly" in str(refused.value) or "read-only" in str(refused.value)
    saved = posts.save_text(engine, ada, post.id, TEXT, base_version=post.version)  # the same save, once writable
    assert saved.text == TEXT and saved.version == post.version + 1
    read_only.dispose()


def test_a_database_that_is_down_gives_a_clear_message(tmp_path: Path) -> None:
    url = f"postgresql://byline:secret@127.0.0.1:{free_port()}/byline"
    engine = make_engine(Settings(BYLINE_DATA_DIR=tmp_path / "data", DATABASE_URL=url))
    someone = Actor(person_id=1, handle="ada", name="Ada", role=Role.LEADER)
    with pytest.raises(DatabaseUnavailable, match="cannot be reached or written"):
        posts.get_post(engine, someone, 1)
    engine.dispose()
