"""Local accounts: password hashing, sign-in with lockout, session timeout."""

from __future__ import annotations

import secrets
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import SessionExpired, SignInFailed, ValidationFailed
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings

GENERIC_FAILURE = "Sign-in failed: check your user name and password, or try again later."
MIN_PASSWORD_LENGTH = 10
_hasher = PasswordHasher()
_DUMMY_HASH = _hasher.hash("not-a-real-password")


def hash_password(password: str) -> str:
    if len(password) < MIN_PASSWORD_LENGTH:
        raise ValidationFailed(f"Passwords need at least {MIN_PASSWORD_LENGTH} characters.")
    return _hasher.hash(password)


def generate_password() -> str:
    """A random password for new accounts (printed once, never stored in clear)."""
    return secrets.token_urlsafe(12)


def _as_utc(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _password_matches(stored_hash: str, password: str) -> bool:
    try:
        return _hasher.verify(stored_hash, password)
    except (VerificationError, InvalidHashError):
        return False


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


def sign_in(engine: Engine, settings: Settings, login: str, password: str, *, now: datetime | None = None) -> Actor:
    """Check a handle-or-email and password. Every failure raises the same SignInFailed message.

    After `max_sign_in_failures` wrong passwords the account is locked for `lockout_minutes`.
    Failures are committed (counter and audit) before the error is raised.
    """
    with unit_of_work(engine) as session:
        actor = _attempt_sign_in(session, settings, login, password, now or datetime.now(UTC))
    if actor is None:
        raise SignInFailed(GENERIC_FAILURE)
    return actor


def _attempt_sign_in(session: Session, settings: Settings, login: str, password: str, now: datetime) -> Actor | None:
    person = _find_account(session, login)
    if person is None:
        _password_matches(_DUMMY_HASH, password)  # same work as a real check: no timing hint
        audit.record(session, "sign_in.unknown_user", actor_id=None, target=login[:200])
        return None
    locked = person.locked_until is not None and _as_utc(person.locked_until) > now
    if locked or not person.active:
        audit.record(session, "sign_in.refused", actor_id=person.id, target=person.handle)
        return None
    if not _password_matches(person.password_hash, password):
        _register_failure(session, person, settings, now)
        return None
    person.failed_sign_ins = 0
    person.locked_until = None
    if _hasher.check_needs_rehash(person.password_hash):
        person.password_hash = _hasher.hash(password)
    audit.record(session, "sign_in", actor_id=person.id, target=person.handle)
    return Actor.of(person)


def sign_out(engine: Engine, actor: Actor) -> None:
    with unit_of_work(engine) as session:
        audit.record(session, "sign_out", actor_id=actor.person_id, target=actor.handle)


def check_session_fresh(last_seen: datetime, settings: Settings, *, now: datetime | None = None) -> None:
    """Raise SessionExpired when the session has been idle longer than the timeout."""
    now = now or datetime.now(UTC)
    if now - _as_utc(last_seen) > timedelta(minutes=settings.session_timeout_minutes):
        raise SessionExpired("Your session expired after a period of inactivity. Please sign in again.")
