"""A post's revision history: every saved text with who and when, a diff between any two, restore (a new revision),
and coaches' suggestions, which the leader accepts (a new revision) or rejects."""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import EditConflict, NotFound, ValidationFailed
from core.identity import Person
from core.permissions import Actor
from workspace import workflow
from workspace.models import Post, PostRevision
from workspace.posts import PostView, add_suggestion, current_text, load_visible_post, write_revision

ACCEPTED, REJECTED = "accepted", "rejected"


@dataclass(frozen=True)
class RevisionView:
    id: int
    number: int | None
    author: str
    created_at: datetime
    note: str
    text: str
    conflicted: bool = False
    suggestion: bool = False
    base_number: int | None = None
    decision: str = ""

    @property
    def label(self) -> str:
        """How pickers and the history name a revision."""
        if self.suggestion:
            state = f", {self.decision}" if self.decision else ", open"
            return f"Suggestion by {self.author or 'someone'} on revision {self.base_number}{state}"
        if self.conflicted:
            return f"Kept from a conflicting save by {self.author or 'someone'}"
        return f"Revision {self.number} by {self.author or 'someone'}" + (f" ({self.note})" if self.note else "")

    @property
    def is_open_suggestion(self) -> bool:
        return self.suggestion and not self.decision


def _views(session: Session, post_id: int) -> list[RevisionView]:
    query = (
        select(PostRevision, Person.name)
        .outerjoin(Person, Person.id == PostRevision.author_id)
        .where(PostRevision.post_id == post_id)
        .order_by(PostRevision.id)
    )
    return [
        RevisionView(
            r.id,
            r.number,
            name or "",
            r.created_at,
            r.note,
            r.text,
            r.conflicted,
            r.suggestion,
            r.base_number,
            r.decision,
        )
        for r, name in session.execute(query)
    ]


def history(engine: Engine, actor: Actor, post_id: int) -> list[RevisionView]:
    """Every text of the post, oldest first: revisions, texts kept from conflicts, and suggestions."""
    with unit_of_work(engine) as session:
        return _views(session, load_visible_post(session, actor, post_id).id)


def open_suggestions(engine: Engine, actor: Actor, post_id: int) -> list[RevisionView]:
    return [view for view in history(engine, actor, post_id) if view.is_open_suggestion]


def diff_lines(old: str, new: str, *, old_name: str = "before", new_name: str = "after") -> list[str]:
    """A unified diff of two texts, line by line (a post's paragraphs and lines)."""
    return list(
        difflib.unified_diff(old.splitlines(), new.splitlines(), fromfile=old_name, tofile=new_name, lineterm="", n=1)
    )


def revision_diff(engine: Engine, actor: Actor, post_id: int, first_id: int, second_id: int) -> list[str]:
    """The diff between any two texts of a post (by revision id)."""
    views = {view.id: view for view in history(engine, actor, post_id)}
    if first_id not in views or second_id not in views:
        raise NotFound("Pick two texts of this post to compare.")
    first, second = views[first_id], views[second_id]
    return diff_lines(first.text, second.text, old_name=first.label, new_name=second.label)


def _load_revision(session: Session, post: Post, revision_id: int) -> PostRevision:
    revision = session.get(PostRevision, revision_id)
    if revision is None or revision.post_id != post.id:
        raise NotFound("That revision does not belong to this post.")
    return revision


def restore(engine: Engine, actor: Actor, post_id: int, revision_id: int, *, base_version: int) -> PostView:
    """Make an earlier text current again, as a new revision (a coach's restore is a suggestion)."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        old = _load_revision(session, post, revision_id)
        note = f"restored revision {old.number}" if old.number else "restored a kept text"
        if workflow.text_change(actor, post) == "suggestion":
            add_suggestion(session, actor, post, old.text, base_version=base_version, note=note)
            return PostView.of(post)
        conflict = write_revision(session, actor, post, old.text, base_version=base_version, note=note)
        if conflict is None:
            audit.record(session, "post.restored", actor_id=actor.person_id, target=f"post:{post.id}", revision=old.id)
            return PostView.of(post)
    raise conflict


def suggest_edit(
    engine: Engine, actor: Actor, post_id: int, text: str, *, base_version: int, note: str = ""
) -> RevisionView:
    """Keep a suggested text beside the post's own; the leader decides."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.text_change(actor, post)  # published text is final
        suggestion_id = add_suggestion(session, actor, post, text, base_version=base_version, note=note or "suggested")
        return next(view for view in _views(session, post.id) if view.id == suggestion_id)


def _open_suggestion(session: Session, actor: Actor, post: Post, suggestion_id: int) -> PostRevision:
    workflow.check_owner_action(actor, post, "accept or reject suggestions")
    suggestion = _load_revision(session, post, suggestion_id)
    if not suggestion.suggestion:
        raise ValidationFailed("That text is not a suggestion.")
    if suggestion.decision:
        raise ValidationFailed(f"This suggestion was already {suggestion.decision}.")
    return suggestion


def stale(post: Post) -> EditConflict:
    return EditConflict(
        "The post changed since you opened it: look at the newest text before accepting.",
        current_text=current_text(post),
        your_text="",
        current_version=post.version,
    )


def _decide(session: Session, actor: Actor, suggestion: PostRevision, decision: str) -> None:
    suggestion.decision, suggestion.decided_by, suggestion.decided_at = decision, actor.person_id, datetime.now(UTC)
    audit.record(
        session,
        f"post.suggestion_{decision}",
        actor_id=actor.person_id,
        target=f"post:{suggestion.post_id}",
        suggestion=suggestion.id,
    )


def accept_suggestion(engine: Engine, actor: Actor, post_id: int, suggestion_id: int, *, base_version: int) -> PostView:
    """The suggested text becomes the next revision (conflict-checked against the text the leader is looking at)."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        suggestion = _open_suggestion(session, actor, post, suggestion_id)
        if post.version != base_version:
            raise stale(post)
        author = session.get(Person, suggestion.author_id) if suggestion.author_id else None
        note = f"accepted suggestion by {author.name if author else 'a coach'}"
        conflict = write_revision(session, actor, post, suggestion.text, base_version=base_version, note=note)
        if conflict is None:
            _decide(session, actor, suggestion, ACCEPTED)
            return PostView.of(post)
    raise conflict


def reject_suggestion(engine: Engine, actor: Actor, post_id: int, suggestion_id: int) -> None:
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        _decide(session, actor, _open_suggestion(session, actor, post, suggestion_id), REJECTED)
