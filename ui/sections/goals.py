"""Goals on the Analytics page: each goal's pace, trend and verdict, tracked week by week, and (for a coach or an
admin) the form to set them with the leader."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.inert_markdown import inert
from core.permissions import Actor
from ui.context import attempt, call_service
from workspace.engagement import charts
from workspace.program.goals import set_goals
from workspace.program.metrics import SPECS, Metric
from workspace.program.service import GoalTracking, goal_tracking
from workspace.program.views import goal_input, goal_shown_input, goal_weeks_frame


def goals_section(engine: Engine, actor: Actor, leader_id: int | None) -> None:
    if leader_id is None and actor.role == Role.LEADER:
        return
    tracking = call_service(lambda: goal_tracking(engine, actor, leader_id))
    st.subheader(f"Goals: {inert(tracking.owner)}")
    if leader_id is None and not tracking.covers_all_leaders:
        st.caption("The program's goals cover every leader; these figures cover only the leaders you coach.")
    if not tracking.progress:
        st.info("No goals set yet." + ("" if actor.role == Role.LEADER else " Set them with the leader below."))
    for item in tracking.progress:
        spec = SPECS[item.metric]
        left, right = st.columns([1, 3])
        left.metric(
            spec.label,
            spec.format(item.value),
            help=f"Last 4 complete weeks. {spec.meaning}",
            delta=f"{item.verdict} · {item.trend}",
            delta_color="normal" if item.on_track else "inverse",
        )
        left.caption(f"Goal: {spec.format(item.target)}")
        title = f"Week by week: did {tracking.owner} meet the weekly share of the {spec.label.lower()} goal?"
        right.altair_chart(charts.goal_weeks(goal_weeks_frame(item), title), width="stretch")
    if actor.role != Role.LEADER:
        goal_form(engine, actor, leader_id, tracking)


def goal_form(engine: Engine, actor: Actor, leader_id: int | None, tracking: GoalTracking) -> None:
    with st.form(f"goals_{leader_id}"):
        st.markdown("**Set goals with the leader**" if leader_id else "**Set the program's goals**")
        typed = {}
        for metric in Metric:
            spec = SPECS[metric]
            current = tracking.goals.get(metric)
            unit = "%" if spec.per == "rate" else spec.unit
            typed[metric] = st.number_input(
                f"{spec.label} ({unit}; 0 = no goal)",
                min_value=0.0,
                value=float(goal_shown_input(metric, current.target if current else None)),
                key=f"goal_{metric}",
            )
        note = st.text_input("Note (what was agreed, and with whom)", key="goal_note")
        if st.form_submit_button("Save goals"):
            save_goals(engine, actor, leader_id, typed, note, tracking)


def save_goals(
    engine: Engine, actor: Actor, leader_id: int | None, typed: dict[Metric, float], note: str, tracking: GoalTracking
) -> None:
    """One save for the whole form: a 0 removes a goal; unchanged goals stay as they are."""
    targets = {metric: goal_input(metric, value) or None for metric, value in typed.items()}
    targets = {m: t for m, t in targets.items() if t is not None or m in tracking.goals}
    if attempt(lambda: set_goals(engine, actor, leader_id, targets, note=note)) is not None:
        st.rerun()
