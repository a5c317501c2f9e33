"""Sign out: records it and clears this browser session."""

from __future__ import annotations

import streamlit as st

from ui.context import current_actor, forget_sign_in, get_engine
from workspace.auth import sign_out

sign_out(get_engine(), current_actor())
forget_sign_in("You are signed out.")
st.rerun()
