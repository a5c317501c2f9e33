"""Settings page: the active model is shown, only admins switch it, and secrets never appear."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from core.settings import Settings
from narratives.llm.active import active_local_model
from tests.conftest import REPO_ROOT, make_people, open_page

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def team(sqlite_engine: Engine) -> dict[str, Actor]:
    st.cache_resource.clear()
    return make_people(sqlite_engine)


def test_admin_switches_the_local_model(team: dict[str, Actor], sqlite_engine: Engine, settings: Settings) -> None:
    at = open_page(team["root"], "settings")
    assert "Embedded local model qwen2.5-coder-1.5b" in " ".join(m.value for m in at.markdown)
    at.selectbox[0].select("smollm2-135m")
    next(b for b in at.button if b.label == "Use this model").click().run()
    assert not at.exception
    assert active_local_model(sqlite_engine, settings) == "smollm2-135m"


def test_leaders_see_the_model_but_cannot_switch(team: dict[str, Actor]) -> None:
    at = open_page(team["ada"], "settings")
    assert not at.selectbox
    assert not [b for b in at.button if b.label == "Use this model"]


def test_secrets_are_never_shown(team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-very-secret-value")
    st.cache_resource.clear()
    at = open_page(team["root"], "settings")
    rendered = str([element.value for element in at.table]) + " ".join(m.value for m in at.markdown)
    assert "sk-test-very-secret-value" not in rendered
    assert "OpenAI model" in rendered
    st.cache_resource.clear()
