"""Single sign-on: a person the identity provider vouches for is matched by email to an account an admin created.

People whose email domain an admin approved may register themselves: they get a leader account awaiting a role,
with no access until an admin assigns one on the People page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import SignInFailed, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor
from workspace.auth import record_sign_in
from workspace.people import add_person
from workspace.setup import SELF_REGISTER_KEY, parse_domains, read_setting


@dataclass(frozen=True)
class SsoIdentity:
    """What the identity provider's ID token says (the claims Streamlit puts in st.user)."""

    email: str | None
    name: str | None = None
    email_verified: bool | None = None


def sign_in_with_sso(engine: Engine, identity: SsoIdentity, *, now: datetime | None = None) -> Actor:
    """The matched account as an Actor, or SignInFailed with a message that says what to do next."""
    email = (identity.email or "").strip().lower()
    if "@" not in email:
        raise SignInFailed("Your identity provider did not share an email address, and Byline matches people by email.")
    if identity.email_verified is False:
        raise SignInFailed(f"Your identity provider has not verified {email}; Byline only trusts verified addresses.")
    with unit_of_work(engine) as session:
        outcome = _match(session, email, identity.name or "", now or datetime.now(UTC))
    if isinstance(outcome, str):
        raise SignInFailed(outcome)
    return outcome


def _match(session: Session, email: str, name: str, now: datetime) -> Actor | str:
    person = session.scalars(select(Person).where(func.lower(Person.email) == email)).first()
    if person is None:
        return _self_register(session, email, name)
    if not person.active:
        audit.record(session, "sign_in.refused", actor_id=person.id, target=person.handle, method="sso")
        return f"The Byline account for {email} is deactivated. Ask an admin if you need it back."
    if person.awaiting_role:
        return f"Your account ({email}) is waiting for an admin to give you a role."
    return record_sign_in(session, person, now, method="sso")


def _self_register(session: Session, email: str, name: str) -> str:
    domain = email.rsplit("@", 1)[1]
    if domain not in parse_domains(read_setting(session, SELF_REGISTER_KEY) or ""):
        audit.record(session, "sign_in.sso_unknown", actor_id=None, target=email[:200])
        return f"No Byline account uses {email}. Ask an admin to invite you."
    try:
        person = add_person(
            session,
            handle=_free_handle(session, email),
            name=name.strip() or email.split("@")[0],
            email=email,
            role=Role.LEADER,
            password=None,
            awaiting_role=True,
        )
    except ValidationFailed as exc:
        return f"Byline could not register {email}: {exc}"
    audit.record(session, "person.self_registered", actor_id=person.id, target=person.handle, email=email)
    return f"Welcome! Your account ({email}) was created and is waiting for an admin to give you a role."


def _free_handle(session: Session, email: str) -> str:
    base = re.sub(r"[^a-z0-9_]+", "_", email.split("@")[0].lower()).strip("_") or "person"
    base = base if base[0].isalpha() else f"p_{base}"
    taken = set(session.scalars(select(Person.handle).where(Person.handle.like(f"{base[:56]}%"))))
    candidates = [base[:64]] + [f"{base[:56]}_{n}" for n in range(2, 10_000)]
    return next(handle for handle in candidates if handle not in taken)
