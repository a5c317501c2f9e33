"""People (admins): invite, roles, coaches, approvers, deactivate/reactivate, password resets, self-registration,
audit log."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from core.audit import recent_events
from core.identity import Role
from ui.context import call_service, current_actor, get_engine
from ui.people_parts import act, is_locked, show_coaches, show_notice, show_self_registration, status_of
from ui.sections.approvers import show_approvers
from workspace.invitations import SignInMethod, invite_person, reset_password, unlock_account
from workspace.people import PersonView, change_role, list_people, set_active

actor = current_actor()
engine = get_engine()
st.title("People")
show_notice()
people = call_service(lambda: list_people(engine, actor))
now = datetime.now(UTC)
table = [
    {"name": p.name, "user name": p.handle, "email": p.email, "role": p.role, "status": status_of(p, now)}
    for p in people
]
st.dataframe(pd.DataFrame(table), hide_index=True)

st.subheader("Invite a person")
METHODS = {SignInMethod.PASSWORD: "Temporary password (shown once)", SignInMethod.SSO: "Single sign-on (by email)"}
with st.form("invite", clear_on_submit=True):
    name = st.text_input("Full name")
    email = st.text_input("Email address")
    handle = st.text_input("User name", placeholder="letters, digits and underscores, e.g. ada_lovelace")
    title = st.text_input("Job title (optional)")
    role = st.selectbox("Role", [r.value for r in Role], index=[r.value for r in Role].index(Role.LEADER.value))
    method = st.radio("How they sign in", list(METHODS), format_func=lambda m: METHODS[m])
    invited = st.form_submit_button("Invite", type="primary")
if invited:
    act(
        lambda: invite_person(
            engine, actor, handle=handle, name=name, email=email, role=Role(role), method=method, title=title
        ),
        f"Invited {name.strip()} as {role}. The invitation is pending until their first sign-in.",
    )


def manage(person: PersonView) -> None:
    """Role, activation, password reset and unlock for one person."""
    roles = [r.value for r in Role]
    new_role = st.selectbox("New role", roles, index=roles.index(person.role), key=f"role_{person.id}")
    if st.button("Save role" if not person.awaiting_role else "Approve with this role"):
        act(lambda: change_role(engine, actor, person.id, Role(new_role)), f"{person.name} is now a {new_role}.")
    if person.active and st.button("Deactivate"):
        act(lambda: set_active(engine, actor, person.id, False), f"{person.name} is deactivated (signed out now).")
    if not person.active and st.button("Reactivate"):
        act(lambda: set_active(engine, actor, person.id, True), f"{person.name} is active again.")
    if st.button("Reset password"):
        act(lambda: reset_password(engine, actor, person.id), f"{person.name} has a new temporary password.")
    if is_locked(person, now) and st.button("Unlock"):
        act(lambda: unlock_account(engine, actor, person.id), f"{person.name} can sign in again.")


st.subheader("Manage a person")
by_id = {p.id: p for p in people}
chosen = st.selectbox(
    "Person to manage",
    list(by_id),
    index=None,
    placeholder="Choose a person",
    format_func=lambda i: f"{by_id[i].name} ({by_id[i].handle})",
    key="person_to_manage",
)
if chosen is not None:
    st.caption(f"{by_id[chosen].role}, {status_of(by_id[chosen], now)}")
    manage(by_id[chosen])

show_coaches(engine, actor, people)
show_approvers(engine, actor, [p for p in people if p.role == Role.LEADER and p.active and not p.awaiting_role])
show_self_registration(engine, actor)

st.subheader("Audit log")
events = call_service(lambda: recent_events(engine, actor))
st.dataframe(pd.DataFrame(events), hide_index=True)
