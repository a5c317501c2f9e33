"""Tips in context: the library file (validated like prompts/), the moments each tip shows at, dismissals and the
coach's view of them, on SQLite and PostgreSQL; and the calendar and Analytics pages showing and dismissing a tip."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
import streamlit as st
from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import NotFound, PermissionDenied
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings
from tests.analytics import fixtures as fx
from tests.conftest import open_page
from workspace import posts
from workspace.demo import build_demo
from workspace.engagement.service import import_engagement
from workspace.models import PostStatus
from workspace.program.goals import set_goal
from workspace.program.metrics import Metric
from workspace.tips.library import TIPS_FILE, Moment, TipsError, load_library
from workspace.tips.moments import draft_moments, usual_length
from workspace.tips.service import (
    dismiss_tip,
    dismissed_by_leaders,
    tips_after_import,
    tips_for_draft,
    tips_for_post,
    tips_for_week,
)

TODAY = date(2026, 12, 2)
GOOD_TIP = (
    "  - id: {id}\n    when: {when}\n    title: A title\n    advice: Some advice here\n    why: Some reason here\n"
)


def test_the_shipped_library_is_valid_and_covers_every_moment() -> None:
    library = load_library(TIPS_FILE)
    assert {tip.when for tip in library.tips} == set(Moment)
    assert all(tip.advice.strip() and tip.why.strip() for tip in library.tips)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("tips:\n" + GOOD_TIP.format(id="one", when="first_draft") * 2, "used twice"),
        ("tips:\n" + GOOD_TIP.format(id="one", when="on_tuesdays"), "when"),
        ("tips:\n" + GOOD_TIP.format(id="one", when="first_draft") + "    colour: red\n", "colour"),
        ("tips: [oops", "Cannot read"),
        ("tips: []", "at least 1"),
    ],
)
def test_a_broken_tips_file_is_refused_with_the_reason(tmp_path: Path, body: str, message: str) -> None:
    path = tmp_path / "tips.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(TipsError, match=message) as caught:
        load_library(path)
    assert "tips.yaml" in str(caught.value)


def test_the_moments_of_a_draft() -> None:
    plain = "A short post about edge buffers."
    assert draft_moments(plain, channel="linkedin", usual=None, first_draft=False, lingo_warning=False) == set()
    assert draft_moments(plain, channel="linkedin", usual=None, first_draft=True, lingo_warning=True) == {
        Moment.FIRST_DRAFT,
        Moment.LINGO_WARNING,
    }
    linked = "Read the write-up: https://vantrell.example/blog"
    assert draft_moments(linked, channel="linkedin", usual=None, first_draft=False, lingo_warning=False) == {
        Moment.LINK_IN_LINKEDIN_BODY
    }
    assert draft_moments(linked, channel="x", usual=None, first_draft=False, lingo_warning=False) == set()
    assert Moment.LONG_POST in draft_moments("x" * 400, channel="x", usual=200, first_draft=False, lingo_warning=False)
    assert usual_length([100, 200]) is None and usual_length([100, 200, 300, 0]) == 200


def published(engine: Engine, leader: Actor, day: date, text: str) -> None:
    moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)
    with unit_of_work(engine) as session:  # a past post, as the importers store it
        status = PostStatus.PUBLISHED
        posts.add_post(session, leader, leader.person_id, text=text, status=status, published_at=moment, origin="paste")


def test_draft_tips_show_at_their_moment_until_dismissed(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    for day in (3, 10, 17):
        published(engine, ada, date(2026, 11, day), "A usual post of about fifty characters, give or take.")
    first = tips_for_draft(engine, ada, ada.person_id, "Short and plain.", channel="linkedin", lingo_warning=False)
    assert [tip.when for tip in first] == [Moment.FIRST_DRAFT]
    long_text = "We unlock synergies. " * 10 + "https://vantrell.example/a"
    many = tips_for_draft(engine, ada, ada.person_id, long_text, channel="linkedin", lingo_warning=True)
    assert {tip.when for tip in many} == {
        Moment.FIRST_DRAFT,
        Moment.LINGO_WARNING,
        Moment.LONG_POST,
        Moment.LINK_IN_LINKEDIN_BODY,
    }
    dismiss_tip(engine, ada, first[0].id)
    dismiss_tip(engine, ada, first[0].id)  # twice is fine
    assert not tips_for_draft(engine, ada, ada.person_id, "Short.", channel="linkedin", lingo_warning=False)
    draft = posts.create_post(engine, ada, ada.person_id, text="Second draft", status=PostStatus.DRAFT)
    posts.create_post(engine, ada, ada.person_id, text="Third draft", status=PostStatus.DRAFT)
    assert not tips_for_post(engine, ada, draft.id, "Short.", lingo_warning=False)  # no longer the first draft
    with pytest.raises(PermissionDenied):
        tips_for_post(engine, people["bo"], draft.id, "Short.", lingo_warning=False)
    with pytest.raises(NotFound):
        dismiss_tip(engine, ada, "no_such_tip")


def test_a_missed_week_and_a_first_import(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    assert not tips_for_week(engine, ada, ada.person_id, today=TODAY)  # no goal: nothing to miss
    set_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK, 2)
    published(engine, ada, date(2026, 11, 24), "One post last week.")
    (missed,) = tips_for_week(engine, ada, ada.person_id, today=TODAY)
    assert missed.when == Moment.MISSED_CADENCE_WEEK
    published(engine, ada, date(2026, 11, 26), "A second post last week.")
    assert not tips_for_week(engine, ada, ada.person_id, today=TODAY)
    data = fx.workbook_bytes(fx.creator_sheets())
    import_engagement(engine, ada, data, "creator.xlsx", today=date(2025, 12, 11))
    assert [tip.when for tip in tips_after_import(engine, ada, ada.person_id)] == [Moment.FIRST_ENGAGEMENT_IMPORT]
    import_engagement(engine, ada, data, "creator.xlsx", today=date(2025, 12, 11))
    assert not tips_after_import(engine, ada, ada.person_id)


def test_a_coach_sees_which_tips_their_leaders_dismissed(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo, cora = people["ada"], people["bo"], people["cora"]
    library = load_library(TIPS_FILE)
    dismiss_tip(engine, ada, library.tips[0].id)
    dismiss_tip(engine, bo, library.tips[1].id)
    dismiss_tip(engine, cora, library.tips[2].id)  # a coach's own dismissals are not a leader's
    assert [(row["leader"], row["tip"]) for row in dismissed_by_leaders(engine, cora)] == [
        ("Ada", library.tips[0].title)
    ]
    assert {row["leader"] for row in dismissed_by_leaders(engine, people["root"])} == {"Ada", "Bo"}
    with pytest.raises(PermissionDenied):
        dismissed_by_leaders(engine, ada)


@pytest.fixture
def demo(sqlite_engine: Engine, settings: Settings) -> dict[str, Actor]:
    st.cache_resource.clear()
    st.cache_data.clear()
    build_demo(sqlite_engine, settings, password="demo password 1")
    with unit_of_work(sqlite_engine) as session:
        return {p.handle: Actor.of(p) for p in session.query(Person)}


def test_a_leader_dismisses_the_missed_week_tip_and_their_coach_sees_it(demo: dict[str, Actor]) -> None:
    """Tomas's goal is 2 posts a week and the demo's last week has none of his posts."""
    at = open_page(demo["tomas"], "calendar")
    assert any("Last week had fewer posts" in m.value for m in at.markdown)
    next(b for b in at.button if b.label == "Don't show this tip again").click().run()
    assert not at.exception
    assert not any("Last week had fewer posts" in m.value for m in at.markdown)
    coach = open_page(demo["jonah"], "analytics")
    assert any(e.label == "Tips your leaders dismissed (1)" for e in coach.expander)
    shown = next(frame.value for frame in coach.dataframe if "tip" in frame.value.columns)
    assert list(shown["leader"]) == ["Tomas Brandvold"]
