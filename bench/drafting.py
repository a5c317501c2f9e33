"""Drafting benchmark: time to first token and total time per draft for each installed local model, and the
voice-fidelity score of drafts with the full pipeline vs. the same pipeline without exemplars, voice card or
narrative pillars.

    .venv/bin/python bench/drafting.py [--models smollm2-135m qwen2.5-coder-0.5b] [--briefs 3] [--threads N]
                                       [--max-tokens N] [--contexts full compact]

`--contexts` compares prompt sizes (BYLINE_DRAFT_CONTEXT): full is the server default, compact the embedded one.

Builds the demo workspace in a temporary data directory; model files are joined and verified under
BYLINE_DATA_DIR/models (default data/models) so repeated runs reuse them.
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Engine

from app.schema import open_database
from core.db import unit_of_work
from core.identity import Person
from core.permissions import Actor
from core.settings import Settings, load_settings
from kb.demo import load_demo_documents
from narratives.brand.demo import seed_demo_narratives
from narratives.drafting.brief import make_brief
from narratives.drafting.context import COMPACT_LIMITS, DEFAULT_LIMITS
from narratives.drafting.factory import chat_factory, open_drafting_service
from narratives.drafting.service import DraftingService
from narratives.llm.active import local_model_choices
from narratives.llm.catalogue import model_spec
from narratives.llm.engine import LocalEngine
from narratives.llm.files import ensure_model_file
from workspace.demo import build_demo, demo_kb_documents, load_yaml

BRIEFS = [
    ("tomas", "What the expired certificate incident taught us about buffering at the edge"),
    ("tomas", "Why we rewrote the edge agent in Rust"),
    ("tomas", "Making on-call quieter for the engineers who build factory software"),
]


@dataclass
class Run:
    model: str
    pipeline: str
    prompt_chars: int
    ttft: float
    total: float
    words: int
    chunks: int
    fidelity: float | None
    cited: int

    @property
    def tokens_per_s(self) -> float:
        return self.chunks / max(self.total - self.ttft, 1e-6)


def demo_workspace(data_dir: Path) -> tuple[Settings, Engine]:
    settings = Settings(BYLINE_DATA_DIR=data_dir)
    engine = open_database(settings)
    build_demo(engine, settings, password="bench-password")
    kb = load_demo_documents(settings, engine, demo_kb_documents())
    seed_demo_narratives(engine, kb, load_yaml("leaders.yaml")["leaders"])
    return settings, engine


def actor_for(engine: Engine, handle: str) -> Actor:
    with unit_of_work(engine) as session:
        person = session.query(Person).filter_by(handle=handle).one()
        return Actor.of(person)


def one_draft(service: DraftingService, actor: Actor, handle_id: int, topic: str, use_voice: bool) -> Run:
    plan = service.plan(actor, make_brief(leader_id=handle_id, topic=topic), variants=1, use_voice=use_voice)
    prompt_chars = sum(len(str(message.content)) for message in service.messages(plan, 0))
    stream = service.stream_variant(plan, 0)
    start = time.perf_counter()
    first = None
    for _ in stream:
        first = first if first is not None else time.perf_counter() - start
    total = time.perf_counter() - start
    fidelity = plan.scorer(stream.text).score if plan.scorer and stream.text.strip() else None
    return Run(
        "",
        "full" if use_voice else "no exemplars/narrative",
        prompt_chars,
        first or total,
        total,
        len(stream.text.split()),
        len(stream.parts),
        fidelity,
        len(set(re.findall(r"\[S\d+\]", stream.text))),
    )


@dataclass(frozen=True)
class Options:
    threads: int | None
    briefs: int
    max_tokens: int
    contexts: list[str]


def bench_model(name: str, settings: Settings, engine: Engine, models_dir: Path, options: Options) -> list[Run]:
    path = ensure_model_file(model_spec(name), models_dir)
    local = LocalEngine(path, name=name, context=model_spec(name).context, threads=options.threads)
    started = time.perf_counter()
    base_url = local.start() + "/v1"
    print(f"{name}: server ready in {time.perf_counter() - started:.1f} s ({local.threads} threads)", flush=True)
    base = chat_factory(settings, lambda _: base_url, name)
    runs = []
    try:
        for context in options.contexts:
            limits = COMPACT_LIMITS if context == "compact" else DEFAULT_LIMITS
            service = open_drafting_service(
                settings, engine, chat=lambda t, m, seed: base(t, min(m, options.max_tokens), seed), limits=limits
            )
            runs += drafts(service, engine, name, context, options.briefs)
    finally:
        local.stop()
    return runs


def drafts(service: DraftingService, engine: Engine, name: str, context: str, briefs: int) -> list[Run]:
    runs = []
    for handle, topic in BRIEFS[:briefs]:
        actor = actor_for(engine, handle)
        for use_voice in (True, False):
            run = one_draft(service, actor, actor.person_id, topic, use_voice)
            run.model, run.pipeline = name, f"{context} context, {run.pipeline}"
            print(
                f"  {run.pipeline:40} prompt {run.prompt_chars:5d} chars  ttft {run.ttft:5.1f} s  "
                f"total {run.total:5.1f} s  {run.words:4d} words  {run.cited} sources cited  "
                f"fidelity {run.fidelity if run.fidelity is not None else '-'}",
                flush=True,
            )
            runs.append(run)
    return runs


def summary(runs: list[Run]) -> str:
    lines = [
        "| model | pipeline | drafts | prompt chars | TTFT s | total s | tok/s | words | cited | fidelity |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for key in dict.fromkeys((r.model, r.pipeline) for r in runs):
        group = [r for r in runs if (r.model, r.pipeline) == key]
        scores = [r.fidelity for r in group if r.fidelity is not None]
        fidelity = f"{statistics.fmean(scores):.1f}" if scores else "-"
        speed = statistics.fmean(r.tokens_per_s for r in group)
        lines.append(
            f"| {key[0]} | {key[1]} | {len(group)} | {statistics.fmean(r.prompt_chars for r in group):.0f} | "
            f"{statistics.fmean(r.ttft for r in group):.1f} | "
            f"{statistics.fmean(r.total for r in group):.1f} | {speed:.1f} | "
            f"{statistics.fmean(r.words for r in group):.0f} | {statistics.fmean(r.cited for r in group):.1f} | "
            f"{fidelity} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    installed = [choice.name for choice in local_model_choices() if choice.installed]
    parser.add_argument("--models", nargs="*", default=installed)
    parser.add_argument("--briefs", type=int, default=len(BRIEFS))
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--max-tokens", type=int, default=10_000, help="cap each draft's answer (default: no cap)")
    parser.add_argument("--contexts", nargs="*", choices=("full", "compact"), default=["full", "compact"])
    args = parser.parse_args()
    options = Options(args.threads, args.briefs, args.max_tokens, args.contexts)
    models_dir = load_settings().data_dir / "models"
    with tempfile.TemporaryDirectory() as tmp:
        settings, engine = demo_workspace(Path(tmp))
        runs = [run for name in args.models for run in bench_model(name, settings, engine, models_dir, options)]
    print(summary(runs))


if __name__ == "__main__":
    main()
