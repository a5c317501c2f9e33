"""`byline calendar ...`: iCal export and engagement import from the command line (runs as the first admin)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from core.commands import command_context, fail
from core.errors import BylineError
from workspace.calendar.ical_export import export_ics
from workspace.engagement.service import import_engagement as run_import

app = typer.Typer(help="Content calendar: .ics export and engagement import.", no_args_is_help=True)


@app.command()
def ics(
    ctx: typer.Context,
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write, e.g. tomas.ics")],
    leader: Annotated[int | None, typer.Option("--leader", help="Leader id; omit for the whole team.")] = None,
) -> None:
    """Write the posting calendar of one leader (or the team) as an .ics file."""
    context = command_context(ctx)
    try:
        data = export_ics(context.engine(), context.actor(), leader_id=leader)
    except BylineError as exc:
        raise fail(exc) from exc
    output.write_bytes(data)
    typer.echo(f"Wrote {output} ({len(data):,} bytes, {data.count(b'BEGIN:VEVENT')} events).")


@app.command("import-engagement")
def import_engagement(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="Export files to import.")],
    leader: Annotated[int | None, typer.Option("--leader", help="Leader the files belong to.")] = None,
) -> None:
    """Import LinkedIn or X analytics exports; problems are listed per sheet and row."""
    context = command_context(ctx)
    failed = False
    for path in files:
        try:
            report = run_import(context.engine(), context.actor(), path.read_bytes(), path.name, leader_id=leader)
        except BylineError as exc:
            typer.secho(f"{path.name}: {exc}", fg=typer.colors.RED, err=True)
            failed = True
            continue
        typer.echo(
            f"{path.name}: {report.kind}, {report.matched} posts matched, {report.unmatched} kept for manual "
            f"matching, {report.days} daily rows, {len(report.problems)} problems."
        )
        for problem in report.problems[:50]:
            typer.echo(f"  - {problem}")
    if failed:
        raise typer.Exit(code=1)
