"""Engagement import: parse, match to posts, store. Re-importing a file updates rows, never duplicates them,
and a row that matches nothing is kept for manual matching. Rows belong to the leader the file is for and match only
that leader's posts. Company Page posts are the brand's own: they are kept as company posts (owner: the company,
seen by admins and coaches), never matched to a leader's post."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import Any

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Role
from core.permissions import Actor, require_leader_access, require_staff
from workspace.engagement.matching import Candidate, find_match, url_key
from workspace.engagement.models import DailyMetric, ImportBatch, ImportedRow
from workspace.engagement.parsing import parse_upload
from workspace.engagement.readers import DEFAULT_MAX_BYTES, DayFigures, ParseResult, PostFigures
from workspace.models import Engagement, Post, PostRevision

COUNTS = ("impressions", "reactions", "comments", "reposts", "clicks")
COMPANY = "company"  # match_method of a Company Page post: it belongs to the company, not to a leader's post
MAX_PROBLEMS_KEPT = 500


@dataclass
class ImportReport:
    batch_id: int
    kind: str
    matched: int = 0
    unmatched: int = 0
    days: int = 0
    company: int = 0
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def import_engagement(
    engine: Engine,
    actor: Actor,
    data: bytes,
    filename: str,
    *,
    leader_id: int | None = None,
    kind: str = "auto",
    max_bytes: int = DEFAULT_MAX_BYTES,
    today: date | None = None,
) -> ImportReport:
    """Import one export file. Whole-file problems raise ImportRejected; row problems are reported."""
    parsed = parse_upload(data, filename, kind=kind, max_bytes=max_bytes, today=today)
    with unit_of_work(engine) as session:
        leader_id = _scope(session, actor, leader_id, parsed.kind)
        batch = ImportBatch(kind=parsed.kind, filename=filename[:300], leader_id=leader_id, imported_by=actor.person_id)
        session.add(batch)
        session.flush()
        report = ImportReport(batch.id, parsed.kind, problems=[str(p) for p in parsed.problems], notes=parsed.notes)
        candidates = load_candidates(session, {leader_id}) if leader_id is not None else []
        for figures in parsed.posts:
            if leader_id is None:  # only a Company Page export has no leader
                _store_company_row(session, batch.id, figures)
                report.company += 1
                continue
            matched = _store_post_row(session, batch.id, figures, leader_id, candidates)
            report.matched += matched
            report.unmatched += not matched
        for figures_day in parsed.days:
            _store_day(session, leader_id, figures_day)
        report.days = len(parsed.days)
        batch.summary = _summary(report, parsed)
        audit.record(session, "engagement.imported", actor_id=actor.person_id, target=f"import:{batch.id}")
    return report


def _scope(session: Session, actor: Actor, leader_id: int | None, kind: str) -> int | None:
    """Whose figures these are. A leader imports their own; a Company Page export belongs to the company (no
    leader), and only comms staff and admins, who see the company's figures, may import one."""
    if kind == "linkedin_page":
        require_staff(actor)
        if leader_id is not None:
            raise ValidationFailed("A Company Page export holds the company's figures; import it for the Company Page.")
        return None
    if leader_id is None and actor.role == Role.LEADER:
        leader_id = actor.person_id
    if leader_id is None:
        raise ValidationFailed("Choose the leader whose analytics this file holds.")
    require_leader_access(session, actor, leader_id)
    return leader_id


def _summary(report: ImportReport, parsed: ParseResult) -> dict[str, Any]:
    return {
        "matched": report.matched,
        "unmatched": report.unmatched,
        "days": report.days,
        "company": report.company,
        "problems": report.problems[:MAX_PROBLEMS_KEPT],
        "notes": report.notes,
        "extras": parsed.extras,
    }


def load_candidates(session: Session, leader_ids: set[int]) -> list[Candidate]:
    """Every post of these leaders with its current text, as matching candidates."""
    query = (
        select(Post.id, Post.leader_id, Post.channel, Post.url, Post.published_at, Post.scheduled_at, Post.title)
        .add_columns(PostRevision.text)
        .outerjoin(PostRevision, (PostRevision.post_id == Post.id) & (PostRevision.number == Post.version))
        .where(Post.leader_id.in_(leader_ids))
    )
    candidates = []
    for post_id, leader, channel, url, published, scheduled, title, text in session.execute(query):
        moment = published or scheduled
        day = moment.date() if moment else None
        candidates.append(Candidate(post_id, leader, channel, url_key(url), day, text or title or ""))
    return candidates


