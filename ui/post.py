"""One post on its own page (?post=ID): write and edit it (with or without AI), its details, the review loop
(next steps, suggestions, comments), schedule and publish, and its revision history."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from core.identity import Role
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.service import DraftingService
from ui.context import call_service, current_actor, get_engine, get_settings_cached, stop_with_error, succeeded
from ui.kb_resources import knowledge_base
from ui.sections import post_editor, post_review, post_schedule
from workspace import posts
from workspace.approvers import approver_for
from workspace.models import PostStatus
from workspace.post_search import post_id_from

actor = current_actor()
engine = get_engine()
post_id = post_id_from(st.query_params.get("post"))
if post_id is None:
    stop_with_error("Open a post from the Posts page.")
post = call_service(lambda: posts.get_post(engine, actor, post_id))
who = call_service(lambda: approver_for(engine, actor, post.leader_id))
st.title(post.title or "Untitled post")
approval = f" · approved by {who.approver_name}" if who.approver_id else ""
st.caption(f"{who.leader_name} · {post.channel} · {post.pillar or 'no pillar'} · **{post.status_label}**{approval}")
st.page_link("ui/posts.py", label="All posts", icon=":material/arrow_back:")
if message := st.session_state.pop(post_review.FLASH, None):
    st.success(message)


def ai_service() -> DraftingService | None:
    try:
        return open_drafting_service(get_settings_cached(), engine, kb=knowledge_base())
    except BylineError as exc:
        st.error(str(exc))
        return None


write, review_tab, schedule_tab, history_tab = st.tabs(["Write", "Review", "Schedule & publish", "History"])
with write:
    with_ai = st.toggle("AI help (Shorter, More like me, rewrite a paragraph)", key="post_ai")
    post_editor.editor(engine, actor, post.id, ai_service() if with_ai else None)
    if post.status != PostStatus.PUBLISHED and st.button("Draft variants in the Draft studio", key="post_studio"):
        st.session_state[post_editor.STUDIO_FOR] = post_editor.studio_brief(post)
        st.switch_page("ui/draft_studio.py")
    with st.expander("Details: title, pillar, channel, note"):
        post_editor.details_form(engine, actor, post)
        delete = actor.role != Role.COACH and st.button("Delete this post", key="post_delete")
        if delete and succeeded(lambda: posts.delete_post(engine, actor, post.id)):
            st.switch_page("ui/posts.py")
with review_tab:
    post_review.next_steps(engine, actor, post)
    post_review.suggestions(engine, actor, post)
    post_review.comments(engine, actor, post)
with schedule_tab:
    post_schedule.schedule_panel(engine, actor, post)
    post_schedule.publish_panel(engine, actor, post)
with history_tab:
    post_review.history(engine, actor, post)
