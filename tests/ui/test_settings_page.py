"""Settings page: the active model is shown, only admins switch it, and secrets never appear."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from narratives.llm.active import active_local_model
from tests.conftest import REPO_ROOT, make_people
from workspace.permissions import Actor
from workspace.settings import Settings

APP = str(REPO_ROOT / "streamlit_app.py")


def settings_page(actor: Actor) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["actor"] = actor
    at.session_state["last_seen"] = datetime.now(UTC)
    at.run()
    at.switch_page("ui/settings.py").run()
    assert not at.exception, at.exception
    return at


@pytest.fixture
def team(sqlite_engine: Engine) -> dict[str, Actor]:
    st.cache_resource.clear()
    return make_people(sqlite_engine)


def test_admin_switches_the_local_model(team: dict[str, Actor], sqlite_engine: Engine, settings: Settings) -> None:
    at = settings_page(team["root"])
    assert "Embedded local model qwen2.5-coder-1.5b" in " ".join(m.value for m in at.markdown)
    at.selectbox[0].select("smollm2-135m")
    next(b for b in at.button if b.label == "Use this model").click().run()
    assert not at.exception
    assert active_local_model(sqlite_engine, settings) == "smollm2-135m"


def test_leaders_see_the_model_but_cannot_switch(team: dict[str, Actor]) -> None:
    at = settings_page(team["ada"])
    assert not at.selectbox
    assert not [b for b in at.button if b.label == "Use this model"]


def test_secrets_are_never_shown(team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-very-secret-value")
    st.cache_resource.clear()
    at = settings_page(team["root"])
    rendered = str([element.value for element in at.table]) + " ".join(m.value for m in at.markdown)
    assert "sk-test-very-secret-value" not in rendered
    assert "OpenAI model" in rendered
    st.cache_resource.clear()
