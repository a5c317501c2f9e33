"""Tips for the person at work, at the moment it matters, minus the ones they dismissed; dismissing a tip; and,
for a coach (or an admin), which tips their leaders dismissed."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound
from core.identity import Person, Role
from core.permissions import Actor, require_leader_access, require_staff, visible_leader_ids
from workspace.engagement.models import ImportBatch
from workspace.models import Post, PostRevision, PostStatus
from workspace.posts import load_visible_post
from workspace.program.goals import weekly_targets
from workspace.program.models import TipDismissal
from workspace.tips.library import Moment, Tip, tips_library
from workspace.tips.moments import draft_moments, usual_length

PAST_POSTS = 30


def _undismissed(session: Session, actor: Actor, moments: set[Moment]) -> list[Tip]:
    if not moments:
        return []
    dismissed = set(session.scalars(select(TipDismissal.tip_id).where(TipDismissal.person_id == actor.person_id)))
    return [tip for tip in tips_library().at(moments) if tip.id not in dismissed]


def _past_lengths(session: Session, leader_id: int) -> list[int]:
    query = (
        select(func.length(PostRevision.text))
        .join(Post, (PostRevision.post_id == Post.id) & (PostRevision.number == Post.version))
        .where(Post.leader_id == leader_id, Post.status == PostStatus.PUBLISHED)
        .order_by(Post.published_at.desc())
        .limit(PAST_POSTS)
    )
    return [int(length or 0) for length in session.scalars(query)]


def tips_for_draft(
    engine: Engine, actor: Actor, leader_id: int, text: str, *, channel: str, lingo_warning: bool
) -> list[Tip]:
    """Tips for draft variants being read (before any of them became a post)."""
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        return _draft_tips(session, actor, leader_id, text, channel, lingo_warning)


def tips_for_post(engine: Engine, actor: Actor, post_id: int, text: str, *, lingo_warning: bool) -> list[Tip]:
    """Tips for a post being edited: its leader and channel come from the post."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        return _draft_tips(session, actor, post.leader_id, text, post.channel, lingo_warning)


def _draft_tips(
    session: Session, actor: Actor, leader_id: int, text: str, channel: str, lingo_warning: bool
) -> list[Tip]:
    """It is the leader's first draft while at most one of their posts was started in Byline (the one at hand)."""
    started = session.scalar(select(func.count(Post.id)).where(Post.leader_id == leader_id, Post.origin == "byline"))
    moments = draft_moments(
        text,
        channel=channel,
        usual=usual_length(_past_lengths(session, leader_id)),
        first_draft=int(started or 0) <= 1,
        lingo_warning=lingo_warning,
    )
    return _undismissed(session, actor, moments)


def tips_for_week(engine: Engine, actor: Actor, leader_id: int, *, today: date | None = None) -> list[Tip]:
    """The missed-week tip: last week the leader published fewer posts than their posts-per-week goal."""
    today = today or datetime.now(UTC).date()
    monday = today - timedelta(days=today.weekday() + 7)
    start = datetime.combine(monday, time(), tzinfo=UTC)
    with unit_of_work(engine) as session:
        require_leader_access(session, actor, leader_id)
        target = weekly_targets(session, {leader_id})[leader_id]
        published = session.scalar(
            select(func.count(Post.id)).where(
                Post.leader_id == leader_id,
                Post.published_at >= start,
                Post.published_at < start + timedelta(days=7),
            )
        )
        missed = bool(target) and int(published or 0) < target
        return _undismissed(session, actor, {Moment.MISSED_CADENCE_WEEK} if missed else set())


def tips_after_import(engine: Engine, actor: Actor, leader_id: int | None) -> list[Tip]:
    """The first-import tip, right after the first engagement import for this leader (or, for comms staff, the
    Company Page)."""
    with unit_of_work(engine) as session:
        if leader_id is None:
            require_staff(actor)
        else:
            require_leader_access(session, actor, leader_id)
        owner = ImportBatch.leader_id.is_(None) if leader_id is None else ImportBatch.leader_id == leader_id
        imports = int(session.scalar(select(func.count(ImportBatch.id)).where(owner)) or 0)
        return _undismissed(session, actor, {Moment.FIRST_ENGAGEMENT_IMPORT} if imports == 1 else set())


def dismiss_tip(engine: Engine, actor: Actor, tip_id: str) -> None:
    """Stop showing a tip to this person (dismissing twice is fine)."""
    if tip_id not in {tip.id for tip in tips_library().tips}:
        raise NotFound(f"There is no tip {tip_id!r}.")
    try:
        with unit_of_work(engine) as session:
            session.add(TipDismissal(person_id=actor.person_id, tip_id=tip_id))
            audit.record(session, "tip.dismissed", actor_id=actor.person_id, target=tip_id)
    except IntegrityError:
        return  # already dismissed


def dismissed_by_leaders(engine: Engine, actor: Actor) -> list[dict[str, object]]:
    """Which tips the leaders a coach coaches (an admin: every leader) dismissed, newest first."""
    require_staff(actor)
    titles = {tip.id: tip.title for tip in tips_library().tips}
    with unit_of_work(engine) as session:
        leaders = visible_leader_ids(session, actor)
        query = (
            select(Person.name, TipDismissal.tip_id, TipDismissal.at)
            .join(Person, Person.id == TipDismissal.person_id)
            .where(TipDismissal.person_id.in_(leaders), Person.role == Role.LEADER)
            .order_by(TipDismissal.at.desc(), TipDismissal.id.desc())
        )
        return [
            {"leader": name, "tip": titles.get(tip_id, f"{tip_id} (no longer in the library)"), "dismissed": at}
            for name, tip_id, at in session.execute(query)
        ]
