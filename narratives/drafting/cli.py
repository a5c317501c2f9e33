"""`byline draft eval` (draft a file of briefs on this workspace) and `byline check` (the text checks on any text)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from core.commands import command_context, fail
from core.errors import BylineError
from narratives.drafting.evaluation import EvalSettings, read_briefs, run_eval, write_result
from narratives.drafting.factory import open_drafting_service

app = typer.Typer(help="Drafting: evaluate drafts on a file of briefs.", no_args_is_help=True)


@app.command("eval")
def eval_command(
    ctx: typer.Context,
    briefs: Annotated[Path, typer.Option("--briefs", help="JSONL of {leader, topic, angle, channel, length}")],
    out: Annotated[Path, typer.Option("--out", help="Where to write the JSON result")],
    as_handle: Annotated[str | None, typer.Option("--as", help="Draft as this person (default: each leader)")] = None,
    variants: Annotated[int, typer.Option("--variants", min=1, max=3, help="Variants per brief")] = 1,
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
            EvalSettings(variants=variants, as_handle=as_handle),
            progress=lambda message: print(message, file=sys.stderr, flush=True),
        )
    except BylineError as exc:
        raise fail(exc) from exc
    write_result(result, out)
    typer.echo(f"{len(result['drafts'])} drafts written to {out}", err=True)  # type: ignore[arg-type]

