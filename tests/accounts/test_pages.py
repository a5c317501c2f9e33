"""AppTest: the first-run page, sign-in per role, temporary passwords, the Account and People pages, and the
signed-in person followed from the database on every rerun."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.identity import Role
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import APP_PATH, TEST_PASSWORD, app_as, make_people
from workspace.auth import sign_in
from workspace.invitations import SignInMethod, invite_person, reset_password
from workspace.people import change_role, coach_assignments, list_people, set_active
from workspace.people_todo import pending_invitations
from workspace.setup import create_first_admin

NEW_PASSWORD = "lantern orchard velvet"


@pytest.fixture
def app_engine(sqlite_engine: Engine) -> Iterator[Engine]:
    st.cache_resource.clear()
    yield sqlite_engine
    st.cache_resource.clear()


@pytest.fixture
def team(app_engine: Engine) -> dict[str, Actor]:
    return make_people(app_engine)


def fresh_app() -> AppTest:
    return AppTest.from_file(APP_PATH, default_timeout=90).run()


def field(at: AppTest, label: str):  # type: ignore[no-untyped-def]  # AppTest's widget classes are internal
    return next(widget for widget in at.text_input if widget.label == label)


def press(at: AppTest, label: str) -> AppTest:
    next(button for button in at.button if button.label == label).click().run()
    assert not at.exception, at.exception
    return at


def sign_in_form(at: AppTest, login: str, password: str) -> AppTest:
    field(at, "User name or email").input(login)
    field(at, "Password").input(password)
    return press(at, "Sign in")


def test_first_run_creates_the_admin_once(app_engine: Engine, settings: Settings) -> None:
    at = fresh_app()
    assert not at.exception and at.title[0].value == "Set up Byline"
    field(at, "Your full name").input("Sam Admin")
    field(at, "Your email address").input("sam@example.com")
    field(at, "User name").input("sam")
    field(at, "Password").input("short")
    field(at, "Repeat the password").input("short")
    press(at, "Create the admin account")
    assert "at least 12" in at.error[0].value
    field(at, "Password").input(NEW_PASSWORD)
    field(at, "Repeat the password").input(NEW_PASSWORD)
    press(at, "Create the admin account")
    assert at.title[0].value == "Welcome, Sam Admin"
    assert sign_in(app_engine, settings, "sam", NEW_PASSWORD).is_admin
    assert fresh_app().title[0].value == "Byline"  # the next visitor sees the sign-in page


def test_first_run_form_is_refused_once_an_admin_exists(app_engine: Engine) -> None:
    at = fresh_app()
    assert at.title[0].value == "Set up Byline"
    create_first_admin(app_engine, handle="sam", name="Sam", email="sam@example.com", password=NEW_PASSWORD)
    field(at, "Your full name").input("Eve Intruder")
    field(at, "Your email address").input("eve@example.com")
    field(at, "User name").input("eve")
    field(at, "Password").input(NEW_PASSWORD + " two")
    field(at, "Repeat the password").input(NEW_PASSWORD + " two")
    press(at, "Create the admin account")
    assert at.title[0].value == "Byline"  # the rerun found an admin: the form is gone, the sign-in page is shown
    assert [p.handle for p in list_people(app_engine, sign_in_admin(app_engine))] == ["sam"]


def sign_in_admin(engine: Engine) -> Actor:
    return sign_in(engine, Settings(), "sam", NEW_PASSWORD)


@pytest.mark.parametrize(("handle", "people_page"), [("root", True), ("cora", False), ("ada", False)])
def test_sign_in_per_role(team: dict[str, Actor], handle: str, people_page: bool) -> None:
    at = fresh_app()
    assert at.title[0].value == "Byline"
    sign_in_form(at, handle, TEST_PASSWORD)
    assert at.title[0].value.startswith("Welcome, ")
    if people_page:
        at.switch_page("ui/people.py").run()
        assert at.title[0].value == "People"
    else:
        with pytest.raises(Exception, match="(?i)page"):
            at.switch_page("ui/people.py").run()


def test_temporary_password_leads_only_to_the_change_page(app_engine: Engine, team: dict[str, Actor]) -> None:
    temporary = str(reset_password(app_engine, team["root"], team["ada"].person_id).temporary_password)
    at = sign_in_form(fresh_app(), "ada", temporary)
    assert at.title[0].value == "Choose your password"
    with pytest.raises(Exception, match="(?i)page"):
        at.switch_page("ui/home.py").run()
    at = sign_in_form(fresh_app(), "ada", temporary)
    field(at, "Current password").input(temporary)
    field(at, "New password").input("ada2026!!")
    field(at, "Repeat the new password").input("ada2026!!")
    press(at, "Change password")
    assert "at least 12" in at.error[0].value
    field(at, "Current password").input(temporary)
    field(at, "New password").input(NEW_PASSWORD)
    field(at, "Repeat the new password").input(NEW_PASSWORD)
    press(at, "Change password")
    assert at.title[0].value == "Account" and "was changed" in at.success[0].value
    at.switch_page("ui/home.py").run()
    assert at.title[0].value == "Welcome, Ada"


def test_everyone_can_change_their_own_password(app_engine: Engine, team: dict[str, Actor], settings: Settings) -> None:
    at = app_as(team["cora"]).run()
    at.switch_page("ui/account.py").run()
    assert at.title[0].value == "Account"
    field(at, "Current password").input(TEST_PASSWORD)
    field(at, "New password").input(NEW_PASSWORD)
    field(at, "Repeat the new password").input(NEW_PASSWORD + "x")
    press(at, "Change password")
    assert "differ" in at.error[0].value
    field(at, "Current password").input(TEST_PASSWORD)
    field(at, "New password").input(NEW_PASSWORD)
    field(at, "Repeat the new password").input(NEW_PASSWORD)
    press(at, "Change password")
    assert sign_in(app_engine, settings, "cora", NEW_PASSWORD).handle == "cora"


def test_deactivated_person_is_signed_out_on_the_next_click(app_engine: Engine, team: dict[str, Actor]) -> None:
    at = app_as(team["ada"]).run()
    assert at.title[0].value == "Welcome, Ada"
    set_active(app_engine, team["root"], team["ada"].person_id, False)
    at.run()
    assert not at.exception and at.title[0].value == "Byline"
    assert "no longer active" in at.warning[0].value


def test_demoted_admin_loses_the_people_page_on_the_next_click(app_engine: Engine, team: dict[str, Actor]) -> None:
    second = invite_person(
        app_engine,
        team["root"],
        handle="max",
        name="Max",
        email="max@example.com",
        role=Role.ADMIN,
        method=SignInMethod.SSO,
    )
    max_actor = Actor(second.person.id, "max", "Max", Role.ADMIN)
    at = app_as(max_actor).run()
    at.switch_page("ui/people.py").run()
    assert not at.exception and at.title[0].value == "People"
    change_role(app_engine, team["root"], max_actor.person_id, Role.COACH)
    at.run()
    assert not at.exception and at.title[0].value != "People"
    with pytest.raises(Exception, match="(?i)page"):
        at.switch_page("ui/people.py").run()


def choose(at: AppTest, label: str, value: object) -> AppTest:
    next(widget for widget in at.selectbox if widget.label == label).set_value(value).run()
    assert not at.exception, at.exception
    return at


def test_people_page_invites_and_shows_the_temporary_password_once(
    app_engine: Engine, team: dict[str, Actor], settings: Settings
) -> None:
    at = app_as(team["root"]).run()
    at.switch_page("ui/people.py").run()
    field(at, "Full name").input("Noor Haddad")
    field(at, "Email address").input("noor@example.com")
    field(at, "User name").input("noor")
    press(at, "Invite")
    assert "Invited Noor Haddad as leader" in at.success[0].value
    temporary = at.code[0].value
    assert sign_in(app_engine, settings, "noor", temporary).must_change_password
    assert any("noor" in str(frame.value) for frame in at.dataframe)
    at.run()
    assert not at.code  # shown once
    assert [p.handle for p in pending_invitations(app_engine, team["root"])] == []  # noor signed in above


def test_people_page_refuses_a_bad_invitation_clearly(app_engine: Engine, team: dict[str, Actor]) -> None:
    at = app_as(team["root"]).run()
    at.switch_page("ui/people.py").run()
    field(at, "Full name").input("Second Ada")
    field(at, "Email address").input("ada@byline.example")
    field(at, "User name").input("ada_two")
    press(at, "Invite")
    assert "already taken" in at.error[0].value
    assert len(list_people(app_engine, team["root"])) == 4


def test_people_page_manages_a_person(app_engine: Engine, team: dict[str, Actor], settings: Settings) -> None:
    admin, bo = team["root"], team["bo"]
    at = app_as(admin).run()
    at.switch_page("ui/people.py").run()
    choose(at, "Person to manage", bo.person_id)
    press(at, "Reset password")
    assert "new temporary password" in at.success[0].value
    assert sign_in(app_engine, settings, "bo", at.code[0].value).must_change_password
    choose(at, "Person to manage", bo.person_id)
    press(at, "Deactivate")
    assert "deactivated" in at.success[0].value
    assert not next(p for p in list_people(app_engine, admin) if p.handle == "bo").active
    press(at, "Reactivate")
    choose(at, "New role", "coach")
    press(at, "Save role")
    assert "Bo is now a coach" in at.success[0].value


def test_people_page_assigns_coaches(app_engine: Engine, team: dict[str, Actor]) -> None:
    admin = team["root"]
    at = app_as(admin).run()
    at.switch_page("ui/people.py").run()
    for label, value in (("Coach", "Cora"), ("Leader", "Bo")):
        next(widget for widget in at.selectbox if widget.label == label).set_value(value)
    press(at, "Assign coach")
    assert "Cora now coaches Bo" in at.success[0].value
    pairs = {(c.handle, leader.handle) for c, leader in coach_assignments(app_engine, admin)}
    assert pairs == {("cora", "ada"), ("cora", "bo")}
    press(at, "Remove")  # the first listed pair: Cora coaches Ada
    assert {(c.handle, leader.handle) for c, leader in coach_assignments(app_engine, admin)} == {("cora", "bo")}


def test_password_sign_in_switched_off_hides_the_form(
    app_engine: Engine, team: dict[str, Actor], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYLINE_PASSWORD_SIGN_IN", "false")
    st.cache_resource.clear()
    at = fresh_app()
    assert at.title[0].value == "Byline"
    assert not at.text_input
    assert "switched off" in at.error[0].value


def test_sign_in_page_offers_single_sign_on_when_configured(app_engine: Engine, team: dict[str, Actor]) -> None:
    plain = fresh_app()
    assert [button.label for button in plain.button] == ["Sign in"]
    at = AppTest.from_file(APP_PATH, default_timeout=90)
    at.secrets["auth"] = {
        "redirect_uri": "http://127.0.0.1:8501/oauth2callback",
        "cookie_secret": "not a real secret, only for this test",
        "client_id": "byline",
        "client_secret": "byline-secret",
        "server_metadata_url": "http://127.0.0.1:9/.well-known/openid-configuration",
    }
    at.run()
    assert not at.exception
    assert [button.label for button in at.button] == ["Sign in with single sign-on", "Sign in"]
