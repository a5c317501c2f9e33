"""Analytics: goals tracked week by week, the month's KPIs with the monthly report to download, charts per leader
and for the team (never a volume leaderboard) that close the loop from posts to reach and leads, and the figures
behind them: imports with a preview, manual matching and correction, and leads from tagged links."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.permissions import Actor
from narratives.drafting.learning import edit_trend
from ui.context import call_service, current_actor, get_engine, get_settings_cached
from ui.sections import engagement_data, goals, loop_charts, month_report, tips
from ui.sections.scope import pick_leader
from workspace.analytics import compute, data_version, load_data
from workspace.engagement import charts
from workspace.people import list_leaders

PILLARS = "Which pillars earn the most engagement?"
CHANNELS = "Which channel earns more engagement?"
RESHARES = "Do originals earn more engagement than reshares?"
TABLES = ("reach", "leads_by_post", "leads_by_pillar", "leads_by_leader", "leads", "by_pillar", "by_channel")
TABLES += ("best_times", "followers", "consistency", "posts")

actor = current_actor()
engine = get_engine()
max_bytes = get_settings_cached().max_upload_mb * 1024 * 1024
st.title("Analytics")
leaders = call_service(lambda: list_leaders(engine, actor))


@st.cache_data(show_spinner=False, max_entries=64)
def cached_tables(
    version: tuple[object, ...], leader_id: int | None, actor_id: int, _actor: Actor
) -> dict[str, pd.DataFrame]:
    """Computed once per data version and viewer (the key changes whenever figures or posts change)."""
    return compute(load_data(get_engine(), _actor, leader_id))


def table_with_download(frame: pd.DataFrame, name: str) -> None:
    with st.expander(f"Table: {name.replace('_', ' ')}"):
        st.dataframe(frame, hide_index=True)
        engagement_data.download(frame, name)


def show_charts(leader_id: int | None) -> None:
    version = call_service(lambda: data_version(engine, actor))
    tables = call_service(lambda: cached_tables(version, leader_id, actor.person_id, actor))
    if tables["posts"].empty or not (tables["posts"]["impressions"] > 0).any():
        st.info("No engagement figures yet. Import an export below or enter figures by hand.")
        return
    st.caption("Engagement rate = (reactions + comments + reposts + clicks) / impressions. Times are UTC.")
    st.altair_chart(charts.rate_over_time(tables["over_time"]), width="stretch")
    table_with_download(tables["over_time"], "rate_over_time")
    loop_charts.reach_section(engine, actor, tables, team=leader_id is None)
    loop_charts.leads_section(tables)
    left, right = st.columns(2)
    left.altair_chart(charts.rate_by(tables["by_pillar"], "pillar", PILLARS), width="stretch")
    right.altair_chart(charts.rate_by(tables["by_channel"], "channel", CHANNELS), width="stretch")
    loop_charts.best_times_section(tables)
    st.altair_chart(charts.rate_by(tables["originals_vs_reshares"], "kind", RESHARES), width="stretch")
    if not tables["followers"].empty:
        st.altair_chart(charts.followers(tables["followers"]), width="stretch")
    st.altair_chart(charts.consistency(tables["consistency"]), width="stretch")
    for name in TABLES:
        table_with_download(tables[name], name)
    show_edit_trend(leader_id)


def show_edit_trend(leader_id: int | None) -> None:
    if leader_id is None:
        st.caption("Choose a leader to see how much their drafts were edited before publishing.")
        return
    points = call_service(lambda: edit_trend(engine, actor, leader_id))
    if points:
        st.altair_chart(charts.edit_trend(pd.DataFrame([vars(point) for point in points])), width="stretch")


scope = pick_leader(actor, leaders, label="Show", key="an_scope", team="Whole program")
owner = next((leader.name for leader in leaders if leader.id == scope), "program")
tabs = st.tabs(["Goals", "Month and report", "Charts", "Import", "Correct figures", "Leads from links"])
goals_tab, month_tab, charts_tab, import_tab, fix_tab, leads_tab = tabs
with goals_tab:
    goals.goals_section(engine, actor, scope)
    tips.dismissed_section(engine, actor)
with month_tab:
    month_report.month_section(engine, actor, scope, owner)
with charts_tab:
    show_charts(scope)
with import_tab:
    engagement_data.import_section(engine, actor, leaders, max_bytes)
    engagement_data.unmatched_section(engine, actor)
with fix_tab:
    engagement_data.corrections_section(engine, actor, scope)
with leads_tab:
    engagement_data.leads_section(engine, actor, max_bytes)
