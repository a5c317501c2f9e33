"""Sign-in page."""

from __future__ import annotations

import streamlit as st

from core.errors import SignInFailed
from ui.context import FLASH_KEY, get_engine, get_settings_cached, remember_sign_in
from workspace.auth import sign_in

st.title("Byline")
st.caption("Thought leadership in your own voice, from your company's own material.")
if flash := st.session_state.pop(FLASH_KEY, None):
    st.warning(flash)

with st.form("sign_in"):
    login = st.text_input("User name or email")
    password = st.text_input("Password", type="password")
    submitted = st.form_submit_button("Sign in", type="primary")

if submitted:
    try:
        actor = sign_in(get_engine(), get_settings_cached(), login, password)
    except SignInFailed as exc:
        st.error(str(exc))
    else:
        remember_sign_in(actor)
        st.rerun()

if get_settings_cached().mode == "demo":
    st.info("Demo workspace: `byline demo` printed the demo accounts and saved them to `data/demo-accounts.txt`.")
