"""Narrative insights that combine services: pillar coverage from the calendar, material matching from the KB."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

import pandas as pd
from sqlalchemy import Engine

from core.permissions import Actor
from narratives.brand.coverage import PostSlot, coverage_findings, coverage_table, weeks_around
from narratives.brand.matching import LeaderPillars, NeighbourSource, PillarFit, fresh_material, pillar_fits
from narratives.brand.service import get_narrative
from workspace.models import PostStatus
from workspace.people import list_leaders
from workspace.posts import list_posts


@dataclass(frozen=True)
class Coverage:
    table: pd.DataFrame
    findings: list[str]


def pillar_coverage(engine: Engine, actor: Actor, leader_id: int, *, today: date | None = None) -> Coverage:
    """Posts per pillar per week (8 weeks back, 4 ahead), from the calendar and published posts."""
    today = today or datetime.now(UTC).date()
    pillars = [p.name for p in get_narrative(engine, actor, leader_id).content.pillars]
    slots = [
        PostSlot(post.pillar, when)
        for post in list_posts(engine, actor, leader_id=leader_id)
        if post.pillar in pillars
        and post.status != PostStatus.IDEA
        and (when := post.published_at or post.scheduled_at) is not None
    ]
    table = coverage_table(pillars, slots, weeks_around(today))
    return Coverage(table=table, findings=coverage_findings(table))


def team_pillars(engine: Engine, actor: Actor) -> list[LeaderPillars]:
    return [
        LeaderPillars(leader.id, leader.name, get_narrative(engine, actor, leader.id).content)
        for leader in list_leaders(engine, actor)
    ]


def material_matches(engine: Engine, actor: Actor, source: NeighbourSource) -> list[PillarFit]:
    """Every (document, leader) best pillar fit, over the leaders the actor may see."""
    return pillar_fits(source, actor, team_pillars(engine, actor))


def last_post_day(engine: Engine, actor: Actor, leader_id: int) -> date | None:
    published = [
        p.published_at
        for p in list_posts(engine, actor, leader_id=leader_id, statuses=(PostStatus.PUBLISHED,))
        if p.published_at is not None
    ]
    return max(published).date() if published else None


def fresh_material_for(engine: Engine, actor: Actor, leader_id: int, source: NeighbourSource) -> list[PillarFit]:
    """Material fitting this leader's pillars that is newer than their last published post."""
    fits = material_matches(engine, actor, source)
    return fresh_material(fits, leader_id, last_post_day(engine, actor, leader_id))
