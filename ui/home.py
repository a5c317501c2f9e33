"""Home: what needs my attention this week."""

from __future__ import annotations

import streamlit as st

from core.inert_markdown import inert
from ui.context import call_service, current_actor, get_engine
from workspace.home import attention_this_week
from workspace.posts import PostView

actor = current_actor()
st.title(f"Welcome, {actor.name}")
attention = call_service(lambda: attention_this_week(get_engine(), actor))


def show(heading: str, items: list[PostView], empty: str) -> None:
    st.subheader(heading)
    if not items:
        st.caption(empty)
        return
    for post in items:
        when = post.scheduled_at.strftime("%a %d %b %H:%M") if post.scheduled_at else "unscheduled"
        who = attention.leader_names.get(post.leader_id, "")
        title = inert(post.title or post.text[:60] or "Untitled")
        st.markdown(f"- **{title}** — {inert(who)}, {post.channel}, {when} · _{post.status}_")


if attention.is_empty:
    st.success("Nothing needs your attention this week.")
label = "Waiting for your approval" if actor.role == "leader" else "Waiting for review"
show(label, attention.to_approve or attention.to_review, "No posts are waiting.")
show("Scheduled in the next 7 days", attention.scheduled_this_week, "Nothing scheduled this week.")
show("Drafts in progress", attention.drafts, "No open drafts.")
