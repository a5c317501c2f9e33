"""`byline report --month YYYY-MM [--leader HANDLE] --out FILE.pdf|.pptx` (runs as the first admin)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine, select

from app.report.content import build_report
from app.report.pdf import report_pdf
from app.report.slides import report_pptx
from core.commands import command_context, fail
from core.db import unit_of_work
from core.errors import BylineError, NotFound, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor

WRITERS = {".pdf": report_pdf, ".pptx": report_pptx}


def leader_id_of(engine: Engine, handle: str) -> int:
    with unit_of_work(engine) as session:
        wanted = (Person.handle == handle.strip().lower(), Person.role == Role.LEADER)
        found = session.scalar(select(Person.id).where(*wanted))
    if found is None:
        raise NotFound(f"No leader with the handle {handle!r}.")
    return found


def write_report(engine: Engine, actor: Actor, month: str, leader: str | None, out: Path) -> int:
    """Build the report and write it in the format the file name asks for; returns the bytes written."""
    writer = WRITERS.get(out.suffix.lower())
    if writer is None:
        raise ValidationFailed(f"{out.name}: the report is written as .pdf or .pptx.")
    leader_id = leader_id_of(engine, leader) if leader else None
    data = writer(build_report(engine, actor, month, leader_id))
    out.write_bytes(data)
    return len(data)


def report(
    ctx: typer.Context,
    month: Annotated[str, typer.Option("--month", help="The month to report on, e.g. 2026-11.")],
    out: Annotated[Path, typer.Option("--out", help="File to write: .pdf or .pptx.")],
    leader: Annotated[str | None, typer.Option("--leader", help="A leader's handle; omit for the program.")] = None,
) -> None:
    """Write the monthly report (KPIs against goals, top posts, pillars, cadence, leads, coaching loop)."""
    context = command_context(ctx)
    try:
        size = write_report(context.engine(), context.actor(), month, leader, out)
    except BylineError as exc:
        raise fail(exc) from exc
    typer.echo(f"Wrote {out} ({size:,} bytes).")
