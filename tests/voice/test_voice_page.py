"""The Voice page (AppTest): paste preview and confirm, the voice card, and scoring a text."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from narratives.voice.importers import parse_plain_text
from narratives.voice.store import import_posts, leader_post_texts
from tests.conftest import REPO_ROOT, make_people, open_page
from tests.voice.corpus import make_corpus

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def team(sqlite_engine: Engine) -> dict[str, Actor]:
    st.cache_resource.clear()
    return make_people(sqlite_engine)


def test_paste_preview_then_confirm_imports(sqlite_engine: Engine, team: dict[str, Actor]) -> None:
    at = open_page(team["ada"], "voice")
    assert at.title[0].value == "Voice"
    at.text_area[0].input("First pasted post.\n\nSecond pasted post.").run()
    next(b for b in at.button if b.label == "Preview import").click().run()
    assert not at.exception, at.exception
    assert any("2 posts will be imported" in header.value for header in at.subheader)
    assert len(at.dataframe[0].value) == 2
    next(b for b in at.button if b.label == "Confirm import").click().run()
    assert any("Added 2 posts" in message.value for message in at.success)
    assert leader_post_texts(sqlite_engine, team["ada"], team["ada"].person_id) == [
        "First pasted post.",
        "Second pasted post.",
    ]


def test_card_and_fidelity_score_show(sqlite_engine: Engine, team: dict[str, Actor]) -> None:
    corpus = make_corpus(per_author=8)
    for handle, voice in (("ada", "punchy"), ("bo", "formal")):
        actor = team[handle]
        import_posts(sqlite_engine, actor, actor.person_id, parse_plain_text("\n---\n".join(corpus[voice])))
    at = open_page(team["ada"], "voice")
    card = " ".join(md.value for md in at.markdown)
    assert "Short punchy lines" in card and "Opens with a question in 100% of posts" in card
    score_box = next(area for area in at.text_area if area.label.startswith("Text to score"))
    score_box.input(corpus["formal"][0]).run()
    next(b for b in at.button if b.label == "Score text").click().run()
    assert not at.exception, at.exception
    low = float(at.metric[0].value.split("/")[0])
    assert low < 50
    assert any("longer sentences than usual" in md.value for md in at.markdown)
    score_box = next(area for area in at.text_area if area.label.startswith("Text to score"))
    score_box.input(make_corpus(per_author=20, seed=99)["punchy"][5]).run()
    next(b for b in at.button if b.label == "Score text").click().run()
    assert float(at.metric[0].value.split("/")[0]) > 50


def test_coach_only_sees_assigned_leaders(team: dict[str, Actor]) -> None:
    at = open_page(team["cora"], "voice")
    assert at.selectbox[0].options == ["Ada"]
    too_few = open_page(team["ada"], "voice")
    assert any("at least 3 past posts" in error.value for error in too_few.error)
