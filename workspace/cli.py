"""The `byline` command for batch jobs: demo workspace, backup and restore, plus kb and voice commands."""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine

from workspace.db import make_engine, upgrade_database
from workspace.errors import BylineError
from workspace.settings import Settings, get_settings

app = typer.Typer(help="Byline: thought leadership in your own voice.", no_args_is_help=True)
SUBCOMMANDS = {"kb": "kb.cli", "voice": "narratives.voice.cli", "calendar": "workspace.calendar.cli"}


def _settings_and_engine() -> tuple[Settings, Engine]:
    settings = get_settings()
    engine = make_engine(settings)
    upgrade_database(engine)
    return settings, engine


def _fail(exc: BylineError) -> typer.Exit:
    typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
    return typer.Exit(code=1)


@app.command()
def demo(
    if_missing: Annotated[bool, typer.Option(help="Only build when the workspace has no accounts yet.")] = False,
    password: Annotated[str | None, typer.Option(help="One password for every demo account (scripted demos).")] = None,
) -> None:
    """Build or reset the demo workspace and print the demo accounts."""
    from kb.demo import load_demo_documents
    from narratives.brand.demo import seed_demo_narratives
    from workspace.demo import build_demo, demo_kb_documents, load_yaml
    from workspace.people import has_accounts

    try:
        settings, engine = _settings_and_engine()
        if if_missing and has_accounts(engine):
            typer.echo("A workspace already exists; leaving it as it is (run `byline demo` to reset it).")
            return
        accounts = build_demo(engine, settings, password=password)
        typer.echo("Loading the demo company's material into the knowledge base…")
        knowledge_base = load_demo_documents(settings, engine, demo_kb_documents())
        seed_demo_narratives(engine, knowledge_base, load_yaml("leaders.yaml")["leaders"])
    except BylineError as exc:
        raise _fail(exc) from exc
    typer.echo(f"Demo workspace ready: {len(accounts.passwords)} accounts, {accounts.post_count} posts.")
    typer.echo(accounts.as_text())
    typer.echo(f"(also saved to {settings.data_dir / 'demo-accounts.txt'})")


@app.command()
def backup(path: Annotated[Path, typer.Argument(help="Archive to write, e.g. byline-2026-11-23.tar.gz")]) -> None:
    """Write one archive of the database, knowledge base and uploaded files."""
    from workspace.backup import create_backup

    try:
        settings, engine = _settings_and_engine()
        counts = create_backup(engine, settings, path)
    except BylineError as exc:
        raise _fail(exc) from exc
    typer.echo(f"Backup written to {path} ({sum(counts.values())} rows in {len(counts)} tables).")


@app.command()
def restore(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Archive made by `byline backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace this workspace with the contents of a backup archive (stop the app first)."""
    from workspace.backup import restore_backup

    if not yes:
        typer.confirm("This replaces every account, post and document in this workspace. Continue?", abort=True)
    try:
        settings, engine = _settings_and_engine()
        counts = restore_backup(engine, settings, path)
    except BylineError as exc:
        raise _fail(exc) from exc
    typer.echo(f"Restored {sum(counts.values())} rows from {path}.")


def _mount_subcommands() -> None:
    """Sub-commands live with their packages; they are imported only when the command runs."""
    for name, module_name in SUBCOMMANDS.items():
        app.add_typer(importlib.import_module(module_name).app, name=name)


def main() -> None:
    _mount_subcommands()
    app()
