"""iCalendar export of planned posts, per leader or for the team (icalendar package).

Stable UIDs (one per post), SEQUENCE from Post.ical_sequence (bumped on every reschedule or status
change), DTSTAMP, CRLF line ends, 75-octet folding and TEXT escaping (done by icalendar), and a size cap
under Google Calendar's 1 MB import limit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Calendar, Event
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.dates import check_supported
from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace.models import Post, PostRevision, PostStatus

GOOGLE_LIMIT_BYTES = 1_000_000
PRODID = "-//Byline//Content calendar 1.0//EN"
UID_DOMAIN = "byline.invalid"
EVENT_MINUTES = 30
HISTORY_DAYS = 90
DESCRIPTION_CHARS = 600


@dataclass(frozen=True)
class IcsPost:
    post_id: int
    sequence: int
    leader_name: str
    channel: str
    status: str
    title: str
    pillar: str
    text: str
    when: datetime
    created: datetime
    modified: datetime


def post_uid(post_id: int) -> str:
    return f"post-{post_id}@{UID_DOMAIN}"


def _supported(moment: datetime) -> bool:
    try:
        check_supported(moment)
    except ValueError:
        return False
    return True


def _utc(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def _event(item: IcsPost, stamp: datetime, *, with_description: bool, team: bool) -> Event:
    event = Event()
    event.add("uid", post_uid(item.post_id))
    event.add("dtstamp", stamp)
    event.add("sequence", item.sequence)
    event.add("dtstart", item.when)
    event.add("dtend", item.when + timedelta(minutes=EVENT_MINUTES))
    event.add("created", item.created)
    event.add("last-modified", item.modified)
    title = item.title or "Untitled post"
    prefix = f"{item.leader_name}: " if team else ""
    event.add("summary", f"{prefix}[{item.channel}] {title}")
    event.add("status", "CONFIRMED" if item.status in (PostStatus.SCHEDULED, PostStatus.PUBLISHED) else "TENTATIVE")
    event.add("transp", "TRANSPARENT")
    if item.pillar:
        event.add("categories", [item.pillar])
    if with_description:
        body = item.text[:DESCRIPTION_CHARS] + ("…" if len(item.text) > DESCRIPTION_CHARS else "")
        status = item.status.replace("_", " ")
        event.add("description", f"Status: {status}\nPillar: {item.pillar or '-'}\n\n{body}".rstrip())
    return event


def render_ics(items: list[IcsPost], *, name: str, team: bool, now: datetime, max_bytes: int) -> bytes:
    """Bytes of a VCALENDAR. Over the cap, descriptions go first, then the oldest events."""
    stamp = _utc(now).replace(microsecond=0)
    for with_description in (True, False):
        kept = list(items)
        while True:
            calendar = Calendar()
            calendar.add("prodid", PRODID)
            calendar.add("version", "2.0")
            calendar.add("calscale", "GREGORIAN")
            calendar.add("method", "PUBLISH")
            calendar.add("x-wr-calname", name)
            for item in kept:
                calendar.add_component(_event(item, stamp, with_description=with_description, team=team))
            data = calendar.to_ical()
            if len(data) <= max_bytes or not kept:
                break
            if with_description:
                break
            kept = kept[max(1, len(kept) // 10) :]
        if len(data) <= max_bytes:
            return data
    return data


def _ics_posts(session: Session, leader_ids: set[int], since: datetime) -> list[IcsPost]:
    query = (
        select(Post, Person.name, PostRevision.text)
        .join(Person, Person.id == Post.leader_id)
        .outerjoin(PostRevision, (PostRevision.post_id == Post.id) & (PostRevision.number == Post.version))
        .where(Post.leader_id.in_(leader_ids))
    )
    items = []
    for post, leader_name, text in session.execute(query):
        moment = post.published_at if post.status == PostStatus.PUBLISHED else post.scheduled_at
        if moment is None or not _supported(moment) or _utc(moment) < since:
            continue  # a stored date outside 1970-2100 (an old bad import) is left out, never breaks the file
        items.append(
            IcsPost(
                post.id,
                post.ical_sequence,
                leader_name,
                post.channel,
                post.status,
                post.title,
                post.pillar,
                text or "",
                _utc(moment),
                _utc(post.created_at),
                _utc(post.updated_at),
            )
        )
    return sorted(items, key=lambda item: item.when)


def export_ics(
    engine: Engine,
    actor: Actor,
    *,
    leader_id: int | None = None,
    now: datetime | None = None,
    max_bytes: int = GOOGLE_LIMIT_BYTES,
) -> bytes:
    """The calendar of one leader's posts (or the whole visible team's) from 90 days ago onwards."""
    now = now or datetime.now(UTC)
    with unit_of_work(engine) as session:
        allowed = visible_leader_ids(session, actor)
        name = "Byline team calendar"
        if leader_id is not None:
            require_leader_access(session, actor, leader_id)
            allowed = {leader_id}
            leader = session.get(Person, leader_id)
            name = f"Byline: {leader.name if leader else 'posts'}"
        items = _ics_posts(session, allowed, now - timedelta(days=HISTORY_DAYS))
    return render_ics(items, name=name, team=leader_id is None, now=now, max_bytes=max_bytes)
