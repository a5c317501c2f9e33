"""Calendar views (month, week, list data) per leader and for the team, with cadence warnings attached
where each post is scheduled, and the warnings a post would get at a new time (before it is saved)."""

from __future__ import annotations

import calendar as stdlib_calendar
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace import posts
from workspace.calendar import cadence
from workspace.calendar.rules import load_rules
from workspace.models import Post, PostRevision, PostStatus

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


def warnings_if_scheduled(engine: Engine, actor: Actor, post_id: int, when: datetime) -> list[str]:
    """The cadence warnings this post would get at `when`, before anything is saved."""
    moment = as_utc(when)
    with unit_of_work(engine) as session:
        post = posts.load_visible_post(session, actor, post_id)
        visible = visible_leader_ids(session, actor)
        day = moment.date()
        planned = [p for p, _ in _planned(session, day - timedelta(days=8), day + timedelta(days=8), visible)]
        rules = load_rules(session, {post.leader_id})
        title, pillar, text = post.title, post.pillar, posts.current_text(post)
        leader = session.get(Person, post.leader_id)
    me = cadence.PlannedPost(
        post.id, post.leader_id, leader.name if leader else "", post.channel, moment, title, pillar, text
    )
    others = [p for p in planned if p.post_id != post_id]
    warnings = cadence.check([*others, me], rules, today=day, weeks=[])
    return list(dict.fromkeys(w.reason for w in warnings if w.post_id == post_id))
