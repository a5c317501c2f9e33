"""The demo reset: an empty schema, then the demo company's people, posts, documents and narratives."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Engine

from app.schema import reset_database
from core.errors import PermissionDenied
from core.settings import Settings
from kb.demo import load_demo_documents
from narratives.brand.demo import seed_demo_narratives
from workspace.demo import DemoAccounts, build_demo, demo_kb_documents, load_yaml
from workspace.passwords import check_password
from workspace.setup import WorkspaceKind, mark_demo_workspace, workspace_kind

PRODUCTION_REFUSAL = "BYLINE_MODE is production: the demo never replaces a production workspace."
TEAM_REFUSAL = (
    "This workspace is a team's own (not the demo): `byline demo` would delete every account, post and document. "
    "Back it up (`byline backup FILE`), then run `byline demo --force` if you really mean it."
)


def check_demo_allowed(engine: Engine, settings: Settings, *, force: bool = False) -> WorkspaceKind:
    """Refuse in production always, and over a team's workspace unless forced. Returns what is there now."""
    if settings.mode == "production":
        raise PermissionDenied(PRODUCTION_REFUSAL)
    kind = workspace_kind(engine)
    if kind == WorkspaceKind.TEAM and not force:
        raise PermissionDenied(TEAM_REFUSAL)
    return kind


def reset_to_demo(
    engine: Engine,
    settings: Settings,
    *,
    password: str | None = None,
    force: bool = False,
    on_step: Callable[[str], None] | None = None,
) -> DemoAccounts:
    """Drop every table, migrate, and fill the workspace with the demo company (knowledge base included).

    Nothing is dropped when the guards refuse or the chosen password breaks the password policy.
    """
    say = on_step or (lambda _message: None)
    check_demo_allowed(engine, settings, force=force)
    if password is not None:
        check_password(password)
    reset_database(engine)
    accounts = build_demo(engine, settings, password=password)
    mark_demo_workspace(engine)
    say("Loading the demo company's material into the knowledge base…")
    knowledge_base = load_demo_documents(settings, engine, demo_kb_documents())
    seed_demo_narratives(engine, knowledge_base, load_yaml("leaders.yaml")["leaders"])
    return accounts
