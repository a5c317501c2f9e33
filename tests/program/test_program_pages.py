"""AppTest for the program views on the Analytics page, per role, on the demo workspace: goals tracked week by week
(set by a coach, read by the leader), the month's KPIs equal to the service's, and the report prepared for download."""

from __future__ import annotations

import json

import pandas as pd
import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import open_page
from workspace.demo import build_demo
from workspace.program.goals import goals_for
from workspace.program.metrics import Metric
from workspace.program.service import kpi_table, month_figures
from workspace.program.views import previous_month


@pytest.fixture
def demo(sqlite_engine: Engine, settings: Settings) -> dict[str, Actor]:
    st.cache_resource.clear()
    st.cache_data.clear()
    build_demo(sqlite_engine, settings, password="demo password 1")
    with unit_of_work(sqlite_engine) as session:
        return {p.handle: Actor.of(p) for p in session.query(Person)}


def chart_titles(at: AppTest) -> list[str]:
    specs = [json.loads(el.proto.spec) for el in at.get("arrow_vega_lite_chart")]
    specs += [json.loads(el.proto.spec) for el in at.get("vega_lite_chart")]
    return [str(spec.get("title", "")) for spec in specs]


def test_a_coach_sets_a_goal_with_a_leader_and_sees_it_week_by_week(
    demo: dict[str, Actor], sqlite_engine: Engine
) -> None:
    jonah, tomas = demo["jonah"], demo["tomas"]
    at = open_page(jonah, "analytics")
    assert any(m.value.startswith("Goals: Program") for m in at.subheader)
    at.selectbox(key="an_scope").set_value(tomas.person_id).run()
    assert any(m.value == "Goals: Tomas Brandvold" for m in at.subheader)
    assert any("Week by week: did Tomas Brandvold meet" in title for title in chart_titles(at))
    at.number_input(key="goal_posts_per_week").set_value(3.0)
    at.number_input(key="goal_engagement_rate").set_value(4.5)
    at.text_input(key="goal_note").set_value("agreed with Tomas on 2 Dec")
    next(b for b in at.button if b.label == "Save goals").click().run()
    assert not at.exception
    goals = goals_for(sqlite_engine, tomas, tomas.person_id)
    assert goals[Metric.POSTS_PER_WEEK].target == 3 and goals[Metric.ENGAGEMENT_RATE].target == pytest.approx(0.045)
    assert goals[Metric.POSTS_PER_WEEK].set_by == "Jonah Whitlock"
    labels = [m.label for m in at.metric]
    assert "Posts per week" in labels and "Engagement rate" in labels


def test_a_leader_reads_their_goals_but_cannot_set_them(demo: dict[str, Actor]) -> None:
    at = open_page(demo["tomas"], "analytics")
    assert any(m.value == "Goals: Tomas Brandvold" for m in at.subheader)
    assert "Save goals" not in [b.label for b in at.button]
    assert not any("Company Page" in title for title in chart_titles(at))  # the company's figures: staff only
    assert any("only dates are known" in c.value.lower() for c in at.caption)


@pytest.mark.parametrize("handle", ["sam", "jonah", "tomas"])
def test_the_month_matches_the_service_and_the_report_downloads(
    demo: dict[str, Actor], sqlite_engine: Engine, handle: str
) -> None:
    actor = demo[handle]
    at = open_page(actor, "analytics")
    scope = actor.person_id if handle == "tomas" else None
    expected = kpi_table(month_figures(sqlite_engine, actor, previous_month(pd.Timestamp.now().date()), scope))
    shown = next(frame.value for frame in at.dataframe if "reach (impressions)" in frame.value.columns)
    assert shown.to_dict("records") == expected
    next(b for b in at.button if b.label == "Prepare report (PDF)").click().run()
    assert not at.exception
    assert "Download report (PDF)" in [el.proto.label for el in at.get("download_button")]
    titles = chart_titles(at)
    assert all(title.endswith("?") or title.endswith(")") for title in titles if title), titles
    if handle != "tomas":
        assert any("beside the Company Page" in title for title in titles)
