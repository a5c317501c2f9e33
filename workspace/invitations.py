"""Invitations and password resets (admins): a temporary password shown once, or an account for single sign-on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Engine

from core import audit
from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Role
from core.permissions import Actor, require_admin
from workspace.passwords import generate_password, hash_password
from workspace.people import PersonView, add_person, get_person


class SignInMethod(StrEnum):
    PASSWORD = "password"  # a temporary password, changed at first sign-in
    SSO = "sso"  # single sign-on only, matched by email


@dataclass(frozen=True)
class Invitation:
    """Who was invited, and the temporary password to hand over privately (shown once, never stored in clear)."""

    person: PersonView
    temporary_password: str | None


def invite_person(
    engine: Engine,
    actor: Actor,
    *,
    handle: str,
    name: str,
    email: str,
    role: Role,
    method: SignInMethod = SignInMethod.PASSWORD,
    title: str = "",
) -> Invitation:
    """Add a person; the invitation is pending until their first sign-in."""
    require_admin(actor)
    temporary = generate_password() if method == SignInMethod.PASSWORD else None
    with unit_of_work(engine) as session:
        person = add_person(
            session,
            handle=handle,
            name=name,
            email=email,
            role=role,
            password=temporary,
            title=title.strip(),
            must_change_password=temporary is not None,
            invited_at=datetime.now(UTC),
        )
        audit.record(
            session, "person.invited", actor_id=actor.person_id, target=person.handle, role=role.value, method=method
        )
        return Invitation(PersonView.of(person), temporary)


def reset_password(engine: Engine, actor: Actor, person_id: int) -> Invitation:
    """A new temporary password (shown once) that must be changed at the next sign-in; also unlocks the account."""
    require_admin(actor)
    temporary = generate_password()
    with unit_of_work(engine) as session:
        person = get_person(session, person_id)
        if person.id == actor.person_id:
            raise ValidationFailed("Change your own password on the Account page.")
        person.password_hash, person.must_change_password = hash_password(temporary), True
        person.failed_sign_ins, person.locked_until = 0, None
        audit.record(session, "password.reset", actor_id=actor.person_id, target=person.handle)
        return Invitation(PersonView.of(person), temporary)


def unlock_account(engine: Engine, actor: Actor, person_id: int) -> PersonView:
    """Lift a lockout after too many wrong passwords (the password stays as it was)."""
    require_admin(actor)
    with unit_of_work(engine) as session:
        person = get_person(session, person_id)
        person.failed_sign_ins, person.locked_until = 0, None
        audit.record(session, "person.unlocked", actor_id=actor.person_id, target=person.handle)
        return PersonView.of(person)
