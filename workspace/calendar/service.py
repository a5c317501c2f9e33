"""Calendar views (month, week, list data) per leader and for the team, with cadence warnings attached
where each post is scheduled; rescheduling and status moves."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from core import audit
from core.dates import supported_or_refused
from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Person
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace import posts
from workspace.calendar import cadence
from workspace.calendar.rules import load_rules
from workspace.models import Comment, Post, PostRevision, PostStatus

STATUS_ORDER = [status.value for status in PostStatus]


@dataclass(frozen=True)
class CalendarItem:
    post_id: int
    leader_id: int
    leader_name: str
    channel: str
    status: str
    title: str
    pillar: str
    when: datetime
    warnings: tuple[str, ...] = ()


@dataclass
class CalendarView:
    start: date
    end: date
    items: list[CalendarItem] = field(default_factory=list)
    week_notes: list[cadence.CadenceWarning] = field(default_factory=list)

    def on(self, day: date) -> list[CalendarItem]:
        return [item for item in self.items if item.when.date() == day]

    @property
    def warning_count(self) -> int:
        return sum(bool(item.warnings) for item in self.items)


def month_weeks(year: int, month: int) -> list[list[date]]:
    """The weeks (Monday first) that show a month in a grid."""
    return stdlib_calendar.Calendar(firstweekday=0).monthdatescalendar(year, month)


def as_utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _planned(session: Session, start: date, end: date, visible: set[int]) -> list[tuple[cadence.PlannedPost, str]]:
    """Every dated post of every leader in [start, end] (cadence needs colleagues' posts for the echo check)."""
    low = datetime.combine(start, time(), tzinfo=UTC)
    high = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    query = (
        select(Post, Person.name, PostRevision.text)
        .join(Person, Person.id == Post.leader_id)
        .outerjoin(PostRevision, (PostRevision.post_id == Post.id) & (PostRevision.number == Post.version))
        .where(
            or_(
                (Post.status != PostStatus.PUBLISHED) & Post.scheduled_at.between(low, high),
                (Post.status == PostStatus.PUBLISHED) & Post.published_at.between(low, high),
            )
        )
    )
    planned = []
    for post, name, text in session.execute(query):
        when = as_utc(post.published_at if post.status == PostStatus.PUBLISHED else post.scheduled_at)
        item = cadence.PlannedPost(
            post.id,
            post.leader_id,
            name,
            post.channel,
            when,
            post.title,
            post.pillar,
            text or "",
            visible=post.leader_id in visible,
        )
        planned.append((item, post.status))
    return planned


def calendar_view(
    engine: Engine,
    actor: Actor,
    *,
    start: date,
    end: date,
    leader_id: int | None = None,
    channels: tuple[str, ...] = (),
    pillars: tuple[str, ...] = (),
    statuses: tuple[str, ...] = (),
    today: date | None = None,
) -> CalendarView:
    """Posts between start and end (inclusive) the actor may see, each with its cadence warnings."""
    today = today or datetime.now(UTC).date()
    with unit_of_work(engine) as session:
        visible = visible_leader_ids(session, actor)
        if leader_id is not None:
            require_leader_access(session, actor, leader_id)
        scope = {leader_id} if leader_id is not None else visible
        margin = timedelta(days=7)
        planned = _planned(session, cadence.week_start(start) - margin, end + margin, visible)
        rules = load_rules(session, scope)
    mondays = [cadence.week_start(start) + timedelta(weeks=n) for n in range((end - start).days // 7 + 1)]
    warnings = cadence.check([p for p, _ in planned], rules, today=today, weeks=mondays)
    notes = [w for w in warnings if w.post_id is None and w.week and start - timedelta(days=6) <= w.week <= end]
    view = CalendarView(start, end, week_notes=notes)
    wanted = {"channel": channels, "pillar": pillars, "status": statuses}
    for post, status in sorted(planned, key=lambda pair: pair[0].when):
        if post.leader_id in scope and start <= post.when.date() <= end and _wanted(post, status, wanted):
            view.items.append(_item(post, status, warnings))
    return view


def _wanted(post: cadence.PlannedPost, status: str, wanted: dict[str, tuple[str, ...]]) -> bool:
    values = {"channel": post.channel, "pillar": post.pillar, "status": status}
    return all(not chosen or values[name] in chosen for name, chosen in wanted.items())


def _item(post: cadence.PlannedPost, status: str, warnings: list[cadence.CadenceWarning]) -> CalendarItem:
    reasons = tuple(dict.fromkeys(w.reason for w in warnings if w.post_id == post.post_id))
    return CalendarItem(
        post.post_id,
        post.leader_id,
        post.leader_name,
        post.channel,
        status,
        post.title,
        post.pillar,
        post.when,
        reasons,
    )


def reschedule(engine: Engine, actor: Actor, post_id: int, when: datetime) -> None:
    """Move a post to a new date and time; calendar subscribers see an update (SEQUENCE is bumped)."""
    supported_or_refused(when, "The new date")
    with unit_of_work(engine) as session:
        post = posts.load_visible_post(session, actor, post_id)
        if post.status == PostStatus.PUBLISHED:
            raise ValidationFailed("This post is already published; its date is when it went out.")
        previous = post.scheduled_at.isoformat() if post.scheduled_at else None
        post.scheduled_at = as_utc(when)
        post.ical_sequence += 1
        post.updated_at = datetime.now(UTC)
        audit.record(
            session,
            "post.rescheduled",
            actor_id=actor.person_id,
            target=f"post:{post.id}",
            previous=previous,
            new=post.scheduled_at.isoformat(),
        )


def move_status(engine: Engine, actor: Actor, post_id: int, status: PostStatus, comment: str = "") -> None:
    """Move a post along its workflow, with an optional (advisory) comment. Coaches cannot approve or publish."""
    if status == PostStatus.PUBLISHED:
        raise ValidationFailed("Mark a post published with its URL, once the leader has posted it.")
    posts.set_status(engine, actor, post_id, status)
    if comment.strip():
        posts.add_comment(engine, actor, post_id, comment)


def comments_for(engine: Engine, actor: Actor, post_id: int) -> list[dict[str, object]]:
    with unit_of_work(engine) as session:
        posts.load_visible_post(session, actor, post_id)
        query = (
            select(Comment, Person.name)
            .outerjoin(Person, Person.id == Comment.author_id)
            .where(Comment.post_id == post_id)
            .order_by(Comment.id)
        )
        return [{"by": name or "", "at": c.created_at, "text": c.text} for c, name in session.execute(query)]
