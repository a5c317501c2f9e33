"""Posts and their append-only revisions. A save is one atomic step: the version moves from the editor's base to the
next number only if no one saved in between, so of two saves on the same base exactly one wins and the other's text
is kept as a conflicted revision. Coaches' edits of existing text are kept as suggestions. Status rules live in
workspace.workflow."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.orm import Session, selectinload

from core import audit
from core.db import unit_of_work
from core.errors import EditConflict, NotFound, PermissionDenied, ValidationFailed
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace import workflow
from workspace.models import Channel, Post, PostRevision, PostStatus

MAX_POST_CHARS = 40_000
DETAILS = {"title": 300, "pillar": 200, "channel": 16, "note": 5_000, "source_document_id": 36}
COACHES_SUGGEST = (
    "Coaches suggest edits to the leader's text: use “Suggest this edit”; the leader accepts or rejects it."
)


@dataclass(frozen=True)
class PostView:
    """A post with its current text, as pages show it."""

    id: int
    leader_id: int
    channel: str
    status: str
    title: str
    pillar: str
    text: str
    version: int
    scheduled_at: datetime | None
    published_at: datetime | None
    url: str | None
    note: str = ""
    source_document_id: str | None = None
    origin: str = "byline"

    @property
    def label(self) -> str:
        """How pickers name a post: its date and title (or the start of its text)."""
        when = self.published_at or self.scheduled_at
        return f"{when:%d %b %Y} · {self.title or self.text[:60]}" if when else self.title or self.text[:60]

    @property
    def status_label(self) -> str:
        return workflow.STATUS_LABELS.get(self.status, self.status)

    @classmethod
    def of(cls, post: Post) -> PostView:
        return cls(
            id=post.id,
            leader_id=post.leader_id,
            channel=post.channel,
            status=post.status,
            title=post.title,
            pillar=post.pillar,
            text=current_text(post),
            version=post.version,
            scheduled_at=post.scheduled_at,
            published_at=post.published_at,
            url=post.url,
            note=post.note,
            source_document_id=post.source_document_id,
            origin=post.origin,
        )


def current_text(post: Post) -> str:
    for revision in reversed(post.revisions):
        if revision.number == post.version:
            return revision.text
    return ""


def load_visible_post(session: Session, actor: Actor, post_id: int) -> Post:
    """The post, if the actor may see its leader's material; NotFound or PermissionDenied otherwise."""
    post = session.get(Post, post_id)
    if post is None:
        raise NotFound(f"Post {post_id} does not exist.")
    require_leader_access(session, actor, post.leader_id)
    return post


def _check_text(text: str) -> None:
    if len(text) > MAX_POST_CHARS:
        raise ValidationFailed(f"A post can hold at most {MAX_POST_CHARS:,} characters; this one has {len(text):,}.")


def add_post(session: Session, actor: Actor, leader_id: int, *, text: str = "", **fields: object) -> Post:
    """Create a post for a leader inside the caller's unit of work (also used by importers and the demo). The
    workflow decides which status its creator may start it in."""
    require_leader_access(session, actor, leader_id)
    _check_text(text)
    channel = str(fields.pop("channel", Channel.LINKEDIN))
    if channel not in set(Channel):
        raise ValidationFailed(f"Unknown channel {channel!r}; use one of {', '.join(Channel)}.")
    status = str(fields.pop("status", PostStatus.IDEA))
    origin = str(fields.pop("origin", "byline"))
    workflow.check_create(session, actor, leader_id, status, origin=origin)
    post = Post(
        leader_id=leader_id, channel=channel, status=status, origin=origin, created_by=actor.person_id, **fields
    )
    session.add(post)
    session.flush()
    if text:
        post.version = 1
        session.add(PostRevision(post_id=post.id, number=1, text=text, author_id=actor.person_id, note="created"))
    if origin == "byline":
        audit.record(session, "post.created", actor_id=actor.person_id, target=f"post:{post.id}", status=status)
    session.flush()
    return post


def create_post(engine: Engine, actor: Actor, leader_id: int, *, text: str = "", **fields: object) -> PostView:
    """A new post written in Byline (imports of past posts go through their importers, which set the origin)."""
    if "origin" in fields:
        raise ValidationFailed("A post written in Byline cannot claim to be imported.")
    with unit_of_work(engine) as session:
        post = add_post(session, actor, leader_id, text=text, **fields)
        session.refresh(post)
        return PostView.of(post)


def get_post(engine: Engine, actor: Actor, post_id: int) -> PostView:
    with unit_of_work(engine) as session:
        return PostView.of(load_visible_post(session, actor, post_id))


def save_text(engine: Engine, actor: Actor, post_id: int, text: str, *, base_version: int, note: str = "") -> PostView:
    """Save a new revision. If someone saved since `base_version`, keep this text as a conflicted
    revision (nothing is lost) and raise EditConflict carrying both texts. Coaches suggest instead."""
    _check_text(text)
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        if workflow.text_change(actor, post) == "suggestion":
            raise PermissionDenied(COACHES_SUGGEST)
        conflict = write_revision(session, actor, post, text, base_version=base_version, note=note)
        if conflict is None:
            return PostView.of(post)
    raise conflict


