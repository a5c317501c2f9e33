"""People management by admins: invitations, roles, coaches, deactivation, resets, and the admin to-do queries."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine

from core.errors import PermissionDenied, SignInFailed, ValidationFailed
from core.identity import Role
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import TEST_PASSWORD
from workspace.auth import sign_in
from workspace.invitations import SignInMethod, invite_person, reset_password, unlock_account
from workspace.people import (
    assign_coach,
    change_role,
    coach_assignments,
    list_leaders,
    list_people,
    set_active,
    unassign_coach,
)
from workspace.people_todo import awaiting_role, leaders_without_coach, locked_accounts, pending_invitations


def test_invitation_with_temporary_password_is_pending_until_first_sign_in(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    admin = people["root"]
    invitation = invite_person(
        engine, admin, handle="noor", name="Noor Haddad", email="Noor@Example.com", role=Role.LEADER
    )
    assert invitation.temporary_password and invitation.person.must_change_password
    assert invitation.person.email == "noor@example.com"
    assert [p.handle for p in pending_invitations(engine, admin)] == ["noor"]
    actor = sign_in(engine, settings, "noor@example.com", invitation.temporary_password)
    assert actor.must_change_password
    assert pending_invitations(engine, admin) == []


def test_sso_invitation_has_no_password(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    invitation = invite_person(
        engine,
        people["root"],
        handle="ines",
        name="Ines",
        email="ines@example.com",
        role=Role.COACH,
        method=SignInMethod.SSO,
    )
    assert invitation.temporary_password is None and not invitation.person.has_password
    with pytest.raises(SignInFailed):
        sign_in(engine, settings, "ines", "")


@pytest.mark.parametrize(
    ("handle", "email", "message"),
    [
        ("ada", "new@example.com", "already taken"),
        ("new_one", "ADA@byline.example", "already taken"),
        ("9lives", "x@example.com", "letters, digits"),
        ("fine", "not-an-email", "not an email"),
    ],
)
def test_bad_invitations_are_refused_clearly(
    engine: Engine, people: dict[str, Actor], handle: str, email: str, message: str
) -> None:
    with pytest.raises(ValidationFailed, match=message):
        invite_person(engine, people["root"], handle=handle, name="Someone", email=email, role=Role.LEADER)
    assert len(list_people(engine, people["root"])) == 4


@pytest.mark.parametrize("who", ["cora", "ada"])
def test_only_admins_manage_people(engine: Engine, people: dict[str, Actor], who: str) -> None:
    actor, target = people[who], people["bo"].person_id
    for attempt in (
        lambda: invite_person(engine, actor, handle="x_y", name="X", email="x@example.com", role=Role.ADMIN),
        lambda: change_role(engine, actor, target, Role.ADMIN),
        lambda: set_active(engine, actor, target, False),
        lambda: reset_password(engine, actor, target),
        lambda: unlock_account(engine, actor, target),
        lambda: assign_coach(engine, actor, people["cora"].person_id, target),
        lambda: leaders_without_coach(engine, actor),
        lambda: pending_invitations(engine, actor),
        lambda: locked_accounts(engine, actor),
    ):
        with pytest.raises(PermissionDenied):
            attempt()


def test_coaches_are_assigned_and_removed(engine: Engine, people: dict[str, Actor]) -> None:
    admin, cora, ada, bo = (people[h] for h in ("root", "cora", "ada", "bo"))
    assert [p.handle for p in leaders_without_coach(engine, admin)] == ["bo"]
    assign_coach(engine, admin, cora.person_id, bo.person_id)
    assert leaders_without_coach(engine, admin) == []
    assert {p.handle for p in list_leaders(engine, cora)} == {"ada", "bo"}
    with pytest.raises(ValidationFailed, match="already coaches"):
        assign_coach(engine, admin, cora.person_id, bo.person_id)
    with pytest.raises(ValidationFailed, match="Assign a coach to a leader"):
        assign_coach(engine, admin, ada.person_id, bo.person_id)
    unassign_coach(engine, admin, cora.person_id, ada.person_id)
    assert [(c.handle, leader.handle) for c, leader in coach_assignments(engine, admin)] == [("cora", "bo")]
    with pytest.raises(ValidationFailed, match="does not coach"):
        unassign_coach(engine, admin, cora.person_id, ada.person_id)


def test_a_role_change_drops_assignments_that_no_longer_fit(engine: Engine, people: dict[str, Actor]) -> None:
    admin = people["root"]
    change_role(engine, admin, people["cora"].person_id, Role.LEADER)
    assert coach_assignments(engine, admin) == []
    assert {p.handle for p in leaders_without_coach(engine, admin)} == {"ada", "bo", "cora"}


def test_admins_cannot_lock_themselves_out(engine: Engine, people: dict[str, Actor]) -> None:
    admin = people["root"]
    with pytest.raises(ValidationFailed, match="own admin role"):
        change_role(engine, admin, admin.person_id, Role.LEADER)
    with pytest.raises(ValidationFailed, match="your own account"):
        set_active(engine, admin, admin.person_id, False)
    with pytest.raises(ValidationFailed, match="Account page"):
        reset_password(engine, admin, admin.person_id)


def test_deactivate_and_reactivate(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    admin = people["root"]
    assert not set_active(engine, admin, people["bo"].person_id, False).active
    with pytest.raises(SignInFailed):
        sign_in(engine, settings, "bo", TEST_PASSWORD)
    assert set_active(engine, admin, people["bo"].person_id, True).active
    assert sign_in(engine, settings, "bo", TEST_PASSWORD).handle == "bo"


def test_locked_accounts_are_listed_and_unlocked(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    admin = people["root"]
    for _ in range(settings.max_sign_in_failures):
        with pytest.raises(SignInFailed):
            sign_in(engine, settings, "bo", "not bo's password")
    assert [p.handle for p in locked_accounts(engine, admin)] == ["bo"]
    later = datetime.now(UTC) + timedelta(minutes=settings.lockout_minutes + 1)
    assert locked_accounts(engine, admin, now=later) == []
    unlock_account(engine, admin, people["bo"].person_id)
    assert locked_accounts(engine, admin) == []
    assert sign_in(engine, settings, "bo", TEST_PASSWORD).handle == "bo"


def test_reset_password_unlocks_and_shows_a_new_temporary_password(
    engine: Engine, settings: Settings, people: dict[str, Actor]
) -> None:
    admin = people["root"]
    for _ in range(settings.max_sign_in_failures):
        with pytest.raises(SignInFailed):
            sign_in(engine, settings, "bo", "not bo's password")
    first = reset_password(engine, admin, people["bo"].person_id)
    second = reset_password(engine, admin, people["bo"].person_id)
    assert first.temporary_password != second.temporary_password
    assert locked_accounts(engine, admin) == []
    assert sign_in(engine, settings, "bo", str(second.temporary_password)).must_change_password
    assert awaiting_role(engine, admin) == []
