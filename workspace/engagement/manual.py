"""Manual work on engagement figures: match kept rows to posts, correct figures, enter them by hand,
and import link clicks/leads by UTM tag."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pandas as pd
from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session

from core import audit
from core.dates import supported_or_refused
from core.db import unit_of_work
from core.errors import NotFound, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace.engagement.models import ImportedRow, UtmLead
from workspace.engagement.readers import DEFAULT_MAX_BYTES
from workspace.engagement.service import COMPANY, COUNTS, write_engagement
from workspace.engagement.utm import LeadRow, parse_leads_upload, post_id_from_content
from workspace.models import Engagement, Post
from workspace.posts import load_visible_post

EDITABLE = COUNTS
TABLE_COLUMNS = ["id", "post_id", "leader", "post", "day", "source", *COUNTS]


def _visible_rows_filter(session: Session, actor: Actor) -> Any:
    allowed = visible_leader_ids(session, actor)
    if actor.role == Role.LEADER:
        return ImportedRow.leader_id.in_(allowed)
    return or_(ImportedRow.leader_id.in_(allowed), ImportedRow.leader_id.is_(None))


def unmatched_rows(engine: Engine, actor: Actor) -> list[dict[str, Any]]:
    """Imported rows that match no post yet, newest first, for manual matching."""
    with unit_of_work(engine) as session:
        query = (
            select(ImportedRow)
            .where(ImportedRow.post_id.is_(None), ImportedRow.match_method != COMPANY)
            .where(_visible_rows_filter(session, actor))
            .order_by(ImportedRow.day.desc().nulls_last(), ImportedRow.id.desc())
        )
        return [
            {
                "row_id": row.id,
                "source": row.source,
                "day": row.day,
                "url": row.url or "",
                "text": row.text[:200],
                "impressions": row.metrics.get("impressions"),
                "engagements": row.metrics.get("engagements"),
            }
            for row in session.scalars(query)
        ]


def match_row(engine: Engine, actor: Actor, row_id: int, post_id: int) -> None:
    """Attach a kept row to a post by hand; later re-imports keep this choice."""
    with unit_of_work(engine) as session:
        row = session.get(ImportedRow, row_id)
        if (
            row is None
            or session.scalar(
                select(ImportedRow.id).where(ImportedRow.id == row_id, _visible_rows_filter(session, actor))
            )
            is None
        ):
            raise NotFound("That imported row no longer exists.")
        post = load_visible_post(session, actor, post_id)
        if row.leader_id is not None and row.leader_id != post.leader_id:
            raise ValidationFailed("This row came from another leader's analytics; pick one of their posts.")
        row.post_id, row.match_method = post.id, "manual"
        write_engagement(session, post.id, row.day, row.source, row.metrics)
        audit.record(session, "engagement.matched", actor_id=actor.person_id, target=f"post:{post.id}", row=row.id)


def engagement_table(engine: Engine, actor: Actor, leader_id: int | None = None) -> pd.DataFrame:
    """Every engagement row the actor may see, for the correction grid."""
    with unit_of_work(engine) as session:
        allowed = visible_leader_ids(session, actor)
        if leader_id is not None:
            require_leader_access(session, actor, leader_id)
            allowed = {leader_id}
        query = (
            select(Engagement, Post.title, Person.name)
            .join(Post, Post.id == Engagement.post_id)
            .join(Person, Person.id == Post.leader_id)
            .where(Post.leader_id.in_(allowed))
            .order_by(Engagement.day.desc(), Engagement.id.desc())
        )
        rows = [
            [e.id, e.post_id, name, title, e.day.date(), e.source, *(getattr(e, c) for c in COUNTS)]
            for e, title, name in session.execute(query)
        ]
    return pd.DataFrame(rows, columns=TABLE_COLUMNS)


def _count(value: object, column: str, row_id: int) -> int:
    try:
        number = int(float(str(value).replace(",", "")))
    except ValueError:
        raise ValidationFailed(f"Row {row_id}: {column} must be a whole number, not {value!r}.") from None
    if number < 0:
        raise ValidationFailed(f"Row {row_id}: {column} cannot be negative.")
    return number


def changed_rows(before: pd.DataFrame, after: pd.DataFrame) -> dict[int, dict[str, Any]]:
    """What the grid changed: {engagement id: {column: new value}} for the editable columns only."""
    changes: dict[int, dict[str, Any]] = {}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        diff = {column: new[column] for column in EDITABLE if str(old[column]) != str(new[column])}
        if diff:
            changes[int(old["id"])] = diff
    return changes


def save_corrections(engine: Engine, actor: Actor, changes: dict[int, dict[str, Any]]) -> int:
    """Apply edits from the grid: {engagement id: {column: new value}}. All or nothing."""
    with unit_of_work(engine) as session:
        for row_id, values in changes.items():
            row = session.get(Engagement, row_id)
            if row is None:
                raise NotFound(f"Engagement row {row_id} no longer exists; reload the page.")
            load_visible_post(session, actor, row.post_id)
            for column, value in values.items():
                if column not in EDITABLE:
                    raise ValidationFailed(f"Column {column!r} cannot be edited.")
                setattr(row, column, _count(value, column, row_id))
            parts = row.reactions + row.comments + row.reposts + row.clicks
            row.engagement_rate = round(parts / row.impressions, 6) if row.impressions else None
        audit.record(session, "engagement.corrected", actor_id=actor.person_id, rows=sorted(changes))
    return len(changes)


def record_manual(engine: Engine, actor: Actor, post_id: int, day: date, **counts: int) -> None:
    """Enter figures for a post by hand (source 'manual'); entering the same day again updates them."""
    if day > datetime.now(UTC).date():
        raise ValidationFailed("Engagement cannot be dated in the future.")
    supported_or_refused(day, "The day")
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        metrics = {name: _count(counts.get(name, 0), name, post_id) for name in COUNTS}
        write_engagement(session, post.id, day, "manual", metrics)
        audit.record(session, "engagement.entered", actor_id=actor.person_id, target=f"post:{post.id}")


@dataclass
class LeadsReport:
    stored: int = 0
    linked_to_posts: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def import_leads(
    engine: Engine,
    actor: Actor,
    data: bytes,
    *,
    leader_id: int | None = None,
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> LeadsReport:
    """Import clicks/leads by UTM tag. A utm_content of 'byline-post-<id>' links the row to that post.

    Rows belong to a leader: the post's leader when linked, else the leader the file is for (a leader's own
    import is always theirs; a coach or admin may import unattributed, company-wide rows). An import touches only
    rows of leaders the importer may access; a row naming someone else's post is reported and kept unlinked."""
    parsed = parse_leads_upload(data, max_bytes=max_bytes, today=today or datetime.now(UTC).date())
    report = LeadsReport(problems=[str(p) for p in parsed.problems], notes=parsed.notes)
    with unit_of_work(engine) as session:
        owner = _leads_owner(session, actor, leader_id)
        allowed = visible_leader_ids(session, actor) if owner is None else {owner}
        for number, lead in enumerate(parsed.rows, start=1):
            post = _linked_post(session, lead, allowed)
            if post is None and post_id_from_content(lead.utm_content) is not None:
                report.problems.append(f"row {number}: {lead.utm_content} is not a post of this import's leader")
            _upsert_lead(session, lead, post, owner)
            report.stored += 1
            report.linked_to_posts += post is not None
        audit.record(session, "leads.imported", actor_id=actor.person_id, rows=report.stored, leader=owner)
    return report


