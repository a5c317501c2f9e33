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
from workspace.analytics import WEEKDAYS, load_data
from workspace.calendar.service import as_utc, warnings_if_scheduled
from workspace.models import PostStatus
from workspace.posts import PostView, load_visible_post
from workspace.workflow import Move

MIN_MEASURED = 3  # posts with figures before a best time is suggested
MIN_PER_SLOT = 2  # posts a weekday or hour needs to count (unless none has that many)
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


def _best(measured: pd.DataFrame, key: pd.Series) -> tuple[int, int, float]:
    """(slot, posts, rate) of the best slot by engagement rate, among slots with enough posts if any have them."""
    grouped = measured.groupby(key)[["impressions", "engagements"]].sum()
    grouped["posts"] = measured.groupby(key).size()
    grouped["rate"] = grouped["engagements"] / grouped["impressions"]
    enough = grouped[grouped["posts"] >= MIN_PER_SLOT]
    ranked = (enough if not enough.empty else grouped).sort_values(["rate", "posts"], ascending=False)
    slot = ranked.index[0]
    return int(slot), int(ranked.loc[slot, "posts"]), float(ranked.loc[slot, "rate"])


def best_slot(posts: pd.DataFrame) -> SlotSuggestion | None:
    """The best weekday (and hour, from posts whose time is known: imports that give only a date are stored at
    midnight and say nothing about the hour) by engagement rate; None with too few measured posts."""
    measured = posts[posts["impressions"] > 0]
    if len(measured) < MIN_MEASURED:
        return None
    moments = measured["published_at"]
    weekday, count, rate = _best(measured, moments.dt.day_of_week)
    reason = f"{rate:.1%} engagement over your {count} post(s) on {WEEKDAYS[weekday]}"
    timed = measured[(moments.dt.hour + moments.dt.minute + moments.dt.second) > 0]
    if len(timed) < MIN_MEASURED:
        return SlotSuggestion(weekday, None, reason + " (your data has dates only, so no hour is suggested)")
    hour, hour_count, hour_rate = _best(timed, timed["published_at"].dt.hour)
    return SlotSuggestion(weekday, hour, reason + f"; {hour_rate:.1%} over {hour_count} post(s) at {hour:02d}:00")


def suggest_slot(engine: Engine, actor: Actor, leader_id: int) -> SlotSuggestion | None:
    """The leader's own best weekday and hour, from their published posts' figures."""
    return best_slot(load_data(engine, actor, leader_id).posts)


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
