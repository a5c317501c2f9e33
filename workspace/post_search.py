"""Finding posts: search by leader, pillar, channel, status, date and words, and the board and list the Posts page
shows (small pure functions, tested without a page)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, and_, func, or_, select
from sqlalchemy.orm import selectinload

from core.db import unit_of_work
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace.models import Post, PostRevision, PostStatus
from workspace.posts import PostView
from workspace.workflow import STATUS_LABELS

BOARD_STATUSES = [status.value for status in PostStatus]
MAX_RESULTS = 500


@dataclass(frozen=True)
class PostFilter:
    leader_id: int | None = None
    pillar: str = ""
    channel: str = ""
    statuses: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    words: str = ""


def _when(filters: PostFilter) -> list[object]:
    """Date bounds on the post's date: published, else scheduled, else created."""
    moment = func.coalesce(Post.published_at, Post.scheduled_at, Post.created_at)
    bounds: list[object] = []
    if filters.start:
        bounds.append(moment >= datetime.combine(filters.start, time(), tzinfo=UTC))
    if filters.end:
        bounds.append(moment < datetime.combine(filters.end + timedelta(days=1), time(), tzinfo=UTC))
    return bounds


def search_posts(engine: Engine, actor: Actor, filters: PostFilter) -> list[PostView]:
    """Posts the actor may see that match every filter given, newest first (at most 500)."""
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        if filters.leader_id is not None:
            require_leader_access(session, actor, filters.leader_id)
            scope = {filters.leader_id}
        query = select(Post).where(Post.leader_id.in_(scope), *_when(filters))
        if filters.pillar:
            query = query.where(Post.pillar == filters.pillar)
        if filters.channel:
            query = query.where(Post.channel == filters.channel)
        if filters.statuses:
            query = query.where(Post.status.in_(filters.statuses))
        if words := filters.words.strip().lower():
            current = and_(PostRevision.post_id == Post.id, PostRevision.number == Post.version)
            text_hit = select(PostRevision.id).where(current, func.lower(PostRevision.text).contains(words)).exists()
            query = query.where(or_(func.lower(Post.title).contains(words), text_hit))
        query = query.options(selectinload(Post.revisions)).order_by(Post.updated_at.desc(), Post.id.desc())
        return [PostView.of(post) for post in session.scalars(query.limit(MAX_RESULTS))]


def board_columns(posts: list[PostView]) -> dict[str, list[PostView]]:
    """Posts grouped by status, in workflow order (every status has a column, empty or not)."""
    columns: dict[str, list[PostView]] = {status: [] for status in BOARD_STATUSES}
    for post in posts:
        columns.setdefault(post.status, []).append(post)
    return columns


def card_line(post: PostView, leader_names: dict[int, str], *, team: bool) -> str:
    """One card or list line: title (or opening words), leader on team views, channel, pillar and date."""
    parts = [f"**{post.title or post.text[:60] or 'Untitled'}**"]
    if team:
        parts.append(leader_names.get(post.leader_id, ""))
    parts.append(post.channel)
    if post.pillar:
        parts.append(post.pillar)
    when = post.published_at or post.scheduled_at
    if when:
        parts.append(f"{when:%d %b %H:%M}")
    return " · ".join(part for part in parts if part)


def post_rows(posts: list[PostView], leader_names: dict[int, str]) -> list[dict[str, object]]:
    """The searchable list as table rows."""
    return [
        {
            "id": post.id,
            "title": post.title or post.text[:60],
            "leader": leader_names.get(post.leader_id, ""),
            "status": STATUS_LABELS.get(post.status, post.status),
            "channel": post.channel,
            "pillar": post.pillar,
            "date": post.published_at or post.scheduled_at,
        }
        for post in posts
    ]


def post_id_from(value: str | None) -> int | None:
    """A post id from a page's query string (anything else is no post)."""
    return int(value) if value is not None and value.strip().isdigit() else None
