"""Draft studio: grounded drafts in the leader's own voice (built in the drafting issue)."""

from __future__ import annotations

import streamlit as st

from ui.context import call_service, current_actor, get_engine
from workspace.posts import list_posts

actor = current_actor()
st.title("Draft studio")
drafts = call_service(lambda: list_posts(get_engine(), actor, statuses=("draft", "in_review")))
st.info("Brief-to-draft generation with citations and voice checks is coming next. Open drafts are listed below.")
for post in drafts:
    with st.expander(post.title or "Untitled draft"):
        st.write(post.text or "_No text yet._")
