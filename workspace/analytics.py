"""Analytics tables (pandas) per leader and for the team: engagement rate over time, by pillar, channel,
weekday and hour (each leader's own best times), originals vs reshares, followers gained, consistency
against the weekly target, and leads from tagged links. Rates are engagements / impressions; nothing here
ranks people by how much they post.

`load_data` reads once per data version; `compute` is pure, so pages cache it keyed on `data_version`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, func, or_, select
from sqlalchemy.orm import Session

from workspace.db import unit_of_work
from workspace.engagement.models import DailyMetric, UtmLead
from workspace.models import Engagement, Person, Post, Role
from workspace.permissions import Actor, require_leader_access, visible_leader_ids

POST_COLUMNS = ["post_id", "leader_id", "leader", "channel", "pillar", "is_reshare", "published_at", "title"]
FIGURE_COLUMNS = ["post_id", "source", "impressions", "engagements"]
DAILY_COLUMNS = ["leader_id", "day", "impressions", "engagements", "new_followers"]
LEAD_COLUMNS = ["day", "utm_source", "utm_medium", "utm_campaign", "utm_content", "clicks", "leads", "post_id"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CONSISTENCY_WEEKS = 12


@dataclass(frozen=True)
class AnalyticsData:
    posts: pd.DataFrame
    daily: pd.DataFrame
    leads: pd.DataFrame
    leaders: dict[int, str]
    targets: dict[int, int]


def _scope(session: Session, actor: Actor, leader_id: int | None) -> set[int]:
    allowed = visible_leader_ids(session, actor)
    if leader_id is not None:
        require_leader_access(session, actor, leader_id)
        return {leader_id}
    return allowed


def data_version(engine: Engine, actor: Actor) -> tuple[object, ...]:
    """Changes whenever figures, posts or people change: the cache key for computed analytics."""
    with unit_of_work(engine) as session:
        parts = [
            session.execute(
                select(func.count(Engagement.id), func.max(Engagement.id), func.sum(Engagement.impressions))
            ).one(),
            session.execute(select(func.count(DailyMetric.id), func.max(DailyMetric.id))).one(),
            session.execute(select(func.count(UtmLead.id), func.max(UtmLead.id))).one(),
            session.execute(select(func.count(Post.id), func.max(Post.updated_at), func.max(Post.published_at))).one(),
            session.execute(select(func.sum(Person.weekly_target), func.count(Person.id))).one(),
        ]
    return (actor.person_id, *(tuple(str(value) for value in row) for row in parts))


def load_data(engine: Engine, actor: Actor, leader_id: int | None = None) -> AnalyticsData:
    with unit_of_work(engine) as session:
        scope = _scope(session, actor, leader_id)
        people = session.execute(select(Person.id, Person.name, Person.weekly_target).where(Person.id.in_(scope))).all()
        post_rows = session.execute(
            select(
                Post.id,
                Post.leader_id,
                Person.name,
                Post.channel,
                Post.pillar,
                Post.is_reshare,
                Post.published_at,
                Post.title,
            )
            .join(Person, Person.id == Post.leader_id)
            .where(Post.leader_id.in_(scope), Post.published_at.is_not(None))
        ).all()
        engaged = Engagement.reactions + Engagement.comments + Engagement.reposts + Engagement.clicks
        figure_rows = session.execute(
            select(
                Engagement.post_id,
                Engagement.source,
                func.sum(Engagement.impressions),
                func.sum(engaged),
                func.sum(Engagement.engagement_rate * Engagement.impressions),
            )
            .join(Post, Post.id == Engagement.post_id)
            .where(Post.leader_id.in_(scope))
            .group_by(Engagement.post_id, Engagement.source)
        ).all()
        daily_rows = session.execute(
            select(
                DailyMetric.leader_id,
                DailyMetric.day,
                DailyMetric.impressions,
                DailyMetric.engagements,
                DailyMetric.new_followers,
            ).where(DailyMetric.leader_id.in_(scope))
        ).all()
        lead_filter = UtmLead.leader_id.in_(scope)
        if actor.role != Role.LEADER and leader_id is None:
            lead_filter = or_(lead_filter, UtmLead.leader_id.is_(None))
        lead_rows = session.execute(
            select(
                UtmLead.day,
                UtmLead.utm_source,
                UtmLead.utm_medium,
                UtmLead.utm_campaign,
                UtmLead.utm_content,
                UtmLead.clicks,
                UtmLead.leads,
                UtmLead.post_id,
            ).where(lead_filter)
        ).all()
    posts = _with_figures(pd.DataFrame(post_rows, columns=POST_COLUMNS), figure_rows)
    return AnalyticsData(
        posts=posts,
        daily=pd.DataFrame(daily_rows, columns=DAILY_COLUMNS),
        leads=pd.DataFrame(lead_rows, columns=LEAD_COLUMNS),
        leaders={pid: name for pid, name, _ in people},
        targets={pid: target or 0 for pid, _, target in people},
    )


def _with_figures(posts: pd.DataFrame, figure_rows: list[object]) -> pd.DataFrame:
    """One figure set per post: the source with the most impressions (sources overlap, so never summed)."""
    figures = pd.DataFrame(figure_rows, columns=[*FIGURE_COLUMNS, "rated"])
    figures["engagements"] = figures["engagements"].where(
        figures["engagements"] > 0, figures["rated"].fillna(0).round()
    )
    best = figures.sort_values("impressions", ascending=False).drop_duplicates("post_id")[FIGURE_COLUMNS]
    merged = posts.merge(best, on="post_id", how="left")
    merged["impressions"] = merged["impressions"].fillna(0).astype("int64")
    merged["engagements"] = merged["engagements"].fillna(0).astype("int64")
    merged["published_at"] = pd.to_datetime(merged["published_at"], utc=True)
    return merged


def _rate(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    measured = frame[frame["impressions"] > 0]
    grouped = measured.groupby(by, as_index=False).agg(
        posts=("post_id", "count"), impressions=("impressions", "sum"), engagements=("engagements", "sum")
    )
    grouped["engagement_rate"] = (grouped["engagements"] / grouped["impressions"]).round(4)
    return grouped


def compute(data: AnalyticsData, *, today: datetime | None = None) -> dict[str, pd.DataFrame]:
    """Every analytics table, from data already loaded (pure and cacheable)."""
    posts = data.posts.copy()
    posts["week"] = (posts["published_at"].dt.tz_localize(None).dt.to_period("W-SUN").dt.start_time).dt.date
    posts["weekday"] = posts["published_at"].dt.day_of_week.map(dict(enumerate(WEEKDAYS)))
    posts["hour"] = posts["published_at"].dt.hour
    posts["kind"] = posts["is_reshare"].map({True: "Reshare", False: "Original"})
    slots = _rate(posts, ["leader", "weekday", "hour"])
    return {
        "over_time": _rate(posts, ["leader", "week"]),
        "by_pillar": _rate(posts, ["pillar"]),
        "by_channel": _rate(posts, ["channel"]),
        "by_slot": slots,
        "best_times": _best_times(slots),
        "originals_vs_reshares": _rate(posts, ["kind"]),
        "followers": _followers(data),
        "consistency": _consistency(data, posts, today or datetime.now(UTC)),
        "leads": _leads(data),
        "posts": posts[["leader", "published_at", "channel", "pillar", "title", "impressions", "engagements"]],
    }


def _best_times(slots: pd.DataFrame) -> pd.DataFrame:
    ranked = slots.sort_values(["leader", "engagement_rate", "posts"], ascending=[True, False, False])
    best = ranked.groupby("leader", as_index=False).head(3)
    return best[["leader", "weekday", "hour", "posts", "engagement_rate"]].reset_index(drop=True)


def _followers(data: AnalyticsData) -> pd.DataFrame:
    daily = data.daily.dropna(subset=["new_followers"]).copy()
    if daily.empty:
        return pd.DataFrame(columns=["leader", "week", "new_followers"])
    daily["leader"] = daily["leader_id"].map(data.leaders)
    daily["week"] = pd.to_datetime(daily["day"]).dt.to_period("W-SUN").dt.start_time.dt.date
    return daily.groupby(["leader", "week"], as_index=False)["new_followers"].sum()


def _consistency(data: AnalyticsData, posts: pd.DataFrame, today: datetime) -> pd.DataFrame:
    """Posts per week against each leader's own target, for the last 12 weeks."""
    this_monday = (today - timedelta(days=today.weekday())).date()
    weeks = [this_monday - timedelta(weeks=n) for n in range(CONSISTENCY_WEEKS, 0, -1)]
    counts = posts.groupby(["leader_id", "week"]).size().to_dict()
    rows = [
        {
            "leader": name,
            "week": week,
            "posts": int(counts.get((leader_id, week), 0)),
            "target": data.targets.get(leader_id, 0),
        }
        for leader_id, name in sorted(data.leaders.items(), key=lambda pair: pair[1])
        for week in weeks
    ]
    frame = pd.DataFrame(rows, columns=["leader", "week", "posts", "target"])
    frame["on_target"] = (frame["posts"] >= frame["target"]) & (frame["target"] > 0)
    return frame


def _leads(data: AnalyticsData) -> pd.DataFrame:
    if data.leads.empty:
        return pd.DataFrame(columns=["utm_campaign", "utm_content", "clicks", "leads"])
    return data.leads.groupby(["utm_campaign", "utm_content"], as_index=False)[["clicks", "leads"]].sum()


def engagement_by_leader(engine: Engine, actor: Actor) -> pd.DataFrame:
    """Per visible leader: posts with figures, impressions, engagements and engagement rate (no ranking)."""
    posts = load_data(engine, actor).posts
    frame = _rate(posts, ["leader"]).rename(columns={"posts": "posts"})
    return frame[["leader", "posts", "impressions", "engagements", "engagement_rate"]]
