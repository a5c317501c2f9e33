"""Shared fixtures: isolated settings, real SQLite and a real throwaway PostgreSQL server."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, text
from streamlit.testing.v1 import AppTest

from app.schema import open_database, upgrade_database
from core.db import make_engine, unit_of_work
from core.identity import CoachAssignment, Role
from core.permissions import Actor
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from narratives.llm.catalogue import model_spec
from narratives.llm.engine import LocalEngine
from narratives.llm.files import ensure_model_file
from tests.postgres_server import throwaway_cluster
from workspace.people import add_person

REPO_ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = REPO_ROOT.parent / "shared" / "data"
TEST_PASSWORD = "correct horse battery"
TEST_MODEL = "smollm2-135m"


@pytest.fixture(autouse=True)
def isolated_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No test reads the developer's own data directory, database or keys."""
    for name in ("DATABASE_URL", "CHROMA_URL", "OPENAI_API_KEY", "BYLINE_LLM_BASE_URL", "BYLINE_KB_WATCH_DIR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("BYLINE_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(BYLINE_DATA_DIR=tmp_path / "data")


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    """A real PostgreSQL server for the whole run. A missing server fails the run; it is never skipped."""
    with throwaway_cluster() as url:
        yield url


def _reset_postgres(engine: Engine) -> None:
    with engine.begin() as connection:
        connection.execute(text("DROP SCHEMA public CASCADE"))
        connection.execute(text("CREATE SCHEMA public"))


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def engine(request: pytest.FixtureRequest, settings: Settings) -> Iterator[Engine]:
    """A migrated database: SQLite in a temp dir, then the same test again on PostgreSQL."""
    if request.param == "postgres":
        url = request.getfixturevalue("postgres_url")
        db_engine = make_engine(settings.model_copy(update={"database_url": url}))
        _reset_postgres(db_engine)
        upgrade_database(db_engine)
    else:
        db_engine = open_database(settings)
    yield db_engine
    db_engine.dispose()


@pytest.fixture
def sqlite_engine(settings: Settings) -> Iterator[Engine]:
    db_engine = open_database(settings)
    yield db_engine
    db_engine.dispose()


def make_people(engine: Engine) -> dict[str, Actor]:
    """An admin, a coach assigned to leader `ada`, and two leaders (`ada`, `bo`)."""
    with unit_of_work(engine) as session:
        people = {
            handle: add_person(
                session,
                handle=handle,
                name=handle.title(),
                email=f"{handle}@byline.example",
                role=role,
                password=TEST_PASSWORD,
            )
            for handle, role in [("root", Role.ADMIN), ("cora", Role.COACH), ("ada", Role.LEADER), ("bo", Role.LEADER)]
        }
        session.add(CoachAssignment(coach_id=people["cora"].id, leader_id=people["ada"].id))
        return {handle: Actor.of(person) for handle, person in people.items()}


@pytest.fixture
def people(engine: Engine) -> dict[str, Actor]:
    return make_people(engine)


# One embedder and one local model server per run, shared by the kb, narratives and drafting suites.
@pytest.fixture(scope="session")
def embedder() -> LocalMiniLMEmbeddings:
    return LocalMiniLMEmbeddings()


@pytest.fixture(scope="session")
def smol_model_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return ensure_model_file(model_spec(TEST_MODEL), tmp_path_factory.mktemp("models"))


@pytest.fixture(scope="session")
def local_llm_url(smol_model_file: Path) -> Iterator[str]:
    """Base URL (ending in /v1) of a llama.cpp server started once for the whole session."""
    engine = LocalEngine(smol_model_file, name=TEST_MODEL, context=4096)
    base_url = engine.start()
    yield base_url + "/v1"
    engine.stop()


APP_PATH = str(REPO_ROOT / "streamlit_app.py")


def app_as(actor: Actor, *, timeout: float = 90) -> AppTest:
    """An AppTest of the whole app with `actor` signed in (not yet run)."""
    at = AppTest.from_file(APP_PATH, default_timeout=timeout)
    at.session_state["actor"] = actor
    at.session_state["last_seen"] = datetime.now(UTC)
    return at


def open_page(actor: Actor, page: str, *, timeout: float = 90) -> AppTest:
    """Sign in as `actor`, go to ui/<page>.py, and check that nothing raised."""
    at = app_as(actor, timeout=timeout).run()
    at.switch_page(f"ui/{page}.py").run()
    assert not at.exception, at.exception
    return at
