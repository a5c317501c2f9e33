"""Per-leader cadence settings (quiet days, minimum gap) and blocked days; the weekly target is the leader's
posts-per-week goal (workspace.program.goals), read here and never stored twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, ValidationFailed
from core.identity import Person
from core.permissions import Actor, require_leader_access
from workspace.calendar.cadence import LeaderRules
from workspace.calendar.ical_import import IcsReport, parse_blocked_days_isolated
from workspace.calendar.models import DEFAULT_MIN_GAP_HOURS, BlockedDay, CadenceRule
from workspace.program.goals import weekly_targets


@dataclass(frozen=True)
class CadenceSettings:
    leader_id: int
    weekly_target: int
    quiet_weekdays: tuple[int, ...]
    min_gap_hours: int


def load_rules(session: Session, leader_ids: set[int]) -> dict[int, LeaderRules]:
    people = list(session.scalars(select(Person).where(Person.id.in_(leader_ids))))
    gap_rows = session.execute(select(CadenceRule.leader_id, CadenceRule.min_gap_hours)).all()
    gaps = {leader_id: hours for leader_id, hours in gap_rows}
    blocked: dict[int, dict[date, str]] = {}
    for block in session.scalars(select(BlockedDay).where(BlockedDay.leader_id.in_(leader_ids))):
        blocked.setdefault(block.leader_id, {})[block.day] = block.summary
    targets = weekly_targets(session, {person.id for person in people})
    return {
        person.id: LeaderRules(
            weekly_target=targets[person.id],
            quiet_weekdays=tuple(person.quiet_weekdays or ()),
            min_gap_hours=gaps.get(person.id, DEFAULT_MIN_GAP_HOURS),
            blocked=blocked.get(person.id, {}),
        )
        for person in people
    }


def get_settings(engine: Engine, actor: Actor, leader_id: int) -> CadenceSettings:
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        rule = load_rules(session, {leader_id}).get(leader_id)
        if rule is None:
            raise NotFound(f"Leader {leader_id} does not exist.")
        return CadenceSettings(leader_id, rule.weekly_target, rule.quiet_weekdays, rule.min_gap_hours)


def update_settings(
    engine: Engine, actor: Actor, leader_id: int, *, quiet_weekdays: list[int], min_gap_hours: int
) -> CadenceSettings:
    """Change a leader's quiet days and minimum gap (the leader, their coach or an admin). The weekly target is
    their posts-per-week goal, set with `workspace.program.goals.set_goal`."""
    if not 0 <= min_gap_hours <= 168:
        raise ValidationFailed("The minimum gap is between 0 and 168 hours.")
    if any(day not in range(7) for day in quiet_weekdays):
        raise ValidationFailed("Quiet days are weekdays 0 (Monday) to 6 (Sunday).")
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        person = session.get(Person, leader_id)
        if person is None:
            raise NotFound(f"Leader {leader_id} does not exist.")
        person.quiet_weekdays = sorted(set(quiet_weekdays))
        rule = session.get(CadenceRule, leader_id) or CadenceRule(leader_id=leader_id)
        rule.min_gap_hours, rule.updated_at = min_gap_hours, datetime.now(UTC)
        session.add(rule)
        audit.record(session, "cadence.updated", actor_id=actor.person_id, target=person.handle)
        weekly_target = weekly_targets(session, {leader_id})[leader_id]
    return CadenceSettings(leader_id, weekly_target, tuple(sorted(set(quiet_weekdays))), min_gap_hours)


def import_blocked_days(engine: Engine, actor: Actor, leader_id: int, data: bytes, filename: str) -> IcsReport:
    """Read blocked days from an .ics file: what is valid is stored, what is not is reported. Access is checked
    before the file is read (no transaction stays open while it is parsed) and again when storing."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
    report = parse_blocked_days_isolated(data)
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        existing = {
            (b.day, b.uid) for b in session.scalars(select(BlockedDay).where(BlockedDay.leader_id == leader_id))
        }
        for block in report.days:
            if (block.day, block.uid) in existing:
                continue
            existing.add((block.day, block.uid))
            session.add(
                BlockedDay(
                    leader_id=leader_id, day=block.day, summary=block.summary, uid=block.uid, source=filename[:300]
                )
            )
            report.stored += 1
        audit.record(session, "calendar.blocked_days_imported", actor_id=actor.person_id, days=report.stored)
    return report


def blocked_days(engine: Engine, actor: Actor, leader_id: int) -> list[dict[str, object]]:
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        query = select(BlockedDay).where(BlockedDay.leader_id == leader_id).order_by(BlockedDay.day)
        return [{"id": b.id, "day": b.day, "summary": b.summary, "from": b.source} for b in session.scalars(query)]


def remove_blocked_day(engine: Engine, actor: Actor, block_id: int) -> None:
    with unit_of_work(engine) as session:
        block = session.get(BlockedDay, block_id)
        if block is None:
            raise NotFound("That blocked day no longer exists.")
        require_leader_access(session, actor, block.leader_id)
        session.delete(block)
