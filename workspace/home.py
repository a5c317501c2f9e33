"""The post side of Home's to-do lists: what waits on the signed-in person, what came back from review, what is due
this week, which reviews are requested, and which leaders are behind their cadence."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session, selectinload

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor, visible_leader_ids
from workspace import workflow
from workspace.models import Post, PostStatus
from workspace.posts import PostView
from workspace.program.goals import weekly_targets

CADENCE_WEEKS = 4


@dataclass(frozen=True)
class Todo:
    """One line of a to-do list: what and why, and the post (or leader) it is about."""

    title: str
    why: str
    post_id: int | None = None
    leader_id: int | None = None


@dataclass
class PostTodos:
    waiting_on_me: list[Todo] = field(default_factory=list)
    returned: list[Todo] = field(default_factory=list)
    due_this_week: list[Todo] = field(default_factory=list)
    reviews_requested: list[Todo] = field(default_factory=list)


def aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def _title(post: PostView, names: dict[int, str], actor: Actor) -> str:
    name = post.title or post.text[:60] or "Untitled"
    return name if post.leader_id == actor.person_id else f"{name} ({names.get(post.leader_id, '')})"


def _waiting(post: PostView, actor: Actor, approves: bool, suggestions: int) -> str | None:
    """Why the post waits on the actor (its leader, or the person who approves it), or None."""
    reasons = ["waiting for your approval"] if post.status == PostStatus.IN_REVIEW and approves else []
    if actor.person_id == post.leader_id:
        reasons += [f"{suggestions} suggested edit(s) to accept or reject"] if suggestions else []
        state = {PostStatus.DRAFT: "draft in progress", PostStatus.IDEA: "idea to start"}.get(post.status)
        reasons += [state] if state and not reasons else []
    return "; ".join(reasons) or None


def post_todos(engine: Engine, actor: Actor, *, now: datetime | None = None) -> PostTodos:
    """Every post-related to-do of the actor, from one read of the posts they may see."""
    now = now or datetime.now(UTC)
    todos = PostTodos()
    open_statuses = [s.value for s in PostStatus if s != PostStatus.PUBLISHED]
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        names = {pid: name for pid, name in session.execute(select(Person.id, Person.name).where(Person.id.in_(scope)))}
        query = select(Post).where(Post.leader_id.in_(scope), Post.status.in_(open_statuses))
        rows = list(session.scalars(query.options(selectinload(Post.revisions)).order_by(Post.id)))
        approving = {leader for leader in scope if _approves(session, actor, leader)}
        suggestions = Counter(r.post_id for p in rows for r in p.revisions if r.suggestion and not r.decision)
        views = [PostView.of(post) for post in rows]
    for post in views:
        title = _title(post, names, actor)
        why = _waiting(post, actor, post.leader_id in approving, suggestions[post.id])
        if why:
            todos.waiting_on_me.append(Todo(title, why, post.id, post.leader_id))
        if post.status == PostStatus.RETURNED and post.leader_id == actor.person_id:
            todos.returned.append(Todo(title, "changes requested: read the comments", post.id, post.leader_id))
        if post.status == PostStatus.IN_REVIEW and actor.role == Role.COACH and post.leader_id not in approving:
            todos.reviews_requested.append(Todo(title, "review requested", post.id, post.leader_id))
        when = aware(post.scheduled_at)
        if when is not None and now <= when <= now + timedelta(days=7):
            ready = "" if post.status in (PostStatus.APPROVED, PostStatus.SCHEDULED) else f", still {post.status_label}"
            todos.due_this_week.append(Todo(title, f"{when:%a %d %b %H:%M} UTC{ready}", post.id, post.leader_id))
    todos.due_this_week.sort(key=lambda todo: todo.why)
    return todos


def _approves(session: Session, actor: Actor, leader_id: int) -> bool:
    """The designated approver approves; without one, the leader approves their own posts."""
    designated = workflow.approver_id(session, leader_id)
    return designated == actor.person_id if designated is not None else actor.person_id == leader_id


def behind_cadence(engine: Engine, actor: Actor, *, now: datetime | None = None) -> list[Todo]:
    """Leaders who published fewer posts in the last four weeks than their posts-per-week goal asks for (leaders
    without that goal are never behind)."""
    now = now or datetime.now(UTC)
    since = now - timedelta(weeks=CADENCE_WEEKS)
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        targets = weekly_targets(session, scope)
        leaders = session.execute(
            select(Person.id, Person.name).where(Person.id.in_(scope)).order_by(Person.name)
        ).all()
        published = (
            select(Post.leader_id, func.count(Post.id))
            .where(Post.leader_id.in_(scope), Post.published_at >= since, Post.published_at <= now)
            .group_by(Post.leader_id)
        )
        counts = {leader_id: int(count) for leader_id, count in session.execute(published)}
    behind = []
    for leader_id, name in leaders:
        wanted, done = targets[leader_id] * CADENCE_WEEKS, counts.get(leader_id, 0)
        if done < wanted:
            why = f"{done} of {wanted} posts published in the last {CADENCE_WEEKS} weeks"
            behind.append(Todo(name, why, leader_id=leader_id))
    return behind
