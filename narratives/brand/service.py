"""Narrative service: read, save (versioned; the version check and the write are one conditional UPDATE, so of two
saves on the same version exactly one wins and the other is kept as a conflicted version), history, stale citations."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import Engine, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import EditConflict
from core.identity import Person
from core.permissions import Actor, require_leader_access
from kb.models import KbDocument
from narratives.brand.content import NarrativeContent, parse_content
from narratives.brand.models import NarrativeRecord, NarrativeVersion
from workspace.program.goals import weekly_targets


@dataclass(frozen=True)
class VersionInfo:
    number: int | None
    author: str
    created_at: datetime
    note: str
    conflicted: bool


@dataclass
class NarrativeView:
    leader_id: int
    leader_name: str
    content: NarrativeContent
    version: int
    stale_document_ids: set[str] = field(default_factory=set)
    weekly_target: int = 0  # the leader's posts-per-week goal (0: none set), the number the calendar checks

    @property
    def warnings(self) -> list[str]:
        advice = self.content.warnings()
        if self.stale_document_ids:
            advice.append(f"{len(self.stale_document_ids)} proof point(s) cite a deleted knowledge-base document.")
        return advice

    def is_stale(self, document_id: str | None) -> bool:
        return document_id is not None and document_id in self.stale_document_ids


def _record(session: Session, leader_id: int) -> NarrativeRecord:
    """The leader's narrative record; an unsaved empty one (version 0) when nothing was ever saved."""
    record = session.scalars(select(NarrativeRecord).where(NarrativeRecord.leader_id == leader_id)).first()
    return record if record is not None else NarrativeRecord(leader_id=leader_id, version=0)


def _ensure_record(engine: Engine, leader_id: int) -> None:
    """Create the leader's narrative record on the first save (two first saves at once: one creates it)."""
    try:
        with unit_of_work(engine) as session:
            if session.scalar(select(NarrativeRecord.id).where(NarrativeRecord.leader_id == leader_id)) is None:
                session.add(NarrativeRecord(leader_id=leader_id, version=0))
    except IntegrityError:
        return


def _current_content(session: Session, record: NarrativeRecord) -> NarrativeContent:
    if record.version == 0:
        return NarrativeContent()
    query = select(NarrativeVersion.content).where(
        NarrativeVersion.narrative_id == record.id, NarrativeVersion.number == record.version
    )
    return NarrativeContent.model_validate(session.scalar(query) or {})


def _stale_ids(session: Session, content: NarrativeContent) -> set[str]:
    cited = {p.citation.document_id for p in content.proof_points if p.citation}
    if not cited:
        return set()
    present = set(session.scalars(select(KbDocument.id).where(KbDocument.id.in_(cited))))
    return cited - present


def get_narrative(engine: Engine, actor: Actor, leader_id: int) -> NarrativeView:
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        record = _record(session, leader_id)
        content = _current_content(session, record)
        leader = session.get(Person, leader_id)
        return NarrativeView(
            leader_id=leader_id,
            leader_name=leader.name if leader else "",
            content=content,
            version=record.version,
            stale_document_ids=_stale_ids(session, content),
            weekly_target=weekly_targets(session, {leader_id})[leader_id],
        )


def save_narrative(
    engine: Engine,
    actor: Actor,
    leader_id: int,
    data: NarrativeContent | dict[str, object],
    *,
    base_version: int,
    note: str = "",
) -> NarrativeView:
    """Save a new version. A save based on an old version is kept as a conflicted version and refused."""
    content = parse_content(data.model_dump() if isinstance(data, NarrativeContent) else data)
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        first_save = _record(session, leader_id).id is None
    if first_save:
        _ensure_record(engine, leader_id)
    with unit_of_work(engine) as session:
        record = _record(session, leader_id)
        stored = content.model_dump(mode="json")
        moved = session.execute(
            update(NarrativeRecord)
            .where(NarrativeRecord.id == record.id, NarrativeRecord.version == base_version)
            .values(version=base_version + 1, updated_at=datetime.now(record.updated_at.tzinfo))
            .execution_options(synchronize_session=False)
        )
        session.refresh(record)
        conflict = _keep_conflicted(session, actor, record, stored) if moved.rowcount != 1 else None
        if conflict is None:
            version = NarrativeVersion(narrative_id=record.id, number=record.version, content=stored, note=note[:300])
            version.author_id = actor.person_id
            session.add(version)
            audit.record(
                session,
                "narrative.saved",
                actor_id=actor.person_id,
                target=f"leader:{leader_id}",
                version=record.version,
            )
    if conflict is not None:
        raise conflict
    return get_narrative(engine, actor, leader_id)


def _keep_conflicted(
    session: Session, actor: Actor, record: NarrativeRecord, stored: dict[str, object]
) -> EditConflict:
    current = _current_content(session, record)
    session.add(
        NarrativeVersion(
            narrative_id=record.id,
            number=None,
            content=stored,
            author_id=actor.person_id,
            conflicted=True,
            note="kept from a conflicting save",
        )
    )
    return EditConflict(
        "Someone saved a newer version of this narrative while you were editing. Your changes were kept as a "
        "separate version; review the newest version and apply them again.",
        current_text=current.model_dump_json(indent=2),
        your_text=NarrativeContent.model_validate(stored).model_dump_json(indent=2),
        current_version=record.version,
    )


def narrative_history(engine: Engine, actor: Actor, leader_id: int) -> list[VersionInfo]:
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        record = _record(session, leader_id)
        query = (
            select(NarrativeVersion, Person.name)
            .outerjoin(Person, Person.id == NarrativeVersion.author_id)
            .where(NarrativeVersion.narrative_id == record.id)
            .order_by(NarrativeVersion.id.desc())
        )
        return [
            VersionInfo(v.number, name or "", v.created_at, v.note, v.conflicted) for v, name in session.execute(query)
        ]
