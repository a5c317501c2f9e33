"""The leader's narrative pillars, as the drafting pipeline reads them."""

from __future__ import annotations

from sqlalchemy import Engine

from core.permissions import Actor
from narratives.brand.service import get_narrative
from narratives.drafting.sources import Pillar


class NarrativePillars:
    """PillarSource for drafting, backed by the versioned narratives (permissions enforced there)."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def pillars(self, actor: Actor, leader_id: int) -> list[Pillar]:
        content = get_narrative(self._engine, actor, leader_id).content
        return [Pillar(name=pillar.name, thesis=pillar.thesis) for pillar in content.pillars]
