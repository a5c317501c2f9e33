"""Learning from edits: publishing a post adds its final text to the voice corpus and records how far it moved
from the chosen draft (rapidfuzz edit distance), as a per-leader trend."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import urlparse

from rapidfuzz.distance import Levenshtein
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.identity import Role
from core.permissions import Actor, require_leader_access
from narratives.drafting.models import DraftGeneration, EditOutcome
from workspace.models import Post, PostStatus
from workspace.posts import PostView, current_text


@dataclass(frozen=True)
class TrendPoint:
    post_id: int
    published_at: datetime
    distance: int
    similarity: float


def check_url(url: str) -> str:
    cleaned = url.strip()
    parts = urlparse(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(cleaned) > 500:
        raise ValidationFailed("Paste the full link of the published post (starting with https://).")
    return cleaned


def _record_outcome(session: Session, post: Post, moment: datetime) -> None:
    generation = session.scalars(
        select(DraftGeneration).where(DraftGeneration.post_id == post.id).order_by(DraftGeneration.id.desc())
    ).first()
    if generation is None:
        return
    final = current_text(post)
    outcome = session.scalars(select(EditOutcome).where(EditOutcome.post_id == post.id)).first()
    if outcome is None:
        outcome = EditOutcome(post_id=post.id, leader_id=post.leader_id)
        session.add(outcome)
    outcome.generated_chars, outcome.published_chars = len(generation.text), len(final)
    outcome.distance = Levenshtein.distance(generation.text, final)
    outcome.similarity = float(Levenshtein.normalized_similarity(generation.text, final))
    outcome.published_at = moment


def mark_published(engine: Engine, actor: Actor, post_id: int, url: str) -> PostView:
    """The leader (or an admin) marks a post published with its URL. Its text then counts as a past post."""
    link = check_url(url)
    with unit_of_work(engine) as session:
        post = session.get(Post, post_id)
        if post is None:
            raise NotFound(f"Post {post_id} does not exist.")
        require_leader_access(session, actor, post.leader_id)
        if actor.role == Role.COACH:
            raise PermissionDenied("Coaches advise; the leader marks their own posts published.")
        if not current_text(post).strip():
            raise ValidationFailed("This post has no text to publish.")
        owner = session.scalar(select(Post.id).where(Post.url == link, Post.id != post.id))
        if owner is not None:
            raise ValidationFailed("Another post already has this URL.")
        moment = datetime.now(UTC)
        previous = post.status
        post.url, post.status, post.published_at = link, PostStatus.PUBLISHED, moment
        post.ical_sequence += 1
        _record_outcome(session, post, moment)
        audit.record(
            session, "post.published", actor_id=actor.person_id, target=f"post:{post.id}", previous=previous, url=link
        )
        session.flush()
        return PostView.of(post)


def edit_trend(engine: Engine, actor: Actor, leader_id: int) -> list[TrendPoint]:
    """How much the leader changed each published draft, oldest first (similarity 1.0 = published as drafted)."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        rows = session.scalars(
            select(EditOutcome).where(EditOutcome.leader_id == leader_id).order_by(EditOutcome.published_at)
        )
        return [TrendPoint(r.post_id, r.published_at, r.distance, r.similarity) for r in rows]
