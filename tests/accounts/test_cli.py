"""`byline init` and the `byline demo` guards, through the real `byline` command."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from app.demo import TEAM_REFUSAL, check_demo_allowed
from core.errors import PermissionDenied
from core.permissions import Actor
from core.settings import Settings
from workspace.auth import sign_in
from workspace.people import list_people
from workspace.setup import WorkspaceKind, mark_demo_workspace, workspace_kind

PASSWORD = "a long first admin passphrase"
INIT = ["init", "--email", "sam@example.com", "--name", "Sam Admin", "--handle", "sam"]


def test_init_reads_the_password_from_stdin_and_creates_only_the_admin(
    settings: Settings, sqlite_engine: Engine
) -> None:
    result = CliRunner().invoke(app, [*INIT, "--password-stdin"], input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    assert "Sign in as 'sam'" in result.output
    admin = sign_in(sqlite_engine, settings, "sam", PASSWORD)
    assert admin.is_admin
    assert [p.handle for p in list_people(sqlite_engine, admin)] == ["sam"]  # no demo data
    assert workspace_kind(sqlite_engine) == WorkspaceKind.TEAM


def test_init_prompts_twice_for_the_password(settings: Settings, sqlite_engine: Engine) -> None:
    result = CliRunner().invoke(app, INIT, input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert sign_in(sqlite_engine, settings, "sam", PASSWORD).handle == "sam"


def test_init_refuses_a_weak_password_and_a_second_admin(sqlite_engine: Engine) -> None:
    weak = CliRunner().invoke(app, [*INIT, "--password", "password1234"])
    assert weak.exit_code == 1 and "too common" in weak.output
    assert workspace_kind(sqlite_engine) == WorkspaceKind.EMPTY
    assert CliRunner().invoke(app, [*INIT, "--password", PASSWORD]).exit_code == 0
    again = CliRunner().invoke(app, ["init", "--email", "eve@example.com", "--name", "Eve", "--password", PASSWORD])
    assert again.exit_code == 1 and "already has an admin" in again.output


def test_demo_refuses_to_replace_a_team_workspace(settings: Settings, sqlite_engine: Engine) -> None:
    assert CliRunner().invoke(app, [*INIT, "--password", PASSWORD]).exit_code == 0
    result = CliRunner().invoke(app, ["demo", "--password", "demo passphrase 1"])
    assert result.exit_code == 1 and "--force" in result.output
    assert sign_in(sqlite_engine, settings, "sam", PASSWORD).handle == "sam"  # nothing was dropped
    kept = CliRunner().invoke(app, ["demo", "--if-missing"])
    assert kept.exit_code == 0 and "leaving it as it is" in kept.output


def test_demo_never_runs_in_production(
    settings: Settings, sqlite_engine: Engine, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BYLINE_MODE", "production")
    result = CliRunner().invoke(app, ["demo", "--force", "--password", "demo passphrase 1"])
    assert result.exit_code == 1 and "production" in result.output
    assert workspace_kind(sqlite_engine) == WorkspaceKind.EMPTY


def test_demo_refuses_a_weak_shared_password_before_touching_anything(sqlite_engine: Engine) -> None:
    assert CliRunner().invoke(app, [*INIT, "--password", PASSWORD]).exit_code == 0
    mark_demo_workspace(sqlite_engine)  # a demo workspace may be reset, but not with a weak password
    result = CliRunner().invoke(app, ["demo", "--password", "short"])
    assert result.exit_code == 1 and "at least 12" in result.output
    assert workspace_kind(sqlite_engine) == WorkspaceKind.DEMO


def test_demo_guard_allows_demo_and_forced_resets(engine: Engine, settings: Settings, people: dict[str, Actor]) -> None:
    with pytest.raises(PermissionDenied, match="team's own"):
        check_demo_allowed(engine, settings)
    assert TEAM_REFUSAL.startswith("This workspace is a team's own")
    assert check_demo_allowed(engine, settings, force=True) == WorkspaceKind.TEAM
    mark_demo_workspace(engine)
    assert check_demo_allowed(engine, settings) == WorkspaceKind.DEMO
    production = settings.model_copy(update={"mode": "production"})
    with pytest.raises(PermissionDenied, match="production"):
        check_demo_allowed(engine, production, force=True)
