"""What drafting reads from other packages, as small protocols.

Drafting never reaches into kb, voice or brand internals: `KnowledgeBase.search_for_leader` finds passages (company
material plus that leader's own notes), the voice adapter (`narratives.voice.adapter.VoiceForDrafting`) gives
exemplars, the voice card and a fidelity scorer, and the brand narrative (`narratives.brand.pillars.NarrativePillars`)
gives the leader's pillars.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from core.permissions import Actor
from kb.retrieval import SearchFilters, SearchHit
from narratives.voice.habits import Habits
from narratives.voice.service import FidelityResult


class PassageSearch(Protocol):
    """Company material plus the one leader's private notes (`KnowledgeBase.search_for_leader`)."""

    def search_for_leader(
        self, query: str, actor: Actor, leader_id: int, *, k: int = 5, filters: SearchFilters | None = None
    ) -> list[SearchHit]: ...


@dataclass(frozen=True)
class Pillar:
    name: str
    thesis: str


class PillarSource(Protocol):
    def pillars(self, actor: Actor, leader_id: int) -> list[Pillar]: ...


class VoiceScorer(Protocol):
    def __call__(self, text: str) -> FidelityResult: ...


class LeaderVoice(Protocol):
    def card(self) -> list[str]: ...

    def exemplars(self, topic: str, k: int) -> list[str]: ...

    def habits(self, channel: str) -> Habits | None: ...

    def typical(self, channel: str, k: int) -> list[str]: ...

    def own_text(self) -> str: ...

    def scorer(self) -> VoiceScorer | None: ...


class VoiceSource(Protocol):
    def for_leader(self, session: Session, actor: Actor, leader_id: int) -> LeaderVoice: ...


def format_list(items: Sequence[str], empty: str = "(none)") -> str:
    return "\n".join(f"- {item}" for item in items) if items else empty
