"""The Knowledge base page in AppTest: search with citations, private notes hidden, admin re-tag and delete."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.factory import open_knowledge_base
from kb.models import private_to
from tests.conftest import REPO_ROOT, make_people, open_page

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def team(sqlite_engine: Engine, settings: Settings, embedder: LocalMiniLMEmbeddings) -> dict[str, Actor]:
    st.cache_resource.clear()
    people = make_people(sqlite_engine)
    kb = open_knowledge_base(settings, sqlite_engine, embedder)
    kb.ingest_bytes("grid.md", b"# Grid plan\n\nWe add 300 MW of battery storage by 2027.\n", tags=["grid"])
    kb.ingest_bytes(
        "ada.txt", b"Ada only: battery storage talk for the board.", actor=people["ada"], visibility=private_to("ada")
    )
    return people


def test_search_shows_ranked_passages_with_citations(team: dict[str, Actor]) -> None:
    at = open_page(team["bo"], "knowledge_base")
    assert at.title[0].value == "Knowledge base"
    at.text_input(key="kb_query").input("battery storage").run()
    assert not at.exception, at.exception
    shown = " ".join(md.value for md in at.markdown)
    assert "**1. Grid plan** · section 'Grid plan'" in shown
    assert any("300 MW of battery storage" in c.value for c in at.caption)
    assert "Ada only" not in shown + " ".join(c.value for c in at.caption)
    assert not [b for b in at.button if b.key == "kb_delete"]  # leaders get no admin controls


def test_leader_sees_own_private_note(team: dict[str, Actor]) -> None:
    at = open_page(team["ada"], "knowledge_base")
    at.text_input(key="kb_query").input("battery storage board").run()
    assert any("Ada only" in c.value for c in at.caption)


def test_admin_retags_and_deletes(team: dict[str, Actor]) -> None:
    at = open_page(team["root"], "knowledge_base")
    assert any("Grid plan" in str(df.value) for df in at.dataframe)
    grid_id = next(o for o in at.selectbox(key="kb_admin_doc").options)
    at.selectbox(key="kb_admin_doc").set_value(grid_id).run()
    tags_box = next(t for t in at.text_input if t.key and t.key.startswith("kb_tags_"))
    tags_box.input("grid, strategy").run()
    at.button(key="kb_retag").click().run()
    assert not at.exception, at.exception
    assert any("Tags saved for Grid plan" in s.value for s in at.success)
    assert "grid, strategy" in " ".join(str(df.value["tags"].tolist()) for df in at.dataframe).replace("'", "")
    at.checkbox(key="kb_confirm_delete").check().run()
    at.button(key="kb_delete").click().run()
    assert not at.exception, at.exception
    remaining = " ".join(str(df.value) for df in at.dataframe)
    assert "Grid plan" not in remaining and "ada.txt" in remaining


def test_only_the_uploader_is_offered_to_replace_a_document(team: dict[str, Actor]) -> None:
    at = open_page(team["ada"], "knowledge_base")
    (chosen,) = [box for box in at.selectbox if box.key == "kb_replace_doc"]
    assert list(chosen.options) == ["ada"]  # her note by its title, not the company plan
    at = open_page(team["bo"], "knowledge_base")
    assert not [box for box in at.selectbox if box.key == "kb_replace_doc"]