def write_revision(
    session: Session, actor: Actor, post: Post, text: str, *, base_version: int, note: str = ""
) -> EditConflict | None:
    """Inside the caller's unit of work: the next revision, or (someone saved since `base_version`) a conflicted
    one and the EditConflict to raise once this unit of work has committed it.

    The version check and the write are one statement: `UPDATE posts SET version = base + 1 WHERE version = base`.
    Of two saves on the same base, the database lets exactly one change a row; the other sees none changed."""
    _check_text(text)
    session.flush()
    moved = session.execute(
        update(Post)
        .where(Post.id == post.id, Post.version == base_version)
        .values(version=base_version + 1, updated_at=datetime.now(UTC))
        .execution_options(synchronize_session=False)
    )
    session.refresh(post)
    if moved.rowcount != 1:
        return _keep_conflicted(session, actor, post, text)
    session.add(
        PostRevision(post_id=post.id, number=base_version + 1, text=text, author_id=actor.person_id, note=note[:300])
    )
    session.flush()
    session.refresh(post)
    workflow.after_text_change(session, actor, post)
    return None


def add_suggestion(session: Session, actor: Actor, post: Post, text: str, *, base_version: int, note: str) -> int:
    """Store a suggested text beside the post's own (the leader accepts or rejects it); returns its id."""
    _check_text(text)
    if text == current_text(post):
        raise ValidationFailed("This suggestion is the same as the current text.")
    suggestion = PostRevision(
        post_id=post.id,
        number=None,
        text=text,
        author_id=actor.person_id,
        note=note[:300],
        suggestion=True,
        base_number=base_version,
    )
    session.add(suggestion)
    session.flush()
    audit.record(session, "post.suggested", actor_id=actor.person_id, target=f"post:{post.id}", base=base_version)
    return suggestion.id


def _keep_conflicted(session: Session, actor: Actor, post: Post, text: str) -> EditConflict:
    session.add(PostRevision(post_id=post.id, number=None, text=text, author_id=actor.person_id, conflicted=True))
    audit.record(session, "post.edit_conflict", actor_id=actor.person_id, target=f"post:{post.id}")
    return EditConflict(
        "Someone saved a newer version of this post while you were editing. "
        "Your text was kept as a separate revision; compare both and save again.",
        current_text=current_text(post),
        your_text=text,
        current_version=post.version,
    )


def keep_editor_text(session: Session, actor: Actor, post: Post, text: str, *, base_version: int, note: str) -> None:
    """Save what the editor holds unless it is already the current revision (before a model call, so a model
    failure never loses it); a coach's text is kept as a suggestion. Raises EditConflict only after the conflicted
    text is stored."""
    if post.version == base_version and current_text(post) == text:
        return
    if workflow.text_change(actor, post) == "suggestion":
        add_suggestion(session, actor, post, text, base_version=base_version, note=note)
        return
    conflict = write_revision(session, actor, post, text, base_version=base_version, note=note)
    if conflict is not None:
        session.commit()
        raise conflict


def update_details(engine: Engine, actor: Actor, post_id: int, **details: str | None) -> PostView:
    """Change a post's title, pillar, channel or note (pillar choices come from the leader's narrative)."""
    unknown = set(details) - set(DETAILS)
    if unknown:
        raise ValidationFailed(f"Unknown post detail(s): {', '.join(sorted(unknown))}.")
    if "channel" in details and details["channel"] not in set(Channel):
        raise ValidationFailed(f"Unknown channel {details['channel']!r}; use one of {', '.join(Channel)}.")
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.check_details(actor, post)
        cleaned: dict[str, str | None] = {
            name: (value or "").strip()[: DETAILS[name]] for name, value in details.items()
        }
        if "source_document_id" in cleaned:
            cleaned["source_document_id"] = cleaned["source_document_id"] or None
        changed = {name: value for name, value in cleaned.items() if getattr(post, name) != value}
        for name, value in changed.items():
            setattr(post, name, value)
        if changed:
            post.updated_at = datetime.now(UTC)
            post.ical_sequence += 1
            audit.record(session, "post.details", actor_id=actor.person_id, target=f"post:{post.id}", **changed)
        session.flush()
        return PostView.of(post)


def delete_post(engine: Engine, actor: Actor, post_id: int) -> None:
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.check_owner_action(actor, post, "delete this post")
        audit.record(session, "post.deleted", actor_id=actor.person_id, target=f"post:{post.id}", title=post.title)
        session.delete(post)


def list_posts(
    engine: Engine, actor: Actor, *, leader_id: int | None = None, statuses: tuple[str, ...] | None = None
) -> list[PostView]:
    """Posts the actor may see, newest first; optionally one leader's and some statuses."""
    with unit_of_work(engine) as session:
        allowed = visible_leader_ids(session, actor)
        if leader_id is not None:
            require_leader_access(session, actor, leader_id)
            allowed = {leader_id}
        query = select(Post).where(Post.leader_id.in_(allowed)).options(selectinload(Post.revisions))
        if statuses:
            query = query.where(Post.status.in_(statuses))
        query = query.order_by(Post.scheduled_at.desc().nulls_last(), Post.id.desc())
        return [PostView.of(post) for post in session.scalars(query)]
