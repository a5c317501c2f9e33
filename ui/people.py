"""People (admins): accounts, roles, coach assignments and the audit log."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.audit import recent_events
from core.identity import Role
from ui.context import call_service, current_actor, get_engine
from workspace.people import change_role, create_person, list_people

actor = current_actor()
st.title("People")
people = call_service(lambda: list_people(get_engine(), actor))
st.dataframe(pd.DataFrame([vars(p) for p in people]), hide_index=True)

with st.expander("Add a person"), st.form("add_person"):
    handle = st.text_input("Handle")
    name = st.text_input("Name")
    email = st.text_input("Email")
    role = st.selectbox("Role", [r.value for r in Role], index=2)
    password = st.text_input("First password (share it privately)", type="password")
    if st.form_submit_button("Add"):
        call_service(
            lambda: create_person(
                get_engine(), actor, handle=handle, name=name, email=email, role=Role(role), password=password
            )
        )
        st.success(f"Added {name}.")

with st.expander("Change a role"):
    by_label = {f"{p.name} ({p.role})": p for p in people}
    chosen = st.selectbox("Person", list(by_label))
    new_role = st.selectbox("New role", [r.value for r in Role], key="new_role")
    if st.button("Change role") and chosen:
        call_service(lambda: change_role(get_engine(), actor, by_label[chosen].id, Role(new_role)))
        st.success("Role changed.")

st.subheader("Audit log")
events = call_service(lambda: recent_events(get_engine(), actor))
st.dataframe(pd.DataFrame(events), hide_index=True)
