"""`byline voice ...`: import past posts and evaluate attribution."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from core.commands import command_context
from core.errors import BylineError
from narratives.voice.eval import evaluate, read_corpus
from narratives.voice.importers import DEFAULT_MAX_BYTES, parse_files
from narratives.voice.store import import_posts

app = typer.Typer(help="Voice: import a leader's past posts and evaluate author attribution.", no_args_is_help=True)


@app.command("import")
def import_command(
    ctx: typer.Context,
    files: Annotated[list[Path], typer.Argument(help="Shares.csv, export .zip, X archive .js files or .txt/.md")],
    leader: Annotated[int, typer.Option("--leader", help="The leader's person id")],
    as_handle: Annotated[str | None, typer.Option("--as", help="Act as this user (default: first admin)")] = None,
    max_mb: Annotated[int, typer.Option(help="Refuse files larger than this")] = DEFAULT_MAX_BYTES // 1_048_576,
) -> None:
    """Import past posts for a leader; permissions apply to the acting user. Re-running adds nothing twice."""
    try:
        parsed = parse_files({path.name: path.read_bytes() for path in files}, max_bytes=max_mb * 1_048_576)
        context = command_context(ctx)
        counts = import_posts(context.engine(), context.actor(as_handle), leader, parsed)
    except (BylineError, OSError) as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(f"added {counts.added}, already present {counts.already_present}, rejected {counts.rejected}")
    for row in counts.rejected_rows:
        typer.echo(f"  row {row.row}: {row.reason}", err=True)


@app.command("eval")
def eval_command(corpus: Annotated[Path, typer.Option("--corpus", help="JSONL(.gz) of {author, split, text}")]) -> None:
    """Attribute every test text to the best-scoring author; print one JSON object with the accuracies."""
    try:
        records = read_corpus(corpus)
        unique = {record["text"] for record in records if record["split"] in ("train", "test")}
        with tqdm(total=len(unique), unit="text", desc="Tagging sentence structure", file=sys.stderr) as bar:
            result = evaluate(records, progress=bar.update)
    except BylineError as exc:
        typer.echo(f"Error: {exc}", err=True)
        raise typer.Exit(1) from exc
    typer.echo(json.dumps(result))
