"""A workspace from scratch: the first admin (once, race-safe), whether a workspace is the demo, and the
admin-approved email domains whose people may register themselves through single sign-on."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import PermissionDenied, ValidationFailed
from core.identity import Person, Role, WorkspaceSetting
from core.permissions import Actor, require_admin
from workspace.passwords import check_password
from workspace.people import add_person

FIRST_ADMIN_KEY = "setup.first_admin"
KIND_KEY = "workspace.kind"
SELF_REGISTER_KEY = "sso.self_register_domains"
ALREADY_SET_UP = "This workspace already has an admin: sign in, or ask an admin for an account."
_DOMAIN = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$")


class WorkspaceKind(StrEnum):
    EMPTY = "empty"  # no accounts yet
    DEMO = "demo"  # built by `byline demo`: may be reset freely
    TEAM = "team"  # a real team's workspace: never replaced without --force


def read_setting(session: Session, key: str) -> str | None:
    row = session.get(WorkspaceSetting, key)
    return row.value if row is not None else None


def write_setting(session: Session, key: str, value: str) -> None:
    row = session.get(WorkspaceSetting, key)
    if row is None:
        session.add(WorkspaceSetting(key=key, value=value))
    else:
        row.value, row.updated_at = value, datetime.now(UTC)


def _admin_exists(session: Session) -> bool:
    return session.scalar(select(Person.id).where(Person.role == Role.ADMIN).limit(1)) is not None


def needs_first_admin(engine: Engine) -> bool:
    """True only while no admin account exists and no first admin was ever created here."""
    with unit_of_work(engine) as session:
        return not _admin_exists(session) and read_setting(session, FIRST_ADMIN_KEY) is None


def create_first_admin(engine: Engine, *, handle: str, name: str, email: str, password: str) -> Actor:
    """Create the first admin of an empty workspace (`byline init` and the first-run page).

    Refused once any admin exists. Two racing requests cannot both succeed: the marker row's primary key lets
    exactly one transaction commit, and the other gets the same refusal.
    """
    check_password(password, personal=(handle, email, name))
    try:
        with unit_of_work(engine) as session:
            if _admin_exists(session) or read_setting(session, FIRST_ADMIN_KEY) is not None:
                raise PermissionDenied(ALREADY_SET_UP)
            session.add(WorkspaceSetting(key=FIRST_ADMIN_KEY, value=handle.strip().lower()))
            session.flush()  # the second of two racing requests stops here
            person = add_person(session, handle=handle, name=name, email=email, role=Role.ADMIN, password=password)
            write_setting(session, KIND_KEY, WorkspaceKind.TEAM)
            audit.record(session, "workspace.first_admin", actor_id=person.id, target=person.handle)
            return Actor.of(person)
    except IntegrityError as exc:
        raise PermissionDenied(ALREADY_SET_UP) from exc


def mark_demo_workspace(engine: Engine) -> None:
    """Called by the demo reset: this workspace may be replaced by the next `byline demo`."""
    with unit_of_work(engine) as session:
        write_setting(session, KIND_KEY, WorkspaceKind.DEMO)


def workspace_kind(engine: Engine) -> WorkspaceKind:
    """Empty, demo, or a team's own (any workspace with accounts and no demo mark counts as a team's)."""
    with unit_of_work(engine) as session:
        if session.scalar(select(Person.id).limit(1)) is None:
            return WorkspaceKind.EMPTY
        kind = read_setting(session, KIND_KEY)
        return WorkspaceKind.DEMO if kind == WorkspaceKind.DEMO else WorkspaceKind.TEAM


def self_register_domains(engine: Engine) -> list[str]:
    with unit_of_work(engine) as session:
        return parse_domains(read_setting(session, SELF_REGISTER_KEY) or "")


def parse_domains(text: str) -> list[str]:
    """Email domains from a comma- or line-separated list; a malformed one is refused by name."""
    domains = [part.strip().lower().lstrip("@") for part in re.split(r"[,\s]+", text) if part.strip()]
    for domain in domains:
        if not _DOMAIN.match(domain):
            raise ValidationFailed(f"{domain!r} is not an email domain like example.com.")
    return sorted(set(domains))


def set_self_register_domains(engine: Engine, actor: Actor, text: str) -> list[str]:
    """Admins approve the domains whose people may sign up through single sign-on (as leaders awaiting a role)."""
    require_admin(actor)
    domains = parse_domains(text)
    with unit_of_work(engine) as session:
        write_setting(session, SELF_REGISTER_KEY, ",".join(domains))
        audit.record(session, "sso.self_register_domains", actor_id=actor.person_id, target=",".join(domains)[:200])
    return domains
