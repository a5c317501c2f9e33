"""The post editor: edit and save as revisions (conflicts keep both texts), AI follow-ups on the existing post, and
marking it published with its URL."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.errors import BylineError, EditConflict
from core.inert_markdown import inert
from core.permissions import Actor
from narratives.drafting.learning import edit_trend
from narratives.drafting.service import DraftingService, paragraphs
from ui.context import attempt
from ui.sections import tips
from ui.sections.draft_variants import stream_into_page
from workspace.posts import PostView, mark_published

EDITOR, PENDING, BASE, CONFLICT = "ds_editor", "ds_editor_pending", "ds_base_version", "ds_conflict"
ACTIONS = {"rewrite_paragraph": "Rewrite this paragraph", "shorter": "Shorter", "more_like_me": "More like me"}


def open_in_editor(post: PostView) -> None:
    """Load a post's current text and version into the editor on the next run."""
    st.session_state.update({PENDING: post.text, BASE: post.version, CONFLICT: None})


def save(service: DraftingService, actor: Actor, post_id: int, text: str, note: str) -> None:
    try:
        saved = service.save(actor, post_id, text, st.session_state[BASE], note=note)
    except EditConflict as conflict:
        st.error(inert(str(conflict)))
        st.session_state[CONFLICT] = conflict.current_text
        st.session_state[BASE] = conflict.current_version
        return
    except BylineError as exc:
        st.error(inert(str(exc)))
        return
    st.session_state.update({BASE: saved.version, CONFLICT: None})
    st.success(f"Saved as revision {saved.version}.")


def follow_up(service: DraftingService, actor: Actor, post_id: int, text: str) -> None:
    action = st.selectbox("Follow-up", list(ACTIONS), format_func=ACTIONS.__getitem__, key="ds_action")
    paragraph, instruction = 0, ""
    if action == "rewrite_paragraph":
        count = max(1, len(paragraphs(text)))
        paragraph = int(st.number_input("Paragraph", 1, count, 1, key="ds_paragraph")) - 1
        instruction = st.text_input("What to change", key="ds_instruction")
    if not st.button("Apply", key="ds_apply"):
        return
    stream = attempt(
        lambda: service.follow_up(
            actor, post_id, text, st.session_state[BASE], action, paragraph=paragraph, instruction=instruction
        )
    )
    if stream is None:
        return
    st.session_state[BASE] = stream.base_version  # the editor text was kept as a revision first
    if stream_into_page(stream.stream) is not None:
        saved = attempt(lambda: service.save(actor, post_id, stream.final_text, stream.base_version, note=action))
        if saved is not None:
            open_in_editor(saved)
            st.rerun()


def publish_form(engine: Engine, actor: Actor, post_id: int) -> None:
    with st.form("publish"):
        url = st.text_input("Published? Paste the post's URL", key="ds_url")
        if st.form_submit_button("Mark published"):
            published = attempt(lambda: mark_published(engine, actor, post_id, url))
            if published is not None:
                st.success("Marked published: it now counts as one of the leader's past posts.")
                trend = attempt(lambda: edit_trend(engine, actor, published.leader_id)) or []
                if trend:
                    st.line_chart({"similarity to the chosen draft": [point.similarity for point in trend]})


def editor(engine: Engine, service: DraftingService, actor: Actor, post_id: int) -> None:
    st.subheader("Edit")
    if st.session_state.get(PENDING) is not None:
        st.session_state[EDITOR] = st.session_state.pop(PENDING)
    text = st.text_area("Post text", key=EDITOR, height=320)
    tips.editor_tips(engine, actor, post_id, text)
    if st.session_state.get(CONFLICT):
        with st.expander("The newer saved version", expanded=True):
            st.text(st.session_state[CONFLICT])
    if st.button("Save", type="primary", key="ds_save"):
        save(service, actor, post_id, text, "edited")
    follow_up(service, actor, post_id, text)
    publish_form(engine, actor, post_id)
