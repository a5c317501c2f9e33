"""Local accounts: sign-in with lockout, the signed-in person reloaded on every request, changing one's password.

Every password sign-in does exactly one argon2 verification, whether the account exists, is locked, inactive,
waiting for a role or has no password, so the time it takes says nothing about the account.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, SessionExpired, SignInFailed, ValidationFailed
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings
from workspace.passwords import generate_password, hash_password, needs_rehash, rehash, verify_password

__all__ = ["GENERIC_FAILURE", "generate_password", "hash_password", "sign_in"]

GENERIC_FAILURE = "Sign-in failed: check your user name and password, or try again later."
PASSWORDS_OFF = "Password sign-in is switched off for this workspace: use single sign-on."


def as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def is_locked(person: Person, now: datetime) -> bool:
    return person.locked_until is not None and as_utc(person.locked_until) > now


def may_enter(person: Person) -> bool:
    """Whether an account may be signed in at all (a password or single sign-on still has to prove who it is)."""
    return person.active and not person.awaiting_role


def _find_account(session: Session, login: str) -> Person | None:
    needle = login.strip().lower()
    query = select(Person).where(or_(func.lower(Person.handle) == needle, func.lower(Person.email) == needle))
    return session.scalars(query).first()


def _register_failure(session: Session, person: Person, settings: Settings, now: datetime) -> None:
    person.failed_sign_ins += 1
    if person.failed_sign_ins >= settings.max_sign_in_failures:
        person.locked_until = now + timedelta(minutes=settings.lockout_minutes)
        person.failed_sign_ins = 0
        audit.record(session, "sign_in.locked", actor_id=person.id, target=person.handle)
    audit.record(session, "sign_in.failed", actor_id=person.id, target=person.handle)


def record_sign_in(session: Session, person: Person, now: datetime, *, method: str) -> Actor:
    person.failed_sign_ins = 0
    person.locked_until = None
    person.last_sign_in_at = now
    audit.record(session, "sign_in", actor_id=person.id, target=person.handle, method=method)
    return Actor.of(person)


def sign_in(engine: Engine, settings: Settings, login: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a handle-or-email and password. Every failure raises the same SignInFailed message.

    After `max_sign_in_failures` wrong passwords the account is locked for `lockout_minutes`.
    Failures are committed (counter and audit) before the error is raised. The returned actor may carry
    `must_change_password`: then the app offers nothing but the change-password page.
    """
    if not settings.password_sign_in:
        verify_password(None, password)
        raise SignInFailed(PASSWORDS_OFF)
    with unit_of_work(engine) as session:
        actor = _attempt_sign_in(session, settings, login, password, now or datetime.now(UTC))
    if actor is None:
        raise SignInFailed(GENERIC_FAILURE)
    return actor


def _attempt_sign_in(session: Session, settings: Settings, login: str, password: str, now: datetime) -> Actor | None:
    person = _find_account(session, login)
    matches = verify_password(person.password_hash if person else None, password)  # one verification, always
    if person is None:
        audit.record(session, "sign_in.unknown_user", actor_id=None, target=login[:200])
        return None
    if is_locked(person, now) or not may_enter(person):
        audit.record(session, "sign_in.refused", actor_id=person.id, target=person.handle)
        return None
    if not matches:
        _register_failure(session, person, settings, now)
        return None
    if person.password_hash and needs_rehash(person.password_hash):
        person.password_hash = rehash(password)
    return record_sign_in(session, person, now, method="password")


def reload_actor(engine: Engine, person_id: int) -> Actor | None:
    """The signed-in person as the database has them now; None once they are deactivated, removed or unapproved.

    The app calls this on every request, so a deactivation or a change of role takes effect on the next click.
    """
    with unit_of_work(engine) as session:
        person = session.get(Person, person_id)
        return Actor.of(person) if person is not None and may_enter(person) else None


def sign_out(engine: Engine, actor: Actor) -> None:
    with unit_of_work(engine) as session:
        audit.record(session, "sign_out", actor_id=actor.person_id, target=actor.handle)


def change_own_password(
    engine: Engine, settings: Settings, actor: Actor, current: str, new: str, *, now: datetime | None = None
) -> Actor:
    """Anyone changes their own password, proving the current one (also the way out of a temporary password)."""
    now = now or datetime.now(UTC)
    with unit_of_work(engine) as session:
        person = session.get(Person, actor.person_id)
        if person is None:
            raise NotFound("Your account no longer exists.")
        if person.password_hash is None:
            verify_password(None, current)
            raise ValidationFailed("Your account signs in with single sign-on; it has no password to change.")
        if is_locked(person, now) or not verify_password(person.password_hash, current):
            _register_failure(session, person, settings, now)
            session.commit()
            raise ValidationFailed("Your current password is not correct (or there were too many tries: wait a while).")
        if new == current:
            raise ValidationFailed("Choose a new password that differs from the current one.")
        person.password_hash = hash_password(new, personal=(person.handle, person.email, person.name))
        person.must_change_password = False
        audit.record(session, "password.changed", actor_id=person.id, target=person.handle)
        return Actor.of(person)


def check_session_fresh(last_seen: datetime, settings: Settings, *, now: datetime | None = None) -> None:
    """Raise SessionExpired when the session has been idle longer than the timeout."""
    now = now or datetime.now(UTC)
    if now - as_utc(last_seen) > timedelta(minutes=settings.session_timeout_minutes):
        raise SessionExpired("Your session expired after a period of inactivity. Please sign in again.")
