"""The review loop: status moves through the workflow (request review, request changes, approve, ...) and comments
on a post or on one of its paragraphs."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Person
from core.permissions import Actor
from workspace import workflow
from workspace.models import Comment, PostStatus
from workspace.posts import PostView, current_text, load_visible_post
from workspace.workflow import Move

MAX_COMMENT_CHARS = 5_000
QUOTE_CHARS = 120


@dataclass(frozen=True)
class CommentView:
    by: str
    at: datetime
    text: str
    paragraph: int | None = None  # 0-based index, or None for the whole post
    quote: str = ""

    @property
    def where(self) -> str:
        return f"On paragraph {self.paragraph + 1}: “{self.quote}”" if self.paragraph is not None else "On the post"


def paragraphs(text: str) -> list[str]:
    """A post's paragraphs (blocks separated by a blank line)."""
    return [part.strip() for part in text.split("\n\n") if part.strip()]


def _check_request(move: Move, comment: str) -> None:
    if move == Move.PUBLISH:
        raise ValidationFailed("Mark a post published with its URL, once the leader has posted it.")
    if move in (Move.SCHEDULE, Move.UNSCHEDULE):
        raise ValidationFailed("Schedule or unschedule a post with a date on the post itself.")
    if move == Move.REQUEST_CHANGES and not comment.strip():
        raise ValidationFailed("Say what should change: the leader reads your comment with the request.")


def move_post(
    engine: Engine, actor: Actor, post_id: int, move: Move | None, comment: str = "", *, status: str | None = None
) -> PostView:
    """Make one workflow move (checked and audited), or the move that leads to `status`; a request for changes needs
    a comment saying what to change. One unit of work."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        move = move if move is not None else workflow.move_for(post.status, str(status))
        _check_request(move, comment)
        workflow.apply_move(session, actor, post, move)
        if comment.strip():
            _add_comment(session, actor, post.id, comment, None, current_text(post), post.version)
        session.flush()
        return PostView.of(post)


def set_status(engine: Engine, actor: Actor, post_id: int, status: PostStatus, comment: str = "") -> PostView:
    """Move a post to a status by the workflow move that leads there (for pickers that speak in statuses)."""
    return move_post(engine, actor, post_id, None, comment, status=status)


def available_moves(engine: Engine, actor: Actor, post_id: int) -> list[Move]:
    """The moves the actor may make on the post now (publish and schedule have their own forms)."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        moves = workflow.available_moves(session, actor, post)
    return [move for move in moves if move not in (Move.PUBLISH, Move.SCHEDULE, Move.UNSCHEDULE)]


def _add_comment(
    session: Session, actor: Actor, post_id: int, text: str, paragraph: int | None, body: str, version: int
) -> None:
    parts = paragraphs(body)
    if paragraph is not None and not 0 <= paragraph < len(parts):
        raise ValidationFailed(f"This post has {len(parts)} paragraph(s); pick one of them.")
    quote = parts[paragraph][:QUOTE_CHARS] if paragraph is not None else ""
    comment = Comment(
        post_id=post_id,
        author_id=actor.person_id,
        text=text.strip(),
        paragraph=paragraph,
        quote=quote,
        revision_number=version,
    )
    session.add(comment)


def add_comment(engine: Engine, actor: Actor, post_id: int, text: str, *, paragraph: int | None = None) -> None:
    """A comment on the post, or on one paragraph (0-based); anyone who may see the post may comment."""
    if not text.strip():
        raise ValidationFailed("A comment needs some text.")
    if len(text) > MAX_COMMENT_CHARS:
        raise ValidationFailed(f"A comment can hold at most {MAX_COMMENT_CHARS:,} characters.")
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        _add_comment(session, actor, post.id, text, paragraph, current_text(post), post.version)


def comments(engine: Engine, actor: Actor, post_id: int) -> list[CommentView]:
    """The post's comments, oldest first."""
    with unit_of_work(engine) as session:
        load_visible_post(session, actor, post_id)
        query = (
            select(Comment, Person.name)
            .outerjoin(Person, Person.id == Comment.author_id)
            .where(Comment.post_id == post_id)
            .order_by(Comment.id)
        )
        return [
            CommentView(name or "", c.created_at, c.text, c.paragraph, c.quote) for c, name in session.execute(query)
        ]
