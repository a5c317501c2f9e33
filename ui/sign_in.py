"""Sign-in page: a password form (unless switched off) and single sign-on (when configured)."""

from __future__ import annotations

import streamlit as st

from core.errors import SignInFailed
from core.inert_markdown import inert
from ui.context import (
    FLASH_KEY,
    SSO_REFUSED_KEY,
    get_engine,
    get_settings_cached,
    remember_sign_in,
    sso_configured,
)
from workspace.auth import sign_in

settings = get_settings_cached()
st.title("Byline")
st.caption("Thought leadership in your own voice, from your company's own material.")
if flash := st.session_state.pop(FLASH_KEY, None):
    st.warning(flash)

if refused := st.session_state.get(SSO_REFUSED_KEY):
    st.error(inert(refused))
    if st.button("Sign out of single sign-on"):
        st.logout()
elif sso_configured() and st.button("Sign in with single sign-on", type="primary"):
    st.login()

if settings.password_sign_in:
    with st.form("sign_in"):
        login = st.text_input("User name or email")
        password = st.text_input("Password", type="password")
        submitted = st.form_submit_button("Sign in", type="primary" if not sso_configured() else "secondary")
    if submitted:
        try:
            actor = sign_in(get_engine(), settings, login, password)
        except SignInFailed as exc:
            st.error(inert(str(exc)))
        else:
            remember_sign_in(actor)
            st.rerun()
elif not sso_configured():
    st.error("Password sign-in is switched off and single sign-on is not configured: see the README.")

if settings.mode == "demo":
    st.info("Demo workspace: `byline demo` printed the demo accounts and saved them to `data/demo-accounts.txt`.")
