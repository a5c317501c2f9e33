"""The review loop on a post: its next steps (request review, request changes, approve, ...), comments on the post
or a paragraph, coaches' suggestions with their diff to accept or reject, and the revision history with a diff
between any two texts and restore."""

from __future__ import annotations

import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.permissions import Actor
from ui.context import attempt, call_service, succeeded
from ui.sections.post_editor import BASE, open_in_editor
from workspace import review, revisions
from workspace.posts import PostView
from workspace.workflow import LABELS, Move

FLASH = "post_flash"


def flash(message: str) -> None:
    st.session_state[FLASH] = message
    st.rerun()


def next_steps(engine: Engine, actor: Actor, post: PostView) -> None:
    """One button per move the actor may make now; a request for changes takes the comment typed beside it."""
    moves = call_service(lambda: review.available_moves(engine, actor, post.id))
    if not moves:
        return
    comment = ""
    if Move.REQUEST_CHANGES in moves:
        comment = st.text_area("What should change? (sent with “Request changes”)", key=f"changes_{post.id}")
    for move, column in zip(moves, st.columns(len(moves)), strict=True):
        if column.button(LABELS[move], key=f"move_{move}_{post.id}"):
            moved = attempt(lambda m=move: review.move_post(engine, actor, post.id, m, comment))
            if moved is not None:
                flash(f"{LABELS[move]}: the post is now {moved.status_label}.")


def comments(engine: Engine, actor: Actor, post: PostView) -> None:
    for note in call_service(lambda: review.comments(engine, actor, post.id)):
        st.markdown(f":material/comment: **{note.by}** · {note.at:%d %b %H:%M} · _{note.where}_  \n{note.text}")
    parts = review.paragraphs(post.text)
    choices: list[int | None] = [None, *range(len(parts))]
    with st.form(f"comment-{post.id}", clear_on_submit=True):
        where = st.selectbox(
            "About",
            choices,
            format_func=lambda i: "The whole post" if i is None else f"Paragraph {i + 1}: {parts[i][:60]}",
            key=f"comment_where_{post.id}",
        )
        text = st.text_area("Comment", key=f"comment_text_{post.id}")
        added = st.form_submit_button("Add comment")
    if added and succeeded(lambda: review.add_comment(engine, actor, post.id, text, paragraph=where)):
        flash("Comment added.")


def suggestions(engine: Engine, actor: Actor, post: PostView) -> None:
    """Open suggestions, each with its diff against the current text; the leader accepts or rejects."""
    for item in call_service(lambda: revisions.open_suggestions(engine, actor, post.id)):
        with st.expander(item.label, expanded=True):
            st.code(
                "\n".join(revisions.diff_lines(post.text, item.text, old_name="current", new_name="suggested")),
                language="diff",
            )
            if actor.role == Role.COACH:
                continue
            left, right = st.columns(2)
            if left.button("Accept", key=f"accept_{item.id}", type="primary"):
                accepted = attempt(
                    lambda i=item: revisions.accept_suggestion(engine, actor, post.id, i.id, base_version=post.version)
                )
                if accepted is not None:
                    open_in_editor(accepted)
                    flash(f"Accepted: revision {accepted.version}. The post is {accepted.status_label}.")
            rejected = right.button("Reject", key=f"reject_{item.id}")
            if rejected and succeeded(lambda i=item: revisions.reject_suggestion(engine, actor, post.id, i.id)):
                flash("Suggestion rejected.")


def history(engine: Engine, actor: Actor, post: PostView) -> None:
    """Every text of the post; a diff between any two; restore one (a new revision)."""
    texts = call_service(lambda: revisions.history(engine, actor, post.id))
    if not texts:
        st.caption("No text yet.")
        return
    labels = {item.id: f"{item.label} · {item.created_at:%d %b %H:%M}" for item in texts}
    ids = list(labels)
    left, right = st.columns(2)
    first = left.selectbox("Compare", ids, index=max(0, len(ids) - 2), format_func=labels.__getitem__, key="h_first")
    second = right.selectbox("with", ids, index=len(ids) - 1, format_func=labels.__getitem__, key="h_second")
    diff = call_service(lambda: revisions.revision_diff(engine, actor, post.id, first, second))
    st.code("\n".join(diff) or "The two texts are the same.", language="diff")
    if st.button("Restore the first one", key="h_restore", disabled=first == texts[-1].id):
        base = st.session_state.get(BASE, post.version)
        restored = attempt(lambda: revisions.restore(engine, actor, post.id, first, base_version=base))
        if restored is not None:
            open_in_editor(restored)
            flash(f"Restored as revision {restored.version}." if restored.version != post.version else "Suggested.")
