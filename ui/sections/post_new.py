"""Start a post without AI, or capture an idea (title, note, source document, pillar) for a leader."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from narratives.lifecycle.ideas import capture_idea, leader_documents, pillar_names
from ui.context import attempt
from ui.kb_resources import knowledge_base
from ui.sections.post_board import open_post
from ui.sections.post_editor import CHANNELS
from workspace import posts
from workspace.models import PostStatus
from workspace.people import PersonView


def _leader(actor: Actor, leaders: list[PersonView], key: str) -> int:
    names = {leader.id: leader.name for leader in leaders}
    return st.selectbox("For", list(names), format_func=names.__getitem__, key=key)


def new_post(engine: Engine, actor: Actor, leaders: list[PersonView]) -> None:
    """Write a post yourself: it starts as a draft with its first revision."""
    leader_id = _leader(actor, leaders, "new_post_leader")
    pillars = attempt(lambda: pillar_names(engine, actor, leader_id)) or []
    with st.form("new_post"):
        title = st.text_input("Title", key="new_post_title")
        left, right = st.columns(2)
        channel = left.radio("Channel", list(CHANNELS), format_func=CHANNELS.get, horizontal=True, key="new_post_ch")
        pillar = right.selectbox("Pillar", ["", *pillars], format_func=lambda p: p or "—", key="new_post_pillar")
        text = st.text_area("Text", height=200, key="new_post_text")
        created = st.form_submit_button("Create draft", type="primary")
    if created:
        post = attempt(
            lambda: posts.create_post(
                engine,
                actor,
                leader_id,
                text=text,
                title=title.strip(),
                channel=channel,
                pillar=pillar,
                status=PostStatus.DRAFT if text.strip() else PostStatus.IDEA,
            )
        )
        if post is not None:
            open_post(post.id)


def new_idea(engine: Engine, actor: Actor, leaders: list[PersonView]) -> None:
    """Capture an idea: a title, a note, a source document and a pillar."""
    leader_id = _leader(actor, leaders, "new_idea_leader")
    pillars = attempt(lambda: pillar_names(engine, actor, leader_id)) or []
    documents = attempt(lambda: leader_documents(engine, actor, knowledge_base(), leader_id)) or []
    titles: dict[str | None, str] = {None: "—", **{doc.id: doc.title for doc in documents}}
    with st.form("new_idea", clear_on_submit=True):
        title = st.text_input("Idea", key="new_idea_title")
        note = st.text_area("Note: the angle, the story, the audience", key="new_idea_note")
        left, right = st.columns(2)
        source = left.selectbox("Source document", list(titles), format_func=titles.__getitem__, key="new_idea_src")
        pillar = right.selectbox("Pillar", ["", *pillars], format_func=lambda p: p or "—", key="new_idea_pillar")
        captured = st.form_submit_button("Capture idea")
    if captured:
        idea = attempt(
            lambda: capture_idea(
                engine,
                actor,
                knowledge_base(),
                leader_id,
                title=title,
                note=note,
                source_document_id=source,
                pillar=pillar,
            )
        )
        if idea is not None:
            st.success(f"Idea captured: {idea.title}. It is on the board under Idea.")
