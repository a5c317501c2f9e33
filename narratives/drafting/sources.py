"""What drafting reads from other packages, as small protocols plus adapters to the real services.

Drafting never reaches into kb or voice internals: it calls `KnowledgeBase.search`, the voice service's exemplar,
profile and fidelity functions, and (when the narratives service exists) the leader's pillars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy import Engine

from core.errors import ValidationFailed
from core.permissions import Actor
from kb.retrieval import SearchFilters, SearchHit


class PassageSearch(Protocol):
    def search(
        self, query: str, actor: Actor | None, *, k: int = 5, filters: SearchFilters | None = None
    ) -> list[SearchHit]: ...


@dataclass(frozen=True)
class Pillar:
    name: str
    thesis: str


class PillarSource(Protocol):
    def pillars(self, actor: Actor, leader_id: int) -> list[Pillar]: ...


class NoPillars:
    """Until the narratives service exists, drafts are written without pillars."""

    def pillars(self, actor: Actor, leader_id: int) -> list[Pillar]:
        return []


@dataclass(frozen=True)
class Fidelity:
    score: float
    reasons: list[str]


class VoiceScorer(Protocol):
    def __call__(self, text: str) -> Fidelity: ...


class VoiceSource(Protocol):
    def exemplars(self, actor: Actor, leader_id: int, topic: str, k: int) -> list[str]: ...

    def card(self, actor: Actor, leader_id: int) -> list[str]: ...

    def scorer(self, actor: Actor, leader_id: int) -> VoiceScorer | None: ...


class VoiceService:
    """Adapter to narratives.voice: exemplars, the voice card and a fidelity scorer fitted once per draft."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def exemplars(self, actor: Actor, leader_id: int, topic: str, k: int) -> list[str]:
        from narratives.voice.service import leader_exemplars
        from narratives.voice.store import leader_post_texts

        found = [item.text for item in leader_exemplars(self._engine, actor, leader_id, topic, k=k)]
        if len(found) < k:  # topic shares few words with past posts: fill up with the most recent ones
            recent = [t for t in reversed(leader_post_texts(self._engine, actor, leader_id)) if t not in found]
            found += recent[: k - len(found)]
        return found

    def card(self, actor: Actor, leader_id: int) -> list[str]:
        from narratives.voice.service import leader_profile

        try:
            return leader_profile(self._engine, actor, leader_id).card()
        except ValidationFailed:
            return []

    def scorer(self, actor: Actor, leader_id: int) -> VoiceScorer | None:
        """A scorer fitted on the leader's corpus, or None while they have too few past posts."""
        from narratives.voice.profile import build_profile
        from narratives.voice.service import fit_for_leader, score_against
        from narratives.voice.store import voice_corpus

        corpus = voice_corpus(self._engine, actor, leader_id)
        try:
            model = fit_for_leader(corpus, leader_id)
            profile = build_profile(corpus[leader_id])
        except ValidationFailed:
            return None

        def score(text: str) -> Fidelity:
            result = score_against(model, profile, str(leader_id), text)
            return Fidelity(float(result.score), list(result.reasons))

        return score


def format_list(items: Sequence[str], empty: str = "(none)") -> str:
    return "\n".join(f"- {item}" for item in items) if items else empty
