"""Every page renders for every role (AppTest), sign-in works through the form, and start-up errors are clear."""

from __future__ import annotations

from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.permissions import Actor
from tests.conftest import REPO_ROOT, TEST_PASSWORD, app_as
from workspace import posts
from workspace.models import PostStatus

APP = str(REPO_ROOT / "streamlit_app.py")
PAGES = ["home", "posts", "narratives", "draft_studio", "voice", "calendar", "analytics", "knowledge_base", "settings"]


@pytest.fixture
def app_engine(sqlite_engine: Engine) -> Engine:
    st.cache_resource.clear()
    return sqlite_engine


@pytest.fixture
def team(app_engine: Engine) -> dict[str, Actor]:
    from tests.conftest import make_people

    team = make_people(app_engine)
    ada = team["ada"]
    posts.create_post(
        app_engine, ada, ada.person_id, text="Draft about grids", title="Grid draft", status=PostStatus.IN_REVIEW
    )
    return team


@pytest.mark.parametrize("role", ["root", "cora", "ada"])
@pytest.mark.parametrize("page", PAGES)
def test_every_page_renders_for_every_role(team: dict[str, Actor], role: str, page: str) -> None:
    at = app_as(team[role]).run()
    assert not at.exception
    at.switch_page(f"ui/{page}.py").run()
    assert not at.exception, at.exception
    assert at.title, f"{page} shows no title"


def test_people_page_is_for_admins_only(team: dict[str, Actor]) -> None:
    at = app_as(team["root"]).run()
    at.switch_page("ui/people.py").run()
    assert not at.exception
    assert any("ada" in str(df.value) for df in at.dataframe)
    leader = app_as(team["ada"]).run()
    with pytest.raises(Exception, match="(?i)page"):
        leader.switch_page("ui/people.py").run()


def test_leader_home_lists_own_review_item(team: dict[str, Actor]) -> None:
    at = app_as(team["ada"]).run()
    assert not at.exception
    assert "Welcome, Ada" in at.title[0].value
    assert any("Grid draft" in md.value for md in at.markdown)
    other = app_as(team["bo"]).run()
    assert not any("Grid draft" in md.value for md in other.markdown)


def test_sign_in_form_signs_in_and_wrong_password_is_generic(team: dict[str, Actor]) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert at.title[0].value == "Byline"
    at.text_input[0].input("ada")
    at.text_input[1].input("wrong password here")
    at.button[0].click().run()
    assert "Sign-in failed" in at.error[0].value.replace("\\", "")  # shown as inert Markdown (escaped)
    at.text_input[1].input(TEST_PASSWORD)
    at.button[0].click().run()
    assert not at.exception
    assert "Welcome, Ada" in at.title[0].value


def test_expired_session_returns_to_sign_in(team: dict[str, Actor]) -> None:
    from datetime import UTC, datetime, timedelta

    at = app_as(team["ada"])
    at.session_state["last_seen"] = datetime.now(UTC) - timedelta(days=1)
    at.run()
    assert not at.exception
    assert at.title[0].value == "Byline"
    assert "expired" in at.warning[0].value


def test_unreachable_database_shows_a_message_not_a_traceback(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    st.cache_resource.clear()
    monkeypatch.setenv("DATABASE_URL", "postgresql://byline@127.0.0.1:1/none")
    at = AppTest.from_file(APP, default_timeout=60).run()
    assert not at.exception
    assert "Cannot connect to the database" in at.error[0].value
    st.cache_resource.clear()
