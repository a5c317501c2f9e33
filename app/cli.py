"""The `byline` command: demo workspace, backup and restore, the monthly report, with the kb, voice and calendar
sub-commands mounted."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

import kb.cli
import narratives.drafting.cli
import narratives.voice.cli
import workspace.calendar.cli
from app.backup import create_backup, restore_backup
from app.demo import reset_to_demo
from app.init_cli import init
from app.report.cli import report
from app.schema import open_database
from core.commands import CommandContext, command_context, fail
from core.errors import BylineError
from core.settings import load_settings
from workspace.people import has_accounts

app = typer.Typer(help="Byline: thought leadership in your own voice.", no_args_is_help=True)
app.add_typer(kb.cli.app, name="kb")
app.add_typer(narratives.voice.cli.app, name="voice")
app.add_typer(narratives.drafting.cli.app, name="draft")
app.command("check")(narratives.drafting.cli.check)
app.add_typer(workspace.calendar.cli.app, name="calendar")
app.command()(init)
app.command("report")(report)


@app.callback()
def prepare(ctx: typer.Context) -> None:
    """Every command reads the settings once and opens the migrated database when it first needs it."""
    if not isinstance(ctx.obj, CommandContext):
        ctx.obj = CommandContext(load_settings(), open_database)


@app.command()
def demo(
    ctx: typer.Context,
    if_missing: Annotated[bool, typer.Option(help="Only build when the workspace has no accounts yet.")] = False,
    password: Annotated[str | None, typer.Option(help="One password for every demo account (scripted demos).")] = None,
    force: Annotated[
        bool, typer.Option("--force", help="Replace a team's own workspace too (never in production).")
    ] = False,
) -> None:
    """Build or reset the demo workspace and print the demo accounts (a demo workspace only, unless --force)."""
    context = command_context(ctx)
    try:
        engine = context.engine()
        if if_missing and has_accounts(engine):
            typer.echo("A workspace already exists; leaving it as it is (run `byline demo` to reset it).")
            return
        accounts = reset_to_demo(engine, context.settings, password=password, force=force, on_step=typer.echo)
    except BylineError as exc:
        raise fail(exc) from exc
    typer.echo(f"Demo workspace ready: {len(accounts.passwords)} accounts, {accounts.post_count} posts.")
    typer.echo(accounts.as_text())
    typer.echo(f"(also saved to {context.settings.data_dir / 'demo-accounts.txt'})")


@app.command()
def backup(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(help="Archive to write, e.g. byline-2026-11-23.tar.gz")],
) -> None:
    """Write one archive of the database, knowledge base and uploaded files."""
    context = command_context(ctx)
    try:
        counts = create_backup(context.engine(), context.settings, path)
    except BylineError as exc:
        raise fail(exc) from exc
    typer.echo(f"Backup written to {path} ({sum(counts.values())} rows in {len(counts)} tables).")


@app.command()
def restore(
    ctx: typer.Context,
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="Archive made by `byline backup`.")],
    yes: Annotated[bool, typer.Option("--yes", help="Do not ask for confirmation.")] = False,
) -> None:
    """Replace this workspace with the contents of a backup archive (stop the app first)."""
    if not yes:
        typer.confirm("This replaces every account, post and document in this workspace. Continue?", abort=True)
    context = command_context(ctx)
    try:
        counts = restore_backup(context.engine(), context.settings, path)
    except BylineError as exc:
        raise fail(exc) from exc
    typer.echo(f"Restored {sum(counts.values())} rows from {path}.")


def main() -> None:
    app()


if __name__ == "__main__":
    main()
