"""Learning from edits: how far each published post moved from the draft it was started from (rapidfuzz edit
distance), as a per-leader trend. Published posts feed the voice corpus through the posts table itself."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from rapidfuzz.distance import Levenshtein
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session, selectinload

from core.db import unit_of_work
from core.permissions import Actor, require_leader_access
from narratives.drafting.models import DraftGeneration
from workspace.models import Post, PostStatus
from workspace.posts import current_text


@dataclass(frozen=True)
class TrendPoint:
    post_id: int
    published_at: datetime
    distance: int
    similarity: float


def edit_trend(engine: Engine, actor: Actor, leader_id: int) -> list[TrendPoint]:
    """How much the leader changed each published draft, oldest first (similarity 1.0 = published as drafted)."""
    with unit_of_work(engine) as session:
        return read_edit_trend(session, actor, leader_id)


def read_edit_trend(session: Session, actor: Actor, leader_id: int) -> list[TrendPoint]:
    """`edit_trend` within the caller's unit of work."""
    require_leader_access(session, actor, leader_id)
    drafted = (
        select(DraftGeneration.post_id, DraftGeneration.text)
        .join(Post, Post.id == DraftGeneration.post_id)
        .where(Post.leader_id == leader_id, Post.status == PostStatus.PUBLISHED)
        .order_by(DraftGeneration.id)
    )
    drafted_text = {post_id: text for post_id, text in session.execute(drafted)}  # the latest generation wins
    published = session.scalars(
        select(Post)
        .where(Post.id.in_(drafted_text))
        .options(selectinload(Post.revisions))
        .order_by(Post.published_at, Post.id)
    )
    points = []
    for post in published:
        generated, final = drafted_text[post.id], current_text(post)
        distance = Levenshtein.distance(generated, final)
        similarity = float(Levenshtein.normalized_similarity(generated, final))
        points.append(TrendPoint(post.id, post.published_at or post.updated_at, distance, similarity))
    return points
