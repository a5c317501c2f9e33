"""Schedule from the post: a date and time (an approved post becomes scheduled), unschedule, the cadence warnings
a time would bring, and the leader's own best weekday and hour from their analytics."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

import pandas as pd
from sqlalchemy import Engine

from core import audit
from core.db import unit_of_work
from core.permissions import Actor
from workspace import workflow
from workspace.analytics import WEEKDAYS, compute, load_data
from workspace.calendar.service import as_utc, warnings_if_scheduled
from workspace.models import PostStatus
from workspace.posts import PostView, load_visible_post
from workspace.workflow import Move

MIN_MEASURED = 3  # posts with figures before a best time is suggested
DEFAULT_HOUR = 9
FULL_WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


@dataclass(frozen=True)
class SlotSuggestion:
    """The leader's best weekday (0 = Monday) and, when their data has times, hour (UTC), with the reason."""

    weekday: int
    hour: int | None
    reason: str

    def next_moment(self, after: date) -> datetime:
        """The first such weekday after `after`, at the hour (or 09:00 when only dates are known)."""
        days = (self.weekday - after.weekday()) % 7 or 7
        return datetime.combine(after + timedelta(days=days), time(self.hour or DEFAULT_HOUR), tzinfo=UTC)

    @property
    def label(self) -> str:
        when = FULL_WEEKDAYS[self.weekday] + (f" around {self.hour:02d}:00 UTC" if self.hour is not None else "")
        return f"{when}: {self.reason}"


def best_slot(posts: pd.DataFrame, best_times: pd.DataFrame) -> SlotSuggestion | None:
    """The leader's best slot from Analytics' own best times (weekday and hour, or the weekday alone when their
    figures carry dates only); None with fewer than three measured posts."""
    if int((posts["impressions"] > 0).sum()) < MIN_MEASURED or best_times.empty:
        return None
    top = best_times.iloc[0]
    hour = None if pd.isna(top["hour"]) else int(top["hour"])
    reason = f"{top['engagement_rate']:.1%} engagement over {int(top['posts'])} of your post(s) then"
    if hour is None:
        reason += " (your figures carry dates only, so no hour is suggested)"
    return SlotSuggestion(WEEKDAYS.index(str(top["weekday"])), hour, reason)


def suggest_slot(engine: Engine, actor: Actor, leader_id: int) -> SlotSuggestion | None:
    """The leader's own best weekday and hour, from their published posts' figures."""
    data = load_data(engine, actor, leader_id)
    return best_slot(data.posts, compute(data)["best_times"])


def preview(engine: Engine, actor: Actor, post_id: int, when: datetime) -> list[str]:
    """The cadence warnings the post would get at `when` (shown before saving)."""
    return warnings_if_scheduled(engine, actor, post_id, when)


def schedule(engine: Engine, actor: Actor, post_id: int, when: datetime) -> PostView:
    """Give the post a date and time. An approved post becomes scheduled; an earlier one keeps its status with a
    planned date. Only the leader (or an admin) schedules; calendar subscribers see an update."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.check_owner_action(actor, post, "schedule this post")
        workflow.check_dated(post)
        previous = post.scheduled_at.isoformat() if post.scheduled_at else None
        post.scheduled_at = as_utc(when)
        if post.status == PostStatus.APPROVED:
            workflow.apply_move(session, actor, post, Move.SCHEDULE, when=post.scheduled_at.isoformat())
        else:
            post.ical_sequence += 1
            post.updated_at = datetime.now(UTC)
        audit.record(
            session,
            "post.rescheduled",
            actor_id=actor.person_id,
            target=f"post:{post.id}",
            previous=previous,
            new=post.scheduled_at.isoformat(),
        )
        session.flush()
        return PostView.of(post)


def unschedule(engine: Engine, actor: Actor, post_id: int) -> PostView:
    """Take the post off the calendar; a scheduled post goes back to approved."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.check_owner_action(actor, post, "unschedule this post")
        workflow.check_dated(post)
        previous = post.scheduled_at.isoformat() if post.scheduled_at else None
        post.scheduled_at = None
        if post.status == PostStatus.SCHEDULED:
            workflow.apply_move(session, actor, post, Move.UNSCHEDULE, previous_date=previous)
        else:
            post.ical_sequence += 1
            audit.record(session, "post.date_cleared", actor_id=actor.person_id, target=f"post:{post.id}")
        session.flush()
        return PostView.of(post)