def _fingerprint(figures: PostFigures, leader_id: int | None) -> str:
    """One row per post per leader: a file for one leader never updates another leader's row, even when it
    carries the other leader's post URL."""
    key = url_key(figures.url)
    if key:
        return f"{figures.source}|{leader_id}|url:{key}"
    digest = hashlib.sha1(figures.text.strip().lower().encode()).hexdigest()[:16]
    return f"{figures.source}|{leader_id}|{figures.day}|{digest}"


def figures_metrics(figures: PostFigures) -> dict[str, Any]:
    values: dict[str, Any] = {name: getattr(figures, name) for name in (*COUNTS, "engagements")}
    values.update(figures.extra)
    if figures.posted_at:
        values["posted_at"] = figures.posted_at.isoformat()
    return {key: value for key, value in values.items() if value is not None}


def _upsert_row(session: Session, batch_id: int, figures: PostFigures, leader_id: int | None) -> ImportedRow:
    fingerprint = _fingerprint(figures, leader_id)
    row = session.scalar(select(ImportedRow).where(ImportedRow.fingerprint == fingerprint))
    if row is None:
        row = ImportedRow(fingerprint=fingerprint, source=figures.source, leader_id=leader_id, metrics={}, text="")
        session.add(row)
    row.url, row.day, row.text = figures.url or row.url, figures.day or row.day, figures.text[:20_000] or row.text
    row.metrics = {**(row.metrics or {}), **figures_metrics(figures)}
    row.batch_id, row.updated_at = batch_id, datetime.now(UTC)
    return row


def _store_company_row(session: Session, batch_id: int, figures: PostFigures) -> None:
    """A Company Page post: the company's own figures, kept beside the leaders' and never left "unmatched"."""
    row = _upsert_row(session, batch_id, figures, None)
    row.post_id, row.match_method = None, COMPANY
    session.flush()


def _store_post_row(
    session: Session, batch_id: int, figures: PostFigures, leader_id: int, candidates: list[Candidate]
) -> bool:
    row = _upsert_row(session, batch_id, figures, leader_id)
    if row.match_method != "manual":
        found = find_match(
            candidates, source=row.source, url=row.url, day=row.day, text=row.text, leader_id=row.leader_id
        )
        row.post_id, row.match_method = (found.post_id, found.method) if found else (None, "")
    session.flush()
    if row.post_id is not None:
        write_engagement(session, row.post_id, row.day, row.source, row.metrics)
    return row.post_id is not None


def write_engagement(session: Session, post_id: int, day: date | None, source: str, metrics: dict[str, Any]) -> None:
    """Insert or update the Engagement row for (post, day, source) from imported metrics."""
    day = day or datetime.now(UTC).date()
    existing = session.scalars(select(Engagement).where(Engagement.post_id == post_id, Engagement.source == source))
    row = next((item for item in existing if item.day.date() == day), None)
    if row is None:
        row = Engagement(post_id=post_id, day=datetime.combine(day, time(), tzinfo=UTC), source=source)
        session.add(row)
    for name in COUNTS:
        setattr(row, name, int(metrics.get(name) or 0))
    parts = sum(int(metrics.get(name) or 0) for name in ("reactions", "comments", "reposts", "clicks"))
    total = metrics.get("engagements") or parts
    impressions = metrics.get("impressions") or 0
    row.engagement_rate = round(total / impressions, 6) if impressions and total else None
    session.flush()


def _store_day(session: Session, leader_id: int | None, figures: DayFigures) -> None:
    query = select(DailyMetric).where(DailyMetric.day == figures.day, DailyMetric.source == figures.source)
    query = query.where(DailyMetric.leader_id.is_(None) if leader_id is None else DailyMetric.leader_id == leader_id)
    row = session.scalar(query)
    if row is None:
        row = DailyMetric(leader_id=leader_id, day=figures.day, source=figures.source)
        session.add(row)
    for name in ("impressions", "engagements", "new_followers"):
        value = getattr(figures, name)
        if value is not None:
            setattr(row, name, value)
    session.flush()
