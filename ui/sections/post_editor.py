"""The post editor every post opens in: write or edit without AI (each save a revision; a conflict keeps both
texts), a coach's edit saved as a suggestion, AI help on the existing post (Shorter, More like me, rewrite a
paragraph, or new variants in the Draft studio with the post's brief), and the post's details."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.errors import BylineError, EditConflict
from core.identity import Role
from core.permissions import Actor
from narratives.drafting.brief import prefill_from
from narratives.drafting.service import DraftingService, paragraphs
from narratives.lifecycle.ideas import pillar_names, set_details
from ui.context import attempt
from ui.sections import tips
from ui.sections.draft_variants import stream_into_page
from workspace import posts, workflow
from workspace.models import Channel, PostStatus
from workspace.posts import PostView
from workspace.revisions import suggest_edit

EDITOR, PENDING, BASE, CONFLICT = "ds_editor", "ds_editor_pending", "ds_base_version", "ds_conflict"
LOADED = "ds_editor_post"
STUDIO_FOR = "ds_for_post"  # the Draft studio opens with this post's brief and fills this post
ACTIONS = {"rewrite_paragraph": "Rewrite this paragraph", "shorter": "Shorter", "more_like_me": "More like me"}
CHANNELS = {Channel.LINKEDIN.value: "LinkedIn", Channel.X.value: "X"}


def open_in_editor(post: PostView) -> None:
    """Load a post's current text and version into the editor on the next run."""
    st.session_state.update({PENDING: post.text, BASE: post.version, CONFLICT: None, LOADED: post.id})


def suggests(actor: Actor, post: PostView) -> bool:
    """A coach's edit of a post that has text is a suggestion (the rule lives in workspace.workflow)."""
    return actor.role == Role.COACH and post.version > 0


def _saved(saved: PostView, message: str) -> None:
    st.session_state.update({BASE: saved.version, CONFLICT: None})
    st.success(message)


def save(engine: Engine, actor: Actor, post: PostView, text: str, note: str) -> None:
    """Save the editor's text as the next revision, or (a coach) as a suggestion."""
    try:
        if suggests(actor, post):
            suggest_edit(engine, actor, post.id, text, base_version=st.session_state[BASE], note=note)
            st.success("Suggestion sent: the leader accepts or rejects it.")
            return
        saved = posts.save_text(engine, actor, post.id, text, base_version=st.session_state[BASE], note=note)
    except EditConflict as conflict:
        st.error(str(conflict))
        st.session_state.update({CONFLICT: conflict.current_text, BASE: conflict.current_version})
        return
    except BylineError as exc:
        st.error(str(exc))
        return
    _saved(saved, f"Saved as revision {saved.version}.")
    if saved.status != post.status:
        st.info(f"The post is now {saved.status_label}.")


def follow_up(engine: Engine, service: DraftingService, actor: Actor, post: PostView, text: str) -> None:
    action = st.selectbox("AI help", list(ACTIONS), format_func=ACTIONS.__getitem__, key="ds_action")
    paragraph, instruction = 0, ""
    if action == "rewrite_paragraph":
        count = max(1, len(paragraphs(text)))
        paragraph = int(st.number_input("Paragraph", 1, count, 1, key="ds_paragraph")) - 1
        instruction = st.text_input("What to change", key="ds_instruction")
    if not st.button("Apply", key="ds_apply"):
        return
    stream = attempt(
        lambda: service.follow_up(
            actor, post.id, text, st.session_state[BASE], action, paragraph=paragraph, instruction=instruction
        )
    )
    if stream is None:
        return
    st.session_state[BASE] = stream.base_version  # the editor text was kept as a revision (or suggestion) first
    if stream_into_page(stream.stream) is not None:
        if suggests(actor, post):
            attempt(lambda: suggest_edit(engine, actor, post.id, stream.final_text, base_version=stream.base_version))
            st.success("The rewrite was sent as a suggestion.")
            return
        saved = attempt(lambda: service.save(actor, post.id, stream.final_text, stream.base_version, note=action))
        if saved is not None:
            open_in_editor(saved)
            st.rerun()


def editor(engine: Engine, actor: Actor, post_id: int, service: DraftingService | None = None) -> PostView | None:
    """The text editor (and, given a drafting service, AI help). Returns the post as loaded."""
    post = attempt(lambda: posts.get_post(engine, actor, post_id))
    if post is None:
        return None
    if st.session_state.get(LOADED) != post.id:
        open_in_editor(post)
    if st.session_state.get(PENDING) is not None:
        st.session_state[EDITOR] = st.session_state.pop(PENDING)
    final = post.status == PostStatus.PUBLISHED
    if suggests(actor, post):
        st.caption("Your edits are suggestions: the leader accepts or rejects them.")
    text = st.text_area("Post text", key=EDITOR, height=320, disabled=final)
    tips.editor_tips(engine, actor, post_id, text)
    if final:
        st.caption(workflow.PUBLISHED_IS_FINAL)
        return post
    if st.session_state.get(CONFLICT):
        with st.expander("The newer saved version", expanded=True):
            st.text(st.session_state[CONFLICT])
    label = "Suggest this edit" if suggests(actor, post) else "Save"
    if st.button(label, type="primary", key="ds_save"):
        save(engine, actor, post, text, "edited")
    if service is not None and text.strip():
        follow_up(engine, service, actor, post, text)
    return post


def studio_brief(post: PostView) -> dict[str, object]:
    """What the Draft studio opens with for this post."""
    values = prefill_from(
        title=post.title,
        note=post.note,
        text=post.text,
        channel=post.channel,
        source_document_id=post.source_document_id,
    )
    return {"post_id": post.id, "leader_id": post.leader_id, "base_version": post.version, **values}


def details_form(engine: Engine, actor: Actor, post: PostView) -> None:
    """Title, pillar (from the leader's narrative), channel and note."""
    pillars = attempt(lambda: pillar_names(engine, actor, post.leader_id)) or []
    options = ["", *dict.fromkeys([*pillars, *([post.pillar] if post.pillar else [])])]
    with st.form(f"details-{post.id}"):
        title = st.text_input("Title", post.title, max_chars=300)
        pillar = st.selectbox("Pillar", options, index=options.index(post.pillar), format_func=lambda p: p or "—")
        channel = st.radio(
            "Channel",
            list(CHANNELS),
            index=list(CHANNELS).index(post.channel),
            format_func=CHANNELS.get,
            horizontal=True,
        )
        note = st.text_area("Note (the angle, the story, the audience)", post.note)
        if st.form_submit_button("Save details"):
            saved = attempt(
                lambda: set_details(engine, actor, post.id, title=title, pillar=pillar, channel=channel, note=note)
            )
            if saved is not None:
                st.rerun()
    if not pillars:
        st.caption("Pillars come from the leader's narrative: add them on the Narratives page.")
