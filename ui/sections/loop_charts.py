"""Analytics charts that close the loop: reach per week beside the Company Page, leads by post, pillar, leader and
campaign, and each leader's best times (weekday only where only dates are known)."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.inert_markdown import inert
from core.permissions import Actor
from ui.context import call_service
from workspace.engagement import charts
from workspace.program.breakdowns import WEEKDAY_ONLY
from workspace.program.company import company_reach_by_week, load_company

LEADS = [
    ("leads_by_post", "title", "Which posts brought leads?"),
    ("leads_by_pillar", "pillar", "Which pillars bring leads?"),
    ("leads_by_leader", "leader", "Whose posts bring leads?"),
    ("leads", "utm_campaign", "Which campaigns bring leads?"),
]


def reach_section(engine: Engine, actor: Actor, tables: dict[str, pd.DataFrame], team: bool) -> None:
    reach = tables["reach"]
    if team and actor.role != Role.LEADER:
        page = company_reach_by_week(call_service(lambda: load_company(engine, actor)))
        reach = pd.concat([reach, page[page["week"] >= reach["week"].min()]] if len(reach) else [page])
        st.caption("The Company Page's figures belong to the company: comms staff and admins see them.")
    if not reach.empty:
        st.altair_chart(charts.reach(reach), width="stretch")


def leads_section(tables: dict[str, pd.DataFrame]) -> None:
    if tables["leads"].empty:
        st.caption("No leads yet: tag links with UTM parameters and import clicks and leads under Leads from links.")
        return
    left, right = st.columns(2)
    for index, (name, field, question) in enumerate(LEADS):
        frame = tables[name]
        if frame.empty:
            continue
        (left if index % 2 == 0 else right).altair_chart(charts.leads_by(frame, field, question), width="stretch")


def best_times_section(tables: dict[str, pd.DataFrame]) -> None:
    best = tables["best_times"]
    st.markdown("**When do each leader's posts do best?** (highest engagement rate, their own posts only)")
    dated = sorted(set(best.loc[best["basis"] == WEEKDAY_ONLY, "leader"]))
    if dated:
        names = ", ".join(dated)
        st.caption(inert(f"Only dates are known for {names}'s posts (the exports carry no time): weekdays only."))
    st.dataframe(best, hide_index=True)
    if not tables["by_slot"].empty:
        st.altair_chart(charts.weekday_hour(tables["by_slot"]), width="stretch")
