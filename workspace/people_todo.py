"""What an admin's Home to-do list shows about people: leaders without a coach, pending invitations, locked
accounts, and self-registered people awaiting a role."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.identity import CoachAssignment, Person, Role
from core.permissions import Actor, require_admin
from workspace.people import PersonView


def leaders_without_coach(engine: Engine, actor: Actor) -> list[PersonView]:
    """Active leaders (with a role) that no coach is assigned to."""
    require_admin(actor)
    coached = select(CoachAssignment.leader_id)
    query = (
        select(Person)
        .where(Person.role == Role.LEADER, Person.active.is_(True), Person.awaiting_role.is_(False))
        .where(Person.id.not_in(coached))
        .order_by(Person.name)
    )
    with unit_of_work(engine) as session:
        return [PersonView.of(person) for person in session.scalars(query)]


def pending_invitations(engine: Engine, actor: Actor) -> list[PersonView]:
    """Active people invited by an admin who have not signed in yet, oldest invitation first."""
    require_admin(actor)
    query = (
        select(Person)
        .where(Person.active.is_(True), Person.invited_at.is_not(None), Person.last_sign_in_at.is_(None))
        .order_by(Person.invited_at)
    )
    with unit_of_work(engine) as session:
        return [PersonView.of(person) for person in session.scalars(query)]


def locked_accounts(engine: Engine, actor: Actor, *, now: datetime | None = None) -> list[PersonView]:
    """Accounts locked right now after too many wrong passwords."""
    require_admin(actor)
    query = select(Person).where(Person.locked_until > (now or datetime.now(UTC))).order_by(Person.locked_until)
    with unit_of_work(engine) as session:
        return [PersonView.of(person) for person in session.scalars(query)]


def awaiting_role(engine: Engine, actor: Actor) -> list[PersonView]:
    """People who registered themselves through single sign-on and wait for an admin to give them a role."""
    require_admin(actor)
    query = select(Person).where(Person.awaiting_role.is_(True), Person.active.is_(True)).order_by(Person.created_at)
    with unit_of_work(engine) as session:
        return [PersonView.of(person) for person in session.scalars(query)]
