"""Designated approvers (admins): name the person whose approval a leader's posts need (an admin, or a coach
assigned to the leader), or let the leader approve their own posts."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from ui.context import attempt
from workspace.approvers import approver_choices, approver_for, set_approver
from workspace.people import PersonView

OWN = 0  # the choice "the leader approves their own posts"


def show_approvers(engine: Engine, actor: Actor, leaders: list[PersonView]) -> None:
    st.subheader("Approvers")
    st.caption(
        "By default each leader approves their own posts. Name an approver (e.g. the comms lead) to require theirs."
    )
    if not leaders:
        st.caption("No leaders yet.")
        return
    names = {leader.id: leader.name for leader in leaders}
    leader_id = st.selectbox("Leader", list(names), format_func=names.__getitem__, key="approver_leader")
    current = attempt(lambda: approver_for(engine, actor, leader_id))
    choices = dict(
        [(OWN, "The leader approves their own posts")]
        + (attempt(lambda: approver_choices(engine, actor, leader_id)) or [])
    )
    index = list(choices).index(current.approver_id) if current and current.approver_id in choices else 0
    with st.form("approver"):
        chosen = st.selectbox("Approval needs", list(choices), index=index, format_func=choices.__getitem__)
        saved = st.form_submit_button("Save approver")
    if saved:
        result = attempt(lambda: set_approver(engine, actor, leader_id, None if chosen == OWN else chosen))
        if result is not None:
            who = result.approver_name or result.leader_name
            st.success(f"{result.leader_name}'s posts now need {who}'s approval.")