def _leads_owner(session: Session, actor: Actor, leader_id: int | None) -> int | None:
    if leader_id is None and actor.role == Role.LEADER:
        leader_id = actor.person_id
    if leader_id is not None:
        require_leader_access(session, actor, leader_id)
    return leader_id


def _linked_post(session: Session, lead: LeadRow, allowed: set[int]) -> Post | None:
    post_id = post_id_from_content(lead.utm_content)
    post = session.get(Post, post_id) if post_id else None
    return post if post is not None and post.leader_id in allowed else None


def _upsert_lead(session: Session, lead: LeadRow, post: Post | None, owner: int | None) -> None:
    """Insert or update the row for (leader, day, tags): never a row of another leader."""
    leader_id = post.leader_id if post is not None else owner
    same_leader = UtmLead.leader_id.is_(None) if leader_id is None else UtmLead.leader_id == leader_id
    tags = {key: getattr(lead, key) for key in ("utm_source", "utm_medium", "utm_campaign", "utm_content")}
    query = select(UtmLead).where(same_leader, UtmLead.day == lead.day)
    row = session.scalar(query.where(*(getattr(UtmLead, key) == value for key, value in tags.items())))
    if row is None:
        row = UtmLead(day=lead.day, leader_id=leader_id, **tags)
        session.add(row)
    row.clicks, row.leads = lead.clicks, lead.leads
    if post is not None:
        row.post_id = post.id
    session.flush()
