"""The Draft studio page (AppTest): brief -> streamed variants with checks -> choose -> edit and save a revision."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from core.settings import Settings
from kb.factory import open_knowledge_base
from tests.conftest import REPO_ROOT, TEST_MODEL, app_as, make_people
from tests.drafting.conftest import KB_DOCS, add_past_posts
from workspace import posts
from workspace.demo import DEMO_DATA

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def studio(
    sqlite_engine: Engine, settings: Settings, local_llm_url: str, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[str, Actor]]:
    monkeypatch.setenv("BYLINE_LLM_BASE_URL", local_llm_url)
    monkeypatch.setenv("BYLINE_LLM_MODEL", TEST_MODEL)
    monkeypatch.setenv("BYLINE_LLM_MAX_TOKENS", "64")
    st.cache_resource.clear()
    team = make_people(sqlite_engine)
    add_past_posts(sqlite_engine, team["root"], team["ada"], "tomas")
    open_knowledge_base(settings, sqlite_engine).ingest_paths([DEMO_DATA / "kb" / KB_DOCS[1]])
    yield team
    st.cache_resource.clear()


def test_brief_to_streamed_variants_to_saved_revision(studio: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = studio["ada"]
    at = app_as(ada, timeout=300).run()
    at.switch_page("ui/draft_studio.py").run()
    assert not at.exception, at.exception
    at.text_input(key="ds_topic").input("An expired certificate and zero lost readings")
    at.radio(key="ds_channel").set_value("x")
    at.select_slider(key="ds_length").set_value("short")
    at.button[0].click().run()  # the form's Draft button
    assert not at.exception, at.exception
    assert [h.value for h in at.subheader][:2] == ["Variant 1", "Variant 2"]
    assert any("grounding" in md.value for md in at.markdown)
    assert any(exp.label.startswith("Citations (") for exp in at.expander)
    fixed = [exp for exp in at.expander if exp.label.startswith(("What was fixed", "Nothing changed"))]
    assert len(fixed) == 2  # one per variant: what the finishing step removed or changed, and why
    at.button(key="ds_use_0").click().run()
    assert not at.exception, at.exception
    drafted = at.text_area(key="ds_editor").value
    assert drafted.strip()
    at.text_area(key="ds_editor").input(drafted + "\n\nMy own closing line.")
    at.button(key="ds_save").click().run()
    assert not at.exception, at.exception
    assert any("Saved as revision 2" in s.value for s in at.success)
    mine = [p for p in posts.list_posts(sqlite_engine, ada, leader_id=ada.person_id) if p.status == "draft"]
    assert mine and mine[0].text.endswith("My own closing line.") and mine[0].version == 2


def test_too_long_brief_shows_a_message_and_keeps_the_text(studio: dict[str, Actor]) -> None:
    at = app_as(studio["ada"], timeout=300).run()
    at.switch_page("ui/draft_studio.py").run()
    at.text_input(key="ds_topic").input("t" * 20_000)
    at.button[0].click().run()
    assert not at.exception
    assert "20,000 characters" in at.error[0].value
    assert at.text_input(key="ds_topic").value == "t" * 20_000
