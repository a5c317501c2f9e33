"""Sign-in, lockout, session timeout and start-up errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, select

from core.db import check_connection, make_engine, unit_of_work
from core.errors import DatabaseUnavailable, DataDirNotWritable, SessionExpired, SignInFailed, ValidationFailed
from core.identity import AuditEvent
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import TEST_PASSWORD
from workspace.auth import GENERIC_FAILURE, check_session_fresh, hash_password, sign_in


def test_sign_in_by_handle_or_email(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    assert sign_in(engine, settings, "ada", TEST_PASSWORD).handle == "ada"
    assert sign_in(engine, settings, "ADA@byline.example", TEST_PASSWORD).role == "leader"


def test_wrong_password_and_unknown_user_get_the_same_message(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    with pytest.raises(SignInFailed) as wrong:
        sign_in(engine, settings, "ada", "not the password")
    with pytest.raises(SignInFailed) as unknown:
        sign_in(engine, settings, "nobody", "whatever-password")
    assert str(wrong.value) == str(unknown.value) == GENERIC_FAILURE


def test_account_locks_after_five_failures(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    now = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
    for _ in range(5):
        with pytest.raises(SignInFailed):
            sign_in(engine, settings, "bo", "wrong password", now=now)
    with pytest.raises(SignInFailed):
        sign_in(engine, settings, "bo", TEST_PASSWORD, now=now + timedelta(minutes=1))
    later = now + timedelta(minutes=settings.lockout_minutes + 1)
    assert sign_in(engine, settings, "bo", TEST_PASSWORD, now=later).handle == "bo"
    with unit_of_work(engine) as session:
        actions = list(session.scalars(select(AuditEvent.action)))
    assert actions.count("sign_in.failed") == 5 and "sign_in.locked" in actions and "sign_in" in actions


def test_session_expires_after_idle_timeout(settings: Settings) -> None:
    now = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
    check_session_fresh(now - timedelta(minutes=settings.session_timeout_minutes - 1), settings, now=now)
    with pytest.raises(SessionExpired, match="expired"):
        check_session_fresh(now - timedelta(minutes=settings.session_timeout_minutes + 1), settings, now=now)


def test_short_passwords_are_refused() -> None:
    with pytest.raises(ValidationFailed, match="at least"):
        hash_password("short")


def test_unreachable_database_gives_a_clear_message(tmp_path: Path) -> None:
    settings = Settings(BYLINE_DATA_DIR=tmp_path, DATABASE_URL="postgresql://byline@127.0.0.1:1/nothing")
    with pytest.raises(DatabaseUnavailable, match="Cannot connect to the database.*Check DATABASE_URL"):
        check_connection(make_engine(settings))


def test_malformed_database_url_gives_a_clear_message(tmp_path: Path) -> None:
    with pytest.raises(DatabaseUnavailable, match="not a valid database URL"):
        make_engine(Settings(BYLINE_DATA_DIR=tmp_path, DATABASE_URL="not a url at all"))


def test_data_dir_that_cannot_be_written(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    with pytest.raises(DataDirNotWritable, match="not writable.*BYLINE_DATA_DIR"):
        make_engine(Settings(BYLINE_DATA_DIR=blocker / "data"))
