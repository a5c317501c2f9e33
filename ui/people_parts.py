"""Parts of the People page: statuses, the one-time password notice, coach assignments, self-registration."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.inert_markdown import inert
from core.permissions import Actor
from ui.context import attempt
from workspace.auth import as_utc
from workspace.invitations import Invitation
from workspace.people import PersonView, assign_coach, coach_assignments, unassign_coach
from workspace.setup import self_register_domains, set_self_register_domains

NOTICE_KEY = "people_notice"


def is_locked(person: PersonView, now: datetime) -> bool:
    return person.locked_until is not None and as_utc(person.locked_until) > now


def status_of(person: PersonView, now: datetime) -> str:
    if not person.active:
        return "deactivated"
    if person.awaiting_role:
        return "awaiting a role"
    if is_locked(person, now):
        return "locked"
    if person.invitation_pending:
        return "invited, not signed in yet"
    if person.must_change_password:
        return "must change password"
    return "active"


def done(message: str, invitation: Invitation | None = None) -> None:
    """Remember what happened and rerun, so the table above shows it; a temporary password rides along once."""
    st.session_state[NOTICE_KEY] = (message, invitation.temporary_password if invitation else None)
    st.rerun()


def show_notice() -> None:
    notice = st.session_state.pop(NOTICE_KEY, None)
    if notice is None:
        return
    message, temporary = notice
    st.success(inert(message))
    if temporary:
        st.warning("Temporary password, shown only now. Hand it over privately; it must be changed at first sign-in:")
        st.code(temporary, language=None)


def act(action: Callable[[], object], message: str) -> None:
    """Run one service call from a button; on success note the message and rerun, else show the error."""
    outcome = attempt(action)
    if outcome is not None:
        done(message, outcome if isinstance(outcome, Invitation) else None)


def show_coaches(engine: Engine, actor: Actor, people: list[PersonView]) -> None:
    st.subheader("Coaches")
    coaches = {p.name: p for p in people if p.role == Role.COACH and p.active}
    leaders = {p.name: p for p in people if p.role == Role.LEADER and p.active and not p.awaiting_role}
    with st.form("assign_coach"):
        coach = st.selectbox("Coach", list(coaches), index=None, placeholder="Choose a coach")
        leader = st.selectbox("Leader", list(leaders), index=None, placeholder="Choose a leader")
        assigned = st.form_submit_button("Assign coach")
    if assigned:
        if coach is None or leader is None:
            st.error("Choose a coach and a leader.")
        else:
            act(
                lambda: assign_coach(engine, actor, coaches[coach].id, leaders[leader].id) or True,
                f"{coach} now coaches {leader}.",
            )
    pairs = attempt(lambda: coach_assignments(engine, actor)) or []
    if not pairs:
        st.caption("No coach is assigned to any leader yet.")
    for coach_view, leader_view in pairs:
        left, right = st.columns([4, 1])
        left.write(f"{coach_view.name} coaches {leader_view.name}")
        if right.button("Remove", key=f"unassign_{coach_view.id}_{leader_view.id}"):
            act(
                lambda c=coach_view, lv=leader_view: unassign_coach(engine, actor, c.id, lv.id) or True,
                f"{coach_view.name} no longer coaches {leader_view.name}.",
            )


def show_self_registration(engine: Engine, actor: Actor) -> None:
    st.subheader("Self-registration through single sign-on")
    st.caption(
        "People whose email is in one of these domains may sign in with single sign-on without an invitation: "
        "they become leaders awaiting a role, with no access until you approve them above."
    )
    current = ", ".join(attempt(lambda: self_register_domains(engine)) or [])
    with st.form("self_registration"):
        text = st.text_input("Approved email domains", value=current, placeholder="example.com, example.org")
        saved = st.form_submit_button("Save domains")
    if saved:
        act(lambda: set_self_register_domains(engine, actor, text) or True, "Self-registration domains saved.")
