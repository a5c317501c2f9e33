"""Narratives: each leader's positioning, pillars and proof points (built in the narratives issue)."""

from __future__ import annotations

import streamlit as st

from ui.context import call_service, current_actor, get_engine
from workspace.people import list_leaders

actor = current_actor()
st.title("Narratives")
leaders = call_service(lambda: list_leaders(get_engine(), actor))
st.info("The guided narrative builder (positioning, content pillars, cited proof points) is coming next.")
for leader in leaders:
    st.markdown(f"- **{leader.name}** — {leader.title}")
