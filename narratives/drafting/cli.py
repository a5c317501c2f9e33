"""`byline draft eval` (draft a file of briefs on this workspace) and `byline check` (the text checks on any text)."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Annotated

import typer

from core.commands import command_context, fail
from core.db import unit_of_work
from core.errors import BylineError, ValidationFailed
from narratives.drafting.checks.run import check_text
from narratives.drafting.evaluation import EvalSettings, read_briefs, run_eval, write_result
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.sources import VoiceScorer
from narratives.voice.adapter import VoiceForDrafting

app = typer.Typer(help="Drafting: evaluate drafts on a file of briefs.", no_args_is_help=True)


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    briefs: Annotated[Path, typer.Option("--briefs", help="JSONL of {leader, topic, angle, channel, length}")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the JSON result")],
    as_handle: Annotated[str | None, typer.Option("--as", help="Draft as this person (default: each leader)")] = None,
    variants: Annotated[int, typer.Option("--variants", min=1, max=3, help="Variants per brief")] = 1,
    cold: Annotated[bool, typer.Option("--cold", help="Do not warm the leader's prompt before each brief")] = False,
) -> None:
    """Draft every brief with the configured model, as the Draft studio does; progress on stderr."""
    context = command_context(ctx)
    try:
        items = read_briefs(briefs)
        engine = context.engine()
        service = open_drafting_service(context.settings, engine)
        result = run_eval(
            service,
            engine,
            items,
            EvalSettings(variants=variants, as_handle=as_handle, warm=not cold),
            progress=lambda message: print(message, file=sys.stderr, flush=True),
            checkpoint=lambda partial: write_result(partial, out),
        )
    except BylineError as exc:
        raise fail(exc) from exc
    write_result(result, out)
    typer.echo(f"{len(result['drafts'])} drafts written to {out}", err=True)  # type: ignore[arg-type]


def _scorer(ctx: typer.Context, leader: str, as_handle: str | None) -> VoiceScorer:
    context = command_context(ctx)
    engine = context.engine()
    actor = context.actor(as_handle)
    leader_id = context.actor(leader).person_id
    with unit_of_work(engine) as session:
        voice = VoiceForDrafting().for_leader(session, actor, leader_id)
    scorer = voice.scorer()
    if scorer is None:
        raise ValidationFailed(f"{leader} has too few past posts for a voice score.")
    return scorer


def _check_line(line: str, number: int, scorer: VoiceScorer | None) -> dict[str, object]:
    try:
        item = json.loads(line)
        text = item["text"]
        if not isinstance(text, str):
            raise TypeError("text is not a string")
    except (ValueError, KeyError, TypeError) as exc:
        return {"warn": False, "findings": [], "error": f'line {number}: expected {{"text": ...}} ({exc})'}
    report = check_text(text, scorer)
    row: dict[str, object] = {"warn": bool(report.warnings), "findings": [asdict(f) for f in report.findings]}
    if report.fidelity is not None:
        row["fidelity"] = round(report.fidelity, 1)
    return row


def check(
    ctx: typer.Context,
    jsonl: Annotated[Path, typer.Option("--jsonl", help='Lines of {"text": ...}; - reads standard input')],
    leader: Annotated[str | None, typer.Option("--leader", help="Also score voice fidelity for this leader")] = None,
    as_handle: Annotated[str | None, typer.Option("--as", help="Act as this person (default: first admin)")] = None,
) -> None:
    """Lingo, soft-pitch and hard-sell checks on any text: one JSON line out per line in."""
    try:
        scorer = _scorer(ctx, leader, as_handle) if leader else None
        lines = (sys.stdin.read() if str(jsonl) == "-" else jsonl.read_text(encoding="utf-8")).splitlines()
    except (BylineError, OSError) as exc:
        raise fail(exc if isinstance(exc, BylineError) else BylineError(str(exc))) from exc
    errors = 0
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        row = _check_line(line, number, scorer)
        errors += "error" in row
        typer.echo(json.dumps(row, ensure_ascii=False))
    if errors:
        typer.secho(f"{errors} line(s) could not be read; see their error fields.", fg=typer.colors.RED, err=True)
        raise typer.Exit(1)
