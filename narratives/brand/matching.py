"""Which leaders' pillars a knowledge-base document fits, and fresh material for each leader.

Comms staff send a story to the one or two leaders who can speak to it credibly, not to everyone.
The similarity comes from the knowledge base's own embeddings (pillar text against document chunks).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Protocol

from core.permissions import Actor
from kb.views import ChunkNeighbour
from narratives.brand.content import NarrativeContent

FIT_THRESHOLD = 0.30
RUNNER_UP_MARGIN = 0.05
NEIGHBOURS_PER_PILLAR = 200


class NeighbourSource(Protocol):
    """Company material plus the one leader's private notes (`KnowledgeBase.nearest_for_leader`)."""

    def nearest_for_leader(self, text: str, actor: Actor, leader_id: int, *, n: int = 50) -> list[ChunkNeighbour]: ...


@dataclass(frozen=True)
class LeaderPillars:
    leader_id: int
    leader_name: str
    content: NarrativeContent


@dataclass(frozen=True)
class PillarFit:
    document_id: str
    title: str
    leader_id: int
    leader_name: str
    pillar: str
    similarity: float
    quote: str
    doc_date: date | None = None
    lift: float = 0.0

    @property
    def reason(self) -> str:
        pillar = f"\u201c{self.pillar}\u201d"
        return f"Fits {self.leader_name}'s pillar {pillar} ({self.similarity:.2f}): \u201c{self.quote}\u201d"


def pillar_query(name: str, thesis: str) -> str:
    return f"{name}. {thesis}".strip()


def pillar_fits(source: NeighbourSource, actor: Actor, leaders: Iterable[LeaderPillars]) -> list[PillarFit]:
    """For every (document, leader) the best-fitting pillar, strongest first. Each leader's pillars are matched
    against company material and that leader's own notes only, never another leader's."""
    best: dict[tuple[str, int], PillarFit] = {}
    for leader in leaders:
        for pillar in leader.content.pillars:
            query = pillar_query(pillar.name, pillar.thesis)
            for hit in source.nearest_for_leader(query, actor, leader.leader_id, n=NEIGHBOURS_PER_PILLAR):
                key = (hit.document_id, leader.leader_id)
                if key not in best or hit.similarity > best[key].similarity:
                    best[key] = PillarFit(
                        hit.document_id,
                        hit.title,
                        leader.leader_id,
                        leader.leader_name,
                        pillar.name,
                        hit.similarity,
                        hit.quote,
                        hit.doc_date,
                    )
    return sorted(_with_lift(list(best.values())), key=lambda fit: fit.lift, reverse=True)


def _with_lift(fits: list[PillarFit]) -> list[PillarFit]:
    """Similarity above the leader's own average fit, so broad pillars do not claim every document."""
    by_leader: dict[int, list[float]] = {}
    for fit in fits:
        by_leader.setdefault(fit.leader_id, []).append(fit.similarity)
    means = {leader: sum(values) / len(values) for leader, values in by_leader.items()}
    return [replace(fit, lift=fit.similarity - means[fit.leader_id]) for fit in fits]


def suggested_leaders(fits: Sequence[PillarFit], document_id: str, *, most: int = 2) -> list[PillarFit]:
    """The one or two leaders who can speak to this document credibly (never everyone)."""
    candidates = [f for f in fits if f.document_id == document_id and f.similarity >= FIT_THRESHOLD]
    if not candidates:
        return []
    top = candidates[0].lift
    return [f for f in candidates if top - f.lift <= RUNNER_UP_MARGIN][:most]


def matches_by_document(fits: Sequence[PillarFit]) -> dict[str, list[PillarFit]]:
    documents = dict.fromkeys(f.document_id for f in fits)
    return {doc: suggested_leaders(fits, doc) for doc in documents}


def fresh_material(fits: Sequence[PillarFit], leader_id: int, since: date | None) -> list[PillarFit]:
    """Documents dated after the leader's last post that fit them best (or near-best)."""
    by_document = matches_by_document(fits)
    fresh = [
        fit
        for suggestions in by_document.values()
        for fit in suggestions
        if fit.leader_id == leader_id and (since is None or (fit.doc_date is not None and fit.doc_date > since))
    ]
    return sorted(fresh, key=lambda f: (f.doc_date or date.min, f.similarity), reverse=True)
