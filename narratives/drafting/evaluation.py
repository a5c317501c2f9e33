"""`byline draft eval`: draft every brief of a JSONL file on the current workspace, timed, with what the model saw.

Each brief line is `{"leader": handle, "topic", "angle", "channel", "length"}` (other keys are ignored). Every
variant is drafted exactly as the Draft studio drafts it (plan, stream, finish) with the permissions of the person
it runs as. `ttft_s` counts from pressing Draft (the plan included) for the first variant and from the variant's own
request for later ones; `total_s` ends when the finished draft (cleaned, repaired and checked) is ready. Before each
brief the leader's fixed prompt part is read into the engine's cache, as the Draft studio does when the leader is
picked (`warm_s`, not counted in `ttft_s`; `--cold` skips it).
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Person
from core.permissions import Actor
from narratives.drafting.brief import ChannelName, Length, make_brief
from narratives.drafting.service import DraftingService, DraftPlan

Progress = Callable[[str], None]


class EvalBrief(BaseModel):
    """One line of a briefs file; keys the eval does not use (an expected source, notes) are ignored."""

    model_config = ConfigDict(extra="ignore")

    leader: str
    topic: str
    angle: str = ""
    channel: ChannelName = "linkedin"
    length: Length = "medium"


@dataclass(frozen=True)
class EvalSettings:
    variants: int = 1
    as_handle: str | None = None
    warm: bool = True
    """Warm the leader's prompt prefix before the timer starts, as the Draft studio does when it opens."""


def read_briefs(path: Path) -> list[EvalBrief]:
    """Briefs from a JSONL file (blank lines skipped); ValidationFailed names the line that is wrong."""
    briefs = []
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise ValidationFailed(f"Cannot read the briefs file {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            briefs.append(EvalBrief.model_validate_json(line))
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(part) for part in first["loc"]) or "line"
            raise ValidationFailed(f"{path.name} line {number}: {where}: {first['msg']}") from exc
    if not briefs:
        raise ValidationFailed(f"{path.name} has no briefs.")
    return briefs


def people_by_handle(engine: Engine, handles: set[str]) -> dict[str, Actor]:
    """The active accounts with these handles; ValidationFailed names any that do not exist."""
    with unit_of_work(engine) as session:
        found = session.scalars(select(Person).where(Person.handle.in_(handles), Person.active.is_(True))).all()
        actors = {person.handle: Actor.of(person) for person in found}
    if missing := sorted(handles - actors.keys()):
        raise ValidationFailed(f"No active account for: {', '.join(missing)} (build the demo with `byline demo`).")
    return actors


def passage_rows(plan: DraftPlan, extended: bool = False) -> list[dict[str, object]]:
    """Exactly the passages the model was given (the reserve facts too when the draft was lengthened)."""
    return [
        {"label": p.label, "doc": p.source or p.title, "title": p.title, "visibility": p.visibility, "text": p.text}
        for p in plan.facts_given(extended)
    ]


def _draft_variants(service: DraftingService, actor: Actor, brief: Any, settings: EvalSettings) -> list[dict]:
    warm_started = time.perf_counter()
    if settings.warm:
        service.warm(actor, brief.leader_id, brief.channel)
    warm_s = round(time.perf_counter() - warm_started, 2)
    started = time.perf_counter()
    plan = service.plan(actor, brief, variants=settings.variants)
    rows = []
    for index in range(plan.variants):
        first: float | None = None
        stream = service.stream_variant(plan, index)
        for _ in stream:
            first = first or time.perf_counter()
        finished = service.finish(plan, stream.text, truncated=stream.truncated)
        if service.needs_more(plan, finished):
            more = service.extend(plan, index, finished.text)
            list(more)
            finished = service.finish_more(plan, finished, more)
        finished = service.best_of(plan, index, finished)
        done = time.perf_counter()
        rows.append(
            {
                "variant": index + 1,
                "text": finished.text,
                "thread": finished.report.thread,
                "warm_s": warm_s if index == 0 else 0.0,
                "ttft_s": round((first or done) - started, 2),
                "total_s": round(done - started, 2),
                "passages": passage_rows(plan, finished.extended),
                "changes": [change.as_dict() for change in finished.changes],
                "raw_text": stream.text,
                "checks": finished.report.as_dict(),
            }
        )
        started = time.perf_counter()
    return rows


def run_eval(
    service: DraftingService,
    engine: Engine,
    briefs: list[EvalBrief],
    settings: EvalSettings,
    progress: Progress | None = None,
    checkpoint: Callable[[dict[str, object]], None] | None = None,
) -> dict[str, object]:
    """Draft every brief; the result is the JSON `byline draft eval` writes (`checkpoint` gets it after each brief,
    so a long run that stops keeps what it drafted)."""
    say = progress or (lambda _message: None)
    handles = {brief.leader for brief in briefs} | ({settings.as_handle} if settings.as_handle else set())
    people = people_by_handle(engine, handles)
    drafts: list[dict[str, object]] = []
    for index, item in enumerate(briefs):
        leader = people[item.leader]
        actor = people[settings.as_handle] if settings.as_handle else leader
        brief = make_brief(
            leader_id=leader.person_id, topic=item.topic, angle=item.angle, channel=item.channel, length=item.length
        )
        say(f"[{index + 1}/{len(briefs)}] {item.leader}, {item.channel}/{item.length}: {item.topic[:60]}")
        for row in _draft_variants(service, actor, brief, settings):
            drafts.append({"brief": index, "leader": item.leader} | row)
            say(f"    variant {row['variant']}: first words {row['ttft_s']} s, done {row['total_s']} s")
        if checkpoint is not None:
            checkpoint({"model": service.model_name, "drafts": drafts})
    return {"model": service.model_name, "drafts": drafts}


def write_result(result: dict[str, object], path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(result, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
