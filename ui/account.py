"""Account: change your own password (the only page open while a temporary password is in use)."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from core.inert_markdown import inert
from ui.context import FLASH_KEY, current_actor, get_engine, get_settings_cached, remember_sign_in
from workspace.auth import change_own_password
from workspace.passwords import MIN_PASSWORD_LENGTH

actor = current_actor()
st.title("Choose your password" if actor.must_change_password else "Account")
if flash := st.session_state.pop(FLASH_KEY, None):
    st.success(flash)
if actor.must_change_password:
    st.warning("You signed in with a temporary password. Choose your own password to continue.")
st.caption(inert(f"Signed in as {actor.name} ({actor.handle}), {actor.role.value}."))

with st.form("change_password", clear_on_submit=True):
    current = st.text_input("Current password", type="password")
    new = st.text_input(
        "New password",
        type="password",
        placeholder=f"at least {MIN_PASSWORD_LENGTH} characters; not a common password, your name or email",
    )
    repeat = st.text_input("Repeat the new password", type="password")
    submitted = st.form_submit_button("Change password", type="primary")

if submitted:
    if new != repeat:
        st.error("The two new passwords differ; type the same password twice.")
    else:
        try:
            updated = change_own_password(get_engine(), get_settings_cached(), actor, current, new)
        except BylineError as exc:
            st.error(inert(str(exc)))
        else:
            remember_sign_in(updated)
            st.session_state[FLASH_KEY] = "Your password was changed."
            st.rerun()
