"""The first admin (once, even under a race), demo and team workspaces, and single sign-on matching."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import BylineError, PermissionDenied, SignInFailed, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor
from core.settings import Settings
from workspace.auth import sign_in
from workspace.invitations import SignInMethod, invite_person
from workspace.people import change_role, list_leaders, set_active
from workspace.people_todo import awaiting_role
from workspace.setup import (
    WorkspaceKind,
    create_first_admin,
    mark_demo_workspace,
    needs_first_admin,
    self_register_domains,
    set_self_register_domains,
    workspace_kind,
)
from workspace.sso import SsoIdentity, sign_in_with_sso

ADMIN_PASSWORD = "first admin passphrase"


def test_first_admin_on_an_empty_workspace(engine: Engine, settings: Settings) -> None:
    assert needs_first_admin(engine) and workspace_kind(engine) == WorkspaceKind.EMPTY
    actor = create_first_admin(engine, handle="Sam", name="Sam Admin", email="sam@example.com", password=ADMIN_PASSWORD)
    assert actor.role == Role.ADMIN and actor.handle == "sam" and not actor.must_change_password
    assert not needs_first_admin(engine) and workspace_kind(engine) == WorkspaceKind.TEAM
    assert sign_in(engine, settings, "sam", ADMIN_PASSWORD).is_admin
    with pytest.raises(PermissionDenied, match="already has an admin"):
        create_first_admin(engine, handle="eve", name="Eve", email="eve@example.com", password=ADMIN_PASSWORD)


def test_first_admin_is_refused_when_any_admin_exists(engine: Engine, people: dict[str, Actor]) -> None:
    assert not needs_first_admin(engine)
    with pytest.raises(PermissionDenied, match="already has an admin"):
        create_first_admin(engine, handle="eve", name="Eve", email="eve@example.com", password=ADMIN_PASSWORD)


def test_racing_first_admins_only_one_wins(engine: Engine) -> None:
    """Eight threads submit the first-run form at once: exactly one admin is created."""
    barrier, outcomes = threading.Barrier(8), []

    def attempt(n: int) -> None:
        barrier.wait()
        try:
            create_first_admin(
                engine, handle=f"admin{n}", name=f"Admin {n}", email=f"a{n}@example.com", password=ADMIN_PASSWORD
            )
            outcomes.append("created")
        except BylineError as exc:
            outcomes.append(str(exc))

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert outcomes.count("created") == 1, outcomes
    assert all("already has an admin" in outcome for outcome in outcomes if outcome != "created")
    with unit_of_work(engine) as session:
        assert len(session.scalars(select(Person).where(Person.role == Role.ADMIN)).all()) == 1


def test_demo_mark(engine: Engine, people: dict[str, Actor]) -> None:
    assert workspace_kind(engine) == WorkspaceKind.TEAM  # accounts without the demo mark are a team's
    mark_demo_workspace(engine)
    assert workspace_kind(engine) == WorkspaceKind.DEMO


def test_sso_matches_an_invited_account_by_email(engine: Engine, people: dict[str, Actor]) -> None:
    invite_person(
        engine,
        people["root"],
        handle="ines",
        name="Ines",
        email="ines@example.com",
        role=Role.COACH,
        method=SignInMethod.SSO,
    )
    actor = sign_in_with_sso(engine, SsoIdentity(email="Ines@Example.com", name="Ines R.", email_verified=True))
    assert actor.handle == "ines" and actor.role == Role.COACH and not actor.must_change_password
    assert sign_in_with_sso(engine, SsoIdentity(email="ada@byline.example")).handle == "ada"


@pytest.mark.parametrize(
    ("identity", "message"),
    [
        (SsoIdentity(email=None), "did not share an email"),
        (SsoIdentity(email="ada@byline.example", email_verified=False), "not verified"),
        (SsoIdentity(email="stranger@elsewhere.example"), "No Byline account uses"),
    ],
)
def test_sso_refusals_say_what_to_do(
    engine: Engine, people: dict[str, Actor], identity: SsoIdentity, message: str
) -> None:
    with pytest.raises(SignInFailed, match=message):
        sign_in_with_sso(engine, identity)


def test_sso_refuses_a_deactivated_account(engine: Engine, people: dict[str, Actor]) -> None:
    set_active(engine, people["root"], people["bo"].person_id, False)
    with pytest.raises(SignInFailed, match="deactivated"):
        sign_in_with_sso(engine, SsoIdentity(email="bo@byline.example"))


def test_approved_domain_self_registers_as_a_leader_awaiting_a_role(engine: Engine, people: dict[str, Actor]) -> None:
    admin = people["root"]
    assert set_self_register_domains(engine, admin, "Example.com, @example.org\nexample.com") == [
        "example.com",
        "example.org",
    ]
    assert self_register_domains(engine) == ["example.com", "example.org"]
    newcomer = SsoIdentity(email="new.person@example.com", name="New Person", email_verified=True)
    with pytest.raises(SignInFailed, match="waiting for an admin"):
        sign_in_with_sso(engine, newcomer)
    with pytest.raises(SignInFailed, match="waiting for an admin"):
        sign_in_with_sso(engine, newcomer)  # still waiting, and no second account
    waiting = awaiting_role(engine, admin)
    assert [(p.handle, p.role, p.has_password) for p in waiting] == [("new_person", "leader", False)]
    assert "new_person" not in {p.handle for p in list_leaders(engine, admin)}  # no leader until approved
    change_role(engine, admin, waiting[0].id, Role.LEADER)
    assert sign_in_with_sso(engine, newcomer).handle == "new_person"
    assert awaiting_role(engine, admin) == []


def test_self_registration_domains_are_validated_and_admin_only(engine: Engine, people: dict[str, Actor]) -> None:
    with pytest.raises(ValidationFailed, match="'not a domain' is not an email domain|'not' is not"):
        set_self_register_domains(engine, people["root"], "example.com, not a domain")
    with pytest.raises(PermissionDenied):
        set_self_register_domains(engine, people["ada"], "example.com")
    assert self_register_domains(engine) == []
