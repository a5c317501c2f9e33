"""Who may see and change what. Services call these; hiding a page is never enough."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from core.errors import PermissionDenied
from core.identity import CoachAssignment, Person, Role

TEMPORARY_PASSWORD_MESSAGE = "Choose your own password first: you signed in with a temporary one."


@dataclass(frozen=True)
class Actor:
    """The signed-in person, as services see them."""

    person_id: int
    handle: str
    name: str
    role: Role
    must_change_password: bool = False  # signed in with a temporary password: no access until it is changed

    @property
    def is_admin(self) -> bool:
        return self.role == Role.ADMIN and not self.must_change_password

    @classmethod
    def of(cls, person: Person) -> Actor:
        return cls(
            person_id=person.id,
            handle=person.handle,
            name=person.name,
            role=Role(person.role),
            must_change_password=person.must_change_password,
        )


def coached_leader_ids(session: Session, coach_id: int) -> set[int]:
    rows = session.scalars(select(CoachAssignment.leader_id).where(CoachAssignment.coach_id == coach_id))
    return set(rows)


def visible_leader_ids(session: Session, actor: Actor) -> set[int]:
    """Leaders whose drafts, voice data and analytics the actor may see (none until a temporary password is changed)."""
    if actor.must_change_password:
        raise PermissionDenied(TEMPORARY_PASSWORD_MESSAGE)
    if actor.is_admin:
        query = select(Person.id).where(Person.role == Role.LEADER, Person.awaiting_role.is_(False))
        return set(session.scalars(query))
    if actor.role == Role.COACH:
        return coached_leader_ids(session, actor.person_id)
    return {actor.person_id}


def require_leader_access(session: Session, actor: Actor, leader_id: int) -> None:
    """Raise PermissionDenied unless the actor may see this leader's material."""
    if leader_id not in visible_leader_ids(session, actor):
        raise PermissionDenied(f"{actor.name} may not see or change another leader's material.")


def require_admin(actor: Actor) -> None:
    if actor.must_change_password:
        raise PermissionDenied(TEMPORARY_PASSWORD_MESSAGE)
    if not actor.is_admin:
        raise PermissionDenied("Only an admin may do this.")


def require_staff(actor: Actor) -> None:
    """Admins and coaches (comms staff): the program's goals and the company page are theirs to see."""
    if actor.must_change_password:
        raise PermissionDenied(TEMPORARY_PASSWORD_MESSAGE)
    if actor.role not in (Role.ADMIN, Role.COACH):
        raise PermissionDenied("Only comms staff (coaches) and admins may do this.")
