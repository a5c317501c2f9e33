"""First run: the workspace has no admin yet, so the first person here creates one (no demo data)."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from core.inert_markdown import inert
from ui.context import get_engine, remember_sign_in
from workspace.setup import create_first_admin

st.title("Set up Byline")
st.write(
    "This workspace has no admin yet. Create the first admin account: you will add your team on the People page "
    "next. (On a server, `byline init` does the same from the command line.)"
)

with st.form("first_admin"):
    name = st.text_input("Your full name")
    email = st.text_input("Your email address")
    handle = st.text_input("User name", value="admin", placeholder="letters, digits and underscores")
    password = st.text_input("Password", type="password", placeholder="at least 12 characters")
    repeat = st.text_input("Repeat the password", type="password")
    submitted = st.form_submit_button("Create the admin account", type="primary")

if submitted:
    if password != repeat:
        st.error("The two passwords differ; type the same password twice.")
    else:
        try:
            actor = create_first_admin(get_engine(), handle=handle, name=name, email=email, password=password)
        except BylineError as exc:
            st.error(inert(str(exc)))
        else:
            remember_sign_in(actor)
            st.rerun()
