"""Posts and their append-only revisions, with an optimistic version check on every save."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.dates import supported_or_refused
from core.db import unit_of_work
from core.errors import EditConflict, NotFound, PermissionDenied, ValidationFailed
from core.identity import Role
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace.models import Channel, Comment, Post, PostRevision, PostStatus

MAX_POST_CHARS = 40_000


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

    @property
    def label(self) -> str:
        """How pickers name a post: its date and title (or the start of its text)."""
        when = self.published_at or self.scheduled_at
        return f"{when:%d %b %Y} · {self.title or self.text[:60]}" if when else self.title or self.text[:60]

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
    """Create a post for a leader inside the caller's unit of work (used by importers and the demo)."""
    require_leader_access(session, actor, leader_id)
    _check_text(text)
    channel = str(fields.pop("channel", Channel.LINKEDIN))
    if channel not in set(Channel):
        raise ValidationFailed(f"Unknown channel {channel!r}; use one of {', '.join(Channel)}.")
    post = Post(leader_id=leader_id, channel=channel, created_by=actor.person_id, **fields)
    session.add(post)
    session.flush()
    if text:
        post.version = 1
        session.add(PostRevision(post_id=post.id, number=1, text=text, author_id=actor.person_id, note="created"))
    session.flush()
    return post


def create_post(engine: Engine, actor: Actor, leader_id: int, *, text: str = "", **fields: object) -> PostView:
    with unit_of_work(engine) as session:
        post = add_post(session, actor, leader_id, text=text, **fields)
        session.refresh(post)
        return PostView.of(post)


def get_post(engine: Engine, actor: Actor, post_id: int) -> PostView:
    with unit_of_work(engine) as session:
        return PostView.of(load_visible_post(session, actor, post_id))


def save_text(engine: Engine, actor: Actor, post_id: int, text: str, *, base_version: int, note: str = "") -> PostView:
    """Save a new revision. If someone saved since `base_version`, keep this text as a conflicted
    revision (nothing is lost) and raise EditConflict carrying both texts."""
    _check_text(text)
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        conflict = write_revision(session, actor, post, text, base_version=base_version, note=note)
        if conflict is None:
            return PostView.of(post)
    raise conflict


def write_revision(
    session: Session, actor: Actor, post: Post, text: str, *, base_version: int, note: str = ""
) -> EditConflict | None:
    """Inside the caller's unit of work: the next revision, or (someone saved since `base_version`) a conflicted
    one and the EditConflict to raise once this unit of work has committed it."""
    _check_text(text)
    if post.version != base_version:
        return _keep_conflicted(session, actor, post, text)
    post.version += 1
    post.updated_at = datetime.now(UTC)
    session.add(PostRevision(post_id=post.id, number=post.version, text=text, author_id=actor.person_id, note=note))
    session.flush()
    session.refresh(post)
    return None


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
    failure never loses it). Raises EditConflict only after the conflicted text is stored."""
    if post.version == base_version and current_text(post) == text:
        return
    conflict = write_revision(session, actor, post, text, base_version=base_version, note=note)
    if conflict is not None:
        session.commit()
        raise conflict


def revisions(engine: Engine, actor: Actor, post_id: int) -> list[PostRevision]:
    with unit_of_work(engine) as session:
        return list(load_visible_post(session, actor, post_id).revisions)


def set_status(engine: Engine, actor: Actor, post_id: int, status: PostStatus) -> PostView:
    """Move a post along its workflow. Only the leader (or an admin) approves or publishes."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        if status in (PostStatus.APPROVED, PostStatus.PUBLISHED) and actor.role == Role.COACH:
            raise PermissionDenied("Coaches advise; the leader approves and publishes their own posts.")
        previous, post.status = post.status, status
        post.ical_sequence += 1
        audit.record(session, f"post.{status}", actor_id=actor.person_id, target=f"post:{post.id}", previous=previous)
        session.flush()
        return PostView.of(post)


def delete_post(engine: Engine, actor: Actor, post_id: int) -> None:
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        audit.record(session, "post.deleted", actor_id=actor.person_id, target=f"post:{post.id}", title=post.title)
        session.delete(post)


def add_comment(engine: Engine, actor: Actor, post_id: int, text: str) -> None:
    if not text.strip():
        raise ValidationFailed("A comment needs some text.")
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        session.add(Comment(post_id=post.id, author_id=actor.person_id, text=text.strip()))


def check_post_url(url: str) -> str:
    """The cleaned link of a published post, or ValidationFailed."""
    cleaned = url.strip()
    parts = urlparse(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(cleaned) > 500:
        raise ValidationFailed("Paste the full link of the published post (starting with https://).")
    return cleaned


def mark_published(
    engine: Engine, actor: Actor, post_id: int, url: str, published_at: datetime | None = None
) -> PostView:
    """The leader (or an admin) posted it on the network themselves: record the URL and time. Byline never posts.
    From then on its text counts as one of the leader's past posts."""
    link = check_post_url(url)
    if published_at is not None:
        supported_or_refused(published_at, "The publishing date")
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        if actor.role == Role.COACH:
            raise PermissionDenied("Coaches advise; the leader marks their own posts published.")
        if not current_text(post).strip():
            raise ValidationFailed("This post has no text to publish.")
        if session.scalar(select(Post.id).where(Post.url == link, Post.id != post.id)) is not None:
            raise ValidationFailed("Another post already has this URL.")
        previous = post.status
        moment = published_at or datetime.now(UTC)
        post.url, post.status = link, PostStatus.PUBLISHED
        post.published_at = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        post.ical_sequence += 1
        post.updated_at = datetime.now(UTC)
        audit.record(
            session, "post.published", actor_id=actor.person_id, target=f"post:{post.id}", previous=previous, url=link
        )
        session.flush()
        return PostView.of(post)


def list_posts(
    engine: Engine, actor: Actor, *, leader_id: int | None = None, statuses: tuple[str, ...] | None = None
) -> list[PostView]:
    """Posts the actor may see, newest first; optionally one leader's and some statuses."""
    with unit_of_work(engine) as session:
        allowed = visible_leader_ids(session, actor)
        if leader_id is not None:
            require_leader_access(session, actor, leader_id)
            allowed = {leader_id}
        query = select(Post).where(Post.leader_id.in_(allowed))
        if statuses:
            query = query.where(Post.status.in_(statuses))
        query = query.order_by(Post.scheduled_at.desc().nulls_last(), Post.id.desc())
        return [PostView.of(post) for post in session.scalars(query)]
