"""The Narratives page per role (AppTest): a leader sees only their own narrative; editing saves a new version."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from core.settings import Settings
from kb.factory import open_knowledge_base
from narratives.brand.service import get_narrative, save_narrative
from tests.conftest import REPO_ROOT, make_people, open_page
from workspace.ideas import list_ideas

APP = str(REPO_ROOT / "streamlit_app.py")
NARRATIVE = {
    "positioning": "Keeps plants online.",
    "pillars": [{"name": "Edge reliability", "thesis": "Networks fail."}],
}


@pytest.fixture
def team(sqlite_engine: Engine) -> dict[str, Actor]:
    st.cache_resource.clear()
    people = make_people(sqlite_engine)
    for handle in ("ada", "bo"):
        leader = people[handle]
        save_narrative(
            sqlite_engine,
            leader,
            leader.person_id,
            {**NARRATIVE, "positioning": f"{handle} positioning"},
            base_version=0,
        )
    return people


def test_leader_sees_only_their_own_narrative(team: dict[str, Actor]) -> None:
    at = open_page(team["ada"], "narratives")
    assert at.selectbox[0].options == ["Ada"]
    page_text = " ".join(md.value for md in at.markdown)
    assert "ada positioning" in page_text and "bo positioning" not in page_text


def test_coach_sees_assigned_leaders_only(team: dict[str, Actor]) -> None:
    at = open_page(team["cora"], "narratives")
    assert at.selectbox[0].options == ["Ada"]
    admin = open_page(team["root"], "narratives")
    assert sorted(admin.selectbox[0].options) == ["Ada", "Bo"]


def test_editing_the_positioning_saves_a_new_version(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    at = open_page(ada, "narratives")
    positioning = next(t for t in at.text_area if t.label == "Positioning statement")
    positioning.input("The engineer whose plants never lose data.")
    next(b for b in at.button if b.label == "Save new version").click().run()
    assert not at.exception, at.exception
    view = get_narrative(sqlite_engine, ada, ada.person_id)
    assert view.version == 2
    assert view.content.positioning == "The engineer whose plants never lose data."
    assert [p.name for p in view.content.pillars] == ["Edge reliability"]


def test_fresh_material_becomes_an_idea_in_one_click(
    team: dict[str, Actor], sqlite_engine: Engine, settings: Settings
) -> None:
    edge = "# Gateway field report\n\nThe gateway buffered readings through a fibre cut: networks fail, data stays."
    open_knowledge_base(settings, sqlite_engine).ingest_bytes("edge.md", edge.encode())
    st.cache_resource.clear()
    at = open_page(team["cora"], "narratives")
    at.button(key="fresh_idea_0").click().run()
    assert not at.exception, at.exception
    assert any("Idea captured for Ada" in s.value for s in at.success)
    (idea,) = list_ideas(sqlite_engine, team["ada"])
    assert (idea.title, idea.pillar, idea.source_document_id is not None) == (
        "Gateway field report",
        "Edge reliability",
        True,
    )
    matches = open_page(team["root"], "narratives")
    assert any(b.key == "match_idea_0" for b in matches.button)
