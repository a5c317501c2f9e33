"""People, roles and coach assignments. Admins manage; everyone else reads what they may see."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, ValidationFailed
from core.identity import CoachAssignment, Person, Role
from core.permissions import Actor, require_admin, visible_leader_ids
from workspace.auth import hash_password


@dataclass(frozen=True)
class PersonView:
    id: int
    handle: str
    name: str
    email: str
    role: str
    title: str
    active: bool

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
        )


def add_person(
    session: Session, *, handle: str, name: str, email: str, role: Role, password: str, **extra: object
) -> Person:
    """Insert an account in the caller's unit of work (no permission check: used by setup and the demo)."""
    handle = handle.strip().lower()
    if not handle.isidentifier():
        raise ValidationFailed("A handle uses letters, digits and underscores only.")
    person = Person(handle=handle, name=name.strip(), email=email.strip().lower(), role=role.value, **extra)
    person.password_hash = hash_password(password)
    session.add(person)
    try:
        session.flush()
    except IntegrityError as exc:
        raise ValidationFailed(f"Handle {handle!r} or email {email!r} is already taken.") from exc
    return person


def create_person(
    engine: Engine, actor: Actor, *, handle: str, name: str, email: str, role: Role, password: str
) -> PersonView:
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = add_person(session, handle=handle, name=name, email=email, role=role, password=password)
        audit.record(session, "person.created", actor_id=actor.person_id, target=person.handle, role=role.value)
        return PersonView.of(person)


def change_role(engine: Engine, actor: Actor, person_id: int, role: Role) -> PersonView:
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = _get(session, person_id)
        if person.id == actor.person_id and role != Role.ADMIN:
            raise ValidationFailed("You cannot remove your own admin role; ask another admin.")
        previous, person.role = person.role, role.value
        audit.record(
            session, "role.changed", actor_id=actor.person_id, target=person.handle, previous=previous, new=role.value
        )
        return PersonView.of(person)


def set_active(engine: Engine, actor: Actor, person_id: int, active: bool) -> PersonView:
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = _get(session, person_id)
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
        coach, leader = _get(session, coach_id), _get(session, leader_id)
        if coach.role != Role.COACH or leader.role != Role.LEADER:
            raise ValidationFailed("Assign a coach to a leader.")
        session.add(CoachAssignment(coach_id=coach.id, leader_id=leader.id))
        audit.record(session, "coach.assigned", actor_id=actor.person_id, target=leader.handle, coach=coach.handle)


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


def _get(session: Session, person_id: int) -> Person:
    person = session.get(Person, person_id)
    if person is None:
        raise NotFound(f"Person {person_id} does not exist.")
    return person
