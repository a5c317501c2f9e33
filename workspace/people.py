"""People, roles and coach assignments. Admins manage; everyone else reads what they may see."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, delete, func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, ValidationFailed
from core.identity import CoachAssignment, Person, Role
from core.permissions import Actor, require_admin, visible_leader_ids
from workspace.passwords import hash_password


@dataclass(frozen=True)
class PersonView:
    id: int
    handle: str
    name: str
    email: str
    role: str
    title: str
    active: bool
    awaiting_role: bool = False
    must_change_password: bool = False
    has_password: bool = True
    invited_at: datetime | None = None
    last_sign_in_at: datetime | None = None
    locked_until: datetime | None = None

    @property
    def invitation_pending(self) -> bool:
        """Invited and never signed in since."""
        return self.active and self.invited_at is not None and self.last_sign_in_at is None

    @classmethod
    def of(cls, person: Person) -> PersonView:
        return cls(
            id=person.id,
            handle=person.handle,
            name=person.name,
            email=person.email,
            role=person.role,
            title=person.title,
            active=person.active,
            awaiting_role=person.awaiting_role,
            must_change_password=person.must_change_password,
            has_password=person.password_hash is not None,
            invited_at=person.invited_at,
            last_sign_in_at=person.last_sign_in_at,
            locked_until=person.locked_until,
        )


def add_person(
    session: Session, *, handle: str, name: str, email: str, role: Role, password: str | None, **extra: object
) -> Person:
    """Insert an account in the caller's unit of work (no permission check: used by setup, invitations, the demo).

    `password=None` makes an account that signs in with single sign-on only.
    """
    handle, email, name = handle.strip().lower(), email.strip().lower(), name.strip()
    if not handle.isidentifier() or not handle.isascii():
        raise ValidationFailed("A handle uses letters, digits and underscores only, and starts with a letter.")
    if not name:
        raise ValidationFailed("A person needs a name.")
    if email.count("@") != 1 or not all(email.split("@")) or " " in email:
        raise ValidationFailed(f"{email!r} is not an email address.")
    taken = session.scalar(select(Person.id).where(or_(Person.handle == handle, func.lower(Person.email) == email)))
    if taken is not None:
        raise ValidationFailed(f"Handle {handle!r} or email {email!r} is already taken.")
    person = Person(handle=handle, name=name, email=email, role=role.value, **extra)
    person.password_hash = None if password is None else hash_password(password, personal=(handle, email, name))
    session.add(person)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ValidationFailed(f"Handle {handle!r} or email {email!r} is already taken.") from exc
    return person


def change_role(engine: Engine, actor: Actor, person_id: int, role: Role) -> PersonView:
    """Set a role (also approves a self-registered person). Coach assignments that no longer fit are removed."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = get_person(session, person_id)
        if person.id == actor.person_id and role != Role.ADMIN:
            raise ValidationFailed("You cannot remove your own admin role; ask another admin.")
        previous, person.role, person.awaiting_role = person.role, role.value, False
        if role != Role.COACH:
            session.execute(delete(CoachAssignment).where(CoachAssignment.coach_id == person.id))
        if role != Role.LEADER:
            session.execute(delete(CoachAssignment).where(CoachAssignment.leader_id == person.id))
        audit.record(
            session, "role.changed", actor_id=actor.person_id, target=person.handle, previous=previous, new=role.value
        )
        return PersonView.of(person)


def set_active(engine: Engine, actor: Actor, person_id: int, active: bool) -> PersonView:
    """Deactivate (signed out on their next click, data kept) or reactivate an account."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = get_person(session, person_id)
        if person.id == actor.person_id and not active:
            raise ValidationFailed("You cannot deactivate your own account; ask another admin.")
        person.active = active
        audit.record(
            session,
            "person.activated" if active else "person.deactivated",
            actor_id=actor.person_id,
            target=person.handle,
        )
        return PersonView.of(person)


def assign_coach(engine: Engine, actor: Actor, coach_id: int, leader_id: int) -> None:
    require_admin(actor)
    with unit_of_work(engine) as session:
        coach, leader = get_person(session, coach_id), get_person(session, leader_id)
        if coach.role != Role.COACH or leader.role != Role.LEADER:
            raise ValidationFailed("Assign a coach to a leader.")
        existing = select(CoachAssignment.id).where(
            CoachAssignment.coach_id == coach.id, CoachAssignment.leader_id == leader.id
        )
        if session.scalar(existing) is not None:
            raise ValidationFailed(f"{coach.name} already coaches {leader.name}.")
        session.add(CoachAssignment(coach_id=coach.id, leader_id=leader.id))
        audit.record(session, "coach.assigned", actor_id=actor.person_id, target=leader.handle, coach=coach.handle)


def unassign_coach(engine: Engine, actor: Actor, coach_id: int, leader_id: int) -> None:
    require_admin(actor)
    with unit_of_work(engine) as session:
        coach, leader = get_person(session, coach_id), get_person(session, leader_id)
        removed = session.execute(
            delete(CoachAssignment).where(CoachAssignment.coach_id == coach.id, CoachAssignment.leader_id == leader.id)
        )
        if not removed.rowcount:  # type: ignore[attr-defined]
            raise ValidationFailed(f"{coach.name} does not coach {leader.name}.")
        audit.record(session, "coach.unassigned", actor_id=actor.person_id, target=leader.handle, coach=coach.handle)


def coach_assignments(engine: Engine, actor: Actor) -> list[tuple[PersonView, PersonView]]:
    """Every (coach, leader) pair, for the People page."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        rows = session.scalars(select(CoachAssignment).order_by(CoachAssignment.id)).all()
        return [
            (PersonView.of(get_person(session, r.coach_id)), PersonView.of(get_person(session, r.leader_id)))
            for r in rows
        ]


def list_people(engine: Engine, actor: Actor) -> list[PersonView]:
    require_admin(actor)
    with unit_of_work(engine) as session:
        return [PersonView.of(p) for p in session.scalars(select(Person).order_by(Person.role, Person.name))]


def list_leaders(engine: Engine, actor: Actor) -> list[PersonView]:
    """The leaders whose material the actor may see (themselves, for a leader)."""
    with unit_of_work(engine) as session:
        ids = visible_leader_ids(session, actor)
        query = select(Person).where(Person.id.in_(ids)).order_by(Person.name)
        return [PersonView.of(p) for p in session.scalars(query)]


def has_accounts(engine: Engine) -> bool:
    with unit_of_work(engine) as session:
        return bool(session.scalar(select(func.count(Person.id))))


def get_person(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    return person
