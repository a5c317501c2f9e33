"""Designated approvers: an admin may name one person (an admin, or a coach assigned to the leader, e.g. the comms
lead) whose approval a leader's posts then need instead of the leader's own."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, ValidationFailed
from core.identity import CoachAssignment, Person, Role
from core.permissions import Actor, require_admin, require_leader_access
from workspace.models import LeaderApprover


@dataclass(frozen=True)
class ApproverView:
    leader_id: int
    leader_name: str
    approver_id: int | None
    approver_name: str


def _person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    return person


def _may_approve(session: Session, leader: Person, approver: Person) -> bool:
    """An active admin, or an active coach assigned to the leader (approvers must be able to see the posts)."""
    if not approver.active or approver.id == leader.id:
        return False
    if approver.role == Role.ADMIN:
        return True
    assigned = select(CoachAssignment.id).where(
        CoachAssignment.coach_id == approver.id, CoachAssignment.leader_id == leader.id
    )
    return approver.role == Role.COACH and session.scalar(assigned) is not None


def set_approver(engine: Engine, actor: Actor, leader_id: int, approver_id: int | None) -> ApproverView:
    """Name (or, with None, remove) the leader's designated approver. Admins only; audited."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        leader = _person(session, leader_id)
        if leader.role != Role.LEADER:
            raise ValidationFailed("Approvers are named for leaders.")
        session.execute(delete(LeaderApprover).where(LeaderApprover.leader_id == leader_id))
        name = ""
        if approver_id is not None:
            approver = _person(session, approver_id)
            if not _may_approve(session, leader, approver):
                raise ValidationFailed("Name an admin, or a coach assigned to this leader, as their approver.")
            session.add(LeaderApprover(leader_id=leader_id, approver_id=approver_id, set_by=actor.person_id))
            name = approver.name
        audit.record(
            session, "approver.set", actor_id=actor.person_id, target=leader.handle, approver=approver_id or None
        )
        return ApproverView(leader.id, leader.name, approver_id, name)


def approver_choices(engine: Engine, actor: Actor, leader_id: int) -> list[tuple[int, str]]:
    """Who may be named for this leader: admins and the coaches assigned to them."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        leader = _person(session, leader_id)
        people = session.scalars(select(Person).where(Person.role.in_((Role.ADMIN, Role.COACH))).order_by(Person.name))
        return [(p.id, f"{p.name} ({p.role})") for p in people if _may_approve(session, leader, p)]


def approver_for(engine: Engine, actor: Actor, leader_id: int) -> ApproverView:
    """The leader's designated approver (if any), for anyone who may see the leader."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        leader = _person(session, leader_id)
        row = session.get(LeaderApprover, leader_id)
        approver = session.get(Person, row.approver_id) if row else None
        return ApproverView(
            leader.id, leader.name, approver.id if approver else None, approver.name if approver else ""
        )
