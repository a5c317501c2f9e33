"""The onboarding checklist of a pilot leader, computed from the data: past posts imported -> voice card confirmed ->
narrative version 1 -> first draft -> first scheduled post -> first engagement import. Only the voice card needs an
explicit record (the leader confirms it); the leader and their coach see the checklist, admins see the whole group."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import Engine, Select, exists, func, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import PermissionDenied, ValidationFailed
from core.identity import Person
from core.permissions import Actor, require_leader_access, visible_leader_ids
from narratives.brand.models import NarrativeRecord
from narratives.lifecycle.models import VoiceCardConfirmation
from workspace.engagement.models import ImportBatch
from workspace.models import Post, PostStatus

STEPS = (
    ("import", "Import past posts", "Voice"),
    ("voice_card", "Confirm the voice card", "Voice"),
    ("narrative", "Save narrative version 1", "Narratives"),
    ("draft", "Write a first draft", "Posts"),
    ("scheduled", "Schedule a first post", "Posts"),
    ("engagement", "Import engagement figures", "Analytics"),
)


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    done: bool
    detail: str
    page: str


@dataclass(frozen=True)
class Checklist:
    leader_id: int
    leader_name: str
    steps: tuple[Step, ...]

    @property
    def done(self) -> int:
        return sum(step.done for step in self.steps)

    @property
    def progress(self) -> float:
        return self.done / len(self.steps)

    @property
    def next_step(self) -> Step | None:
        return next((step for step in self.steps if not step.done), None)


def _count(session: Session, query: Select[Any]) -> int:
    return int(session.scalar(query) or 0)


def _facts(session: Session, leader_id: int) -> dict[str, tuple[bool, str]]:
    mine = Post.leader_id == leader_id
    byline = mine & (Post.origin == "byline")
    imported = _count(
        session, select(func.count(Post.id)).where(mine, Post.origin != "byline", Post.status == PostStatus.PUBLISHED)
    )
    confirmed = session.scalar(select(exists().where(VoiceCardConfirmation.leader_id == leader_id)))
    version = _count(session, select(NarrativeRecord.version).where(NarrativeRecord.leader_id == leader_id))
    drafts = _count(session, select(func.count(Post.id)).where(byline, Post.version > 0))
    scheduled = _count(
        session,
        select(func.count(Post.id)).where(byline, Post.status.in_((PostStatus.SCHEDULED, PostStatus.PUBLISHED))),
    )
    imports = _count(session, select(func.count(ImportBatch.id)).where(ImportBatch.leader_id == leader_id))
    return {
        "import": (imported > 0, f"{imported} past post(s) imported"),
        "voice_card": (bool(confirmed), "confirmed" if confirmed else "read it on the Voice page, then confirm"),
        "narrative": (version > 0, f"version {version}" if version else "no narrative saved yet"),
        "draft": (drafts > 0, f"{drafts} post(s) written in Byline"),
        "scheduled": (scheduled > 0, f"{scheduled} post(s) scheduled or published from Byline"),
        "engagement": (imports > 0, f"{imports} engagement file(s) imported"),
    }


def _checklist(session: Session, leader: Person) -> Checklist:
    facts = _facts(session, leader.id)
    steps = tuple(Step(key, title, *facts[key], page) for key, title, page in STEPS)
    return Checklist(leader.id, leader.name, steps)


def checklist(engine: Engine, actor: Actor, leader_id: int) -> Checklist:
    """One leader's checklist, for the leader, their coach and admins."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        leader = session.get(Person, leader_id)
        if leader is None:
            raise ValidationFailed("No such leader.")
        return _checklist(session, leader)


def pilot_overview(engine: Engine, actor: Actor) -> list[Checklist]:
    """Every visible leader's checklist, least advanced first (the pilot group at a glance)."""
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        leaders = session.scalars(select(Person).where(Person.id.in_(scope)).order_by(Person.name))
        found = [_checklist(session, leader) for leader in leaders]
    return sorted(found, key=lambda item: item.done)


def confirm_voice_card(engine: Engine, actor: Actor, leader_id: int, *, posts_counted: int) -> None:
    """The leader (or an admin for them) agrees the voice card describes how they write."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        if actor.person_id != leader_id and not actor.is_admin:
            raise PermissionDenied("The leader confirms their own voice card.")
        if posts_counted < 1:
            raise ValidationFailed("Import some past posts first: the voice card is built from them.")
        session.add(
            VoiceCardConfirmation(leader_id=leader_id, confirmed_by=actor.person_id, posts_counted=posts_counted)
        )
        audit.record(session, "voice.card_confirmed", actor_id=actor.person_id, target=f"leader:{leader_id}")
