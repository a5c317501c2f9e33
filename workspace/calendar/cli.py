"""`byline calendar ...`: iCal export and engagement import from the command line (runs as the first admin)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine, select

from workspace.db import make_engine, unit_of_work, upgrade_database
from workspace.errors import BylineError
from workspace.models import Person, Role
from workspace.permissions import Actor
from workspace.settings import get_settings

app = typer.Typer(help="Content calendar: .ics export and engagement import.", no_args_is_help=True)


def _engine() -> Engine:
    engine = make_engine(get_settings())
    upgrade_database(engine)
    return engine


def admin_actor(engine: Engine) -> Actor:
    """Batch jobs act as the first active admin, so audit entries name a real account."""
    with unit_of_work(engine) as session:
        query = select(Person).where(Person.role == Role.ADMIN, Person.active.is_(True)).order_by(Person.id)
        admin = session.scalars(query).first()
        if admin is None:
            raise BylineError("No active admin account exists; create one (or run `byline demo`) first.")
        return Actor.of(admin)


@app.command()
def ics(
    output: Annotated[Path, typer.Option("-o", "--output", help="File to write, e.g. tomas.ics")],
    leader: Annotated[int | None, typer.Option("--leader", help="Leader id; omit for the whole team.")] = None,
) -> None:
    """Write the posting calendar of one leader (or the team) as an .ics file."""
    from workspace.calendar.ical_export import export_ics

    try:
        engine = _engine()
        data = export_ics(engine, admin_actor(engine), leader_id=leader)
    except BylineError as exc:
        typer.secho(f"Error: {exc}", fg=typer.colors.RED, err=True)
        raise typer.Exit(code=1) from exc
    output.write_bytes(data)
    typer.echo(f"Wrote {output} ({len(data):,} bytes, {data.count(b'BEGIN:VEVENT')} events).")


@app.command("import-engagement")
def import_engagement(
    files: Annotated[list[Path], typer.Argument(exists=True, dir_okay=False, help="Export files to import.")],
    leader: Annotated[int | None, typer.Option("--leader", help="Leader the files belong to.")] = None,
) -> None:
    """Import LinkedIn or X analytics exports; problems are listed per sheet and row."""
    from workspace.engagement.service import import_engagement as run_import

    engine = _engine()
    failed = False
    for path in files:
        try:
            report = run_import(engine, admin_actor(engine), path.read_bytes(), path.name, leader_id=leader)
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
