"""Seed the demo leaders' narratives from the team-written demo files, with proof points cited from the KB."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from kb.service import KnowledgeBase
from narratives.brand.content import Citation, NarrativeContent, Pillar, ProofPoint
from narratives.brand.matching import pillar_query
from narratives.brand.service import save_narrative

NARRATIVE_FIELDS = ("expertise", "audiences", "positioning", "no_go_topics", "channels")


def cited_proof_point(kb: KnowledgeBase, actor: Actor, leader_id: int, pillar: Pillar) -> ProofPoint | None:
    """The passage (company material or this leader's notes) that best supports a pillar, as a cited proof point."""
    hits = kb.search_for_leader(pillar_query(pillar.name, pillar.thesis), actor, leader_id, k=1)
    if not hits:
        return None
    hit = hits[0]
    citation = Citation(document_id=hit.document_id, title=hit.title, locator=hit.locator, quote=hit.citation.quote)
    return ProofPoint(text=hit.citation.quote, pillar=pillar.name, source="kb", citation=citation)


def personal_proof_point(bio: str) -> list[ProofPoint]:
    sentences = [s.strip() for s in bio.replace("\n", " ").split(". ") if s.strip()]
    return [ProofPoint(text=sentences[-1].rstrip(".") + ".", source="personal")] if len(sentences) > 1 else []


def narrative_from_demo(entry: dict[str, Any], kb: KnowledgeBase, actor: Actor, leader_id: int) -> NarrativeContent:
    pillars = [Pillar(name=p["name"], thesis=p.get("thesis", "")) for p in entry.get("pillars", [])]
    proofs = [point for pillar in pillars if (point := cited_proof_point(kb, actor, leader_id, pillar)) is not None]
    fields = {key: entry[key] for key in NARRATIVE_FIELDS if key in entry}
    return NarrativeContent(pillars=pillars, proof_points=proofs + personal_proof_point(entry.get("bio", "")), **fields)


def seed_demo_narratives(engine: Engine, kb: KnowledgeBase, leaders: list[dict[str, Any]]) -> int:
    """Save version 1 of each demo leader's narrative, authored by the demo coach."""
    with unit_of_work(engine) as session:
        people = {p.handle: p for p in session.scalars(select(Person))}
    coach = next((p for p in people.values() if p.role == Role.COACH), None)
    author = Actor.of(coach or next(p for p in people.values() if p.role == Role.ADMIN))
    for entry in leaders:
        leader_id = people[entry["handle"]].id
        content = narrative_from_demo(entry, kb, author, leader_id)
        save_narrative(engine, author, leader_id, content, base_version=0, note="demo interview")
    return len(leaders)
