"""AppTest for the Calendar and Analytics pages per role, on the demo workspace."""

from __future__ import annotations

import json
from datetime import date, datetime, time

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import REPO_ROOT, open_page
from workspace.demo import build_demo, plan_shift

APP = str(REPO_ROOT / "streamlit_app.py")


@pytest.fixture
def demo(sqlite_engine: Engine, settings: Settings) -> dict[str, Actor]:
    st.cache_resource.clear()
    st.cache_data.clear()
    build_demo(sqlite_engine, settings, password="demo password 1")
    with unit_of_work(sqlite_engine) as session:
        return {p.handle: Actor.of(p) for p in session.query(Person)}


def texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [w.value for w in at.warning] + [c.value for c in at.caption]
    return "\n".join(parts)


@pytest.mark.parametrize("handle", ["sam", "jonah", "tomas"])
def test_calendar_renders_with_warnings_for_every_role(demo: dict[str, Actor], handle: str) -> None:
    at = open_page(demo[handle], "calendar")
    at.radio(key="cal_view").set_value("List").run()
    at.date_input(key="cal_anchor").set_value(datetime(2026, 11, 23).date()).run()
    assert not at.exception
    body = texts(at)
    assert "Fifteen chaos drills later" in body
    assert "16 h" in body
    if handle != "tomas":
        assert "echoes" in body
    else:
        assert "Holiday shutdowns" not in body  # another leader's post title is not shown to Tomas


def test_calendar_month_view_and_reschedule(demo: dict[str, Actor]) -> None:
    shift = plan_shift(date.today())  # the demo's plan lies ahead of today, moved in whole weeks
    at = open_page(demo["tomas"], "calendar")
    at.date_input(key="cal_anchor").set_value(date(2026, 12, 1) + shift).run()
    assert "⚠️" in texts(at)
    at.radio(key="cal_view").set_value("List").run()
    options = at.selectbox(key="cal_post").options
    target = next(o for o in options if "embedded engineers" in o)
    at.selectbox(key="cal_post").set_value(next(v for v in at.selectbox(key="cal_post").options if v == target)).run()
    day_input = next(d for d in at.date_input if d.label == "New date")
    time_input = next(t for t in at.time_input if t.label.startswith("New time"))
    assert day_input.value == date(2026, 12, 15) + shift  # the pickers follow the chosen post
    day_input.set_value(date(2026, 12, 2) + shift)
    time_input.set_value(time(10))
    at.button[[b.label for b in at.button].index("Reschedule")].click().run()
    assert not at.exception
    assert any("Moved to" in s.value for s in at.success)


@pytest.mark.parametrize("handle", ["sam", "jonah", "tomas"])
def test_analytics_renders_charts_for_every_role(demo: dict[str, Actor], handle: str) -> None:
    at = open_page(demo[handle], "analytics")
    specs = [json.loads(el.proto.spec) for el in at.get("arrow_vega_lite_chart")] or [
        json.loads(el.proto.spec) for el in at.get("vega_lite_chart")
    ]
    assert specs, "no Altair charts rendered"
    assert not any("leaderboard" in m.value.lower() for m in at.markdown)


def test_analytics_correction_through_data_editor(demo: dict[str, Actor], sqlite_engine: Engine) -> None:
    from workspace.engagement.manual import engagement_table

    first_id = int(engagement_table(sqlite_engine, demo["tomas"]).iloc[0]["id"])
    at = open_page(demo["tomas"], "analytics")
    at.session_state["eng_editor"] = {"edited_rows": {0: {"impressions": 12345}}, "added_rows": [], "deleted_rows": []}
    at.run()
    save = next(b for b in at.button if b.label.startswith("Save 1 corrected"))
    save.click().run()
    assert not at.exception
    table = engagement_table(sqlite_engine, demo["tomas"]).set_index("id")
    assert table.loc[first_id, "impressions"] == 12345
