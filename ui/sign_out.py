"""Sign out: records it, clears this browser session, and ends a single sign-on session too."""

from __future__ import annotations

import streamlit as st

from ui.context import current_actor, forget_sign_in, get_engine, sso_configured
from workspace.auth import sign_out

sign_out(get_engine(), current_actor())
forget_sign_in("You are signed out.")
if sso_configured() and st.user.to_dict().get("is_logged_in"):
    st.logout()  # the browser is sent to the identity provider's sign-out, then back to the sign-in page
    st.stop()
st.rerun()
