"""Placeholder page until its issue lands."""

from __future__ import annotations

import streamlit as st

from ui.context import current_actor

current_actor()
st.title("knowledge_base".replace("_", " ").capitalize())
st.info("This part of Byline is being built.")
