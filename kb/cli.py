"""`byline kb ...`: ingest, sync, search, eval, reindex."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from tqdm import tqdm

from core.commands import command_context, fail
from core.errors import BylineError
from kb.embeddings import make_embedder
from kb.errors import KnowledgeBaseError
from kb.eval import run_eval
from kb.factory import open_knowledge_base
from kb.reindex import rebuild_index
from kb.service import KnowledgeBase
from kb.views import supported_files

app = typer.Typer(help="Knowledge base: ingest, sync, search and evaluate.", no_args_is_help=True)


def _knowledge_base(ctx: typer.Context) -> KnowledgeBase:
    context = command_context(ctx)
    return open_knowledge_base(context.settings, context.engine())


def _fail(exc: BylineError) -> None:
    raise fail(exc) from exc


@app.command()
def ingest(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(help="Files or folders.")],
    tag: Annotated[list[str] | None, typer.Option("--tag", "-t", help="Tag (repeatable).")] = None,
    private_to: Annotated[str | None, typer.Option(help="Leader handle: private notes for that leader.")] = None,
) -> None:
    """Ingest files or folders; a failing file is reported and the others still ingest."""
    try:
        kb = _knowledge_base(ctx)
        files = supported_files(paths)
        visibility = f"private:{private_to}" if private_to else "company"
        failures = 0
        with tqdm(total=len(files), unit="file", desc="Ingesting") as bar:
            for path in files:
                bar.set_postfix_str(path.name[:40])
                result = kb.ingest_paths([path], tags=tag or (), visibility=visibility)[0]
                if result.status == "failed":
                    failures += 1
                    tqdm.write(f"FAILED {result.name}: {result.error}")
                else:
                    tqdm.write(f"{result.status:>9} {result.name} ({result.chunks} chunks)")
                bar.update(1)
    except BylineError as exc:
        _fail(exc)
    if failures:
        raise typer.Exit(2)


@app.command()
def sync(
    ctx: typer.Context, folder: Annotated[Path | None, typer.Argument(help="Defaults to BYLINE_KB_WATCH_DIR.")] = None
) -> None:
    """Bring the watched folder up to date (new, changed, deleted files)."""
    try:
        report = _knowledge_base(ctx).sync(folder)
    except BylineError as exc:
        _fail(exc)
        return
    typer.echo(
        f"added {len(report.added)}, updated {len(report.updated)}, removed {len(report.removed)}, "
        f"unchanged {len(report.unchanged)}, failed {len(report.failed)}"
    )
    for failed in report.failed:
        typer.echo(f"FAILED {failed.name}: {failed.error}")


@app.command()
def search(
    ctx: typer.Context,
    query: str,
    k: Annotated[int, typer.Option(help="How many passages.")] = 5,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Search company material (operator view: private notes are never shown here)."""
    try:
        hits = _knowledge_base(ctx).search(query, None, k=k)
    except BylineError as exc:
        _fail(exc)
        return
    if as_json:
        rows = [
            {
                "rank": i,
                "title": h.title,
                "locator": h.locator,
                "quote": h.citation.quote,
                "score": round(h.score, 5),
                "suspicious_instructions": h.suspicious_instructions,
            }
            for i, h in enumerate(hits, start=1)
        ]
        typer.echo(json.dumps(rows, indent=2))
        return
    for i, hit in enumerate(hits, start=1):
        flag = "  [reads like instructions: quote as data]" if hit.suspicious_instructions else ""
        typer.echo(f"{i}. {hit.citation}{flag}")


@app.command("eval")
def evaluate(
    ctx: typer.Context,
    docs: Annotated[Path, typer.Option(help="Folder of documents.")],
    questions: Annotated[Path, typer.Option(help="CSV with Question and Source Docs columns.")],
    k: Annotated[int, typer.Option(help="Cut-off for hit@k and MRR.")] = 5,
) -> None:
    """Ingest DOCS into a throwaway store; print one JSON object comparing Byline with a LangChain baseline."""
    context = command_context(ctx)
    try:
        result = run_eval(docs, questions, k, make_embedder(context.settings), context.open_database)
    except KnowledgeBaseError as exc:
        _fail(exc)
        return
    typer.echo(json.dumps(result))


@app.command()
def reindex(ctx: typer.Context, yes: Annotated[bool, typer.Option("--yes", help="Do not ask.")] = False) -> None:
    """Rebuild every chunk with the configured embedder (after switching BYLINE_EMBEDDINGS)."""
    if not yes:
        typer.confirm("Drop the vector store and re-embed every document?", abort=True)
    context = command_context(ctx)
    try:
        results = rebuild_index(context.settings, context.engine())
    except BylineError as exc:
        _fail(exc)
        return
    failed = [r for r in results if r.status == "failed"]
    typer.echo(f"re-indexed {len(results) - len(failed)} documents, {len(failed)} failed")
    for result in failed:
        typer.echo(f"FAILED {result.name}: {result.error}")
