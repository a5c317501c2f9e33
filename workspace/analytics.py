"""Analytics tables (pandas) per leader and for the team: engagement rate over time, by pillar, channel,
weekday and hour (each leader's own best times, weekday only when only dates are known), originals vs reshares,
reach per week, followers gained, consistency against the weekly target, and leads by post, pillar, leader and
UTM campaign. Rates are engagements / impressions; nothing here
ranks people by how much they post.

`load_data` reads once per data version; `compute` is pure, so pages cache it keyed on `data_version`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pandas as pd
from sqlalchemy import Connection, Engine, Select, String, cast, func, or_, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor, require_leader_access, visible_leader_ids
from workspace.engagement.models import DailyMetric, ImportedRow, UtmLead
from workspace.models import Engagement, Post
from workspace.program import breakdowns
from workspace.program.goals import weekly_targets
from workspace.program.models import Goal

# Published posts as queried, with their column types (set up front: inferring them is costly on 20k rows)
POST_TYPES = {
    "post_id": "int64",
    "leader_id": "int64",
    "channel": "str",
    "pillar": "str",
    "is_reshare": "bool",
    "published_at": "str",
    "title": "str",
}
# Summed figures per post and source (`rated` is empty unless an export gave a rate instead of counts)
FIGURE_TYPES = {"post_id": "int64", "impressions": "int64", "engagements": "int64", "rated": "float64"}
DAILY_COLUMNS = ["leader_id", "day", "impressions", "engagements", "new_followers"]
LEAD_COLUMNS = ["day", "utm_source", "utm_medium", "utm_campaign", "utm_content", "clicks", "leads", "post_id"]
WEEKDAYS = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
CONSISTENCY_WEEKS = 12
BATCH_ROWS = 200  # rows per fetch: fewer live objects than the GC's threshold (700), so fetching sets off none


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
    """Changes whenever the figures, posts or people the actor may see change: the cache key for computed
    analytics. Another leader's activity leaves it alone (it must not tell anyone that something changed)."""
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        company = actor.role != Role.LEADER  # figures that belong to no leader are visible to coaches and admins
        figures = select(func.count(Engagement.id), func.max(Engagement.id), func.sum(Engagement.impressions))
        daily = select(func.count(DailyMetric.id), func.max(DailyMetric.id))
        leads = select(func.count(UtmLead.id), func.max(UtmLead.id))
        parts = [
            session.execute(figures.join(Post, Post.id == Engagement.post_id).where(Post.leader_id.in_(scope))).one(),
            session.execute(daily.where(_owned(DailyMetric.leader_id, scope, company))).one(),
            session.execute(leads.where(_owned(UtmLead.leader_id, scope, company))).one(),
            session.execute(
                select(func.count(Post.id), func.max(Post.updated_at), func.max(Post.published_at)).where(
                    Post.leader_id.in_(scope)
                )
            ).one(),
            session.execute(select(func.count(Person.id), func.max(Person.id)).where(Person.id.in_(scope))).one(),
            session.execute(
                select(func.count(Goal.id), func.max(Goal.updated_at), func.sum(Goal.target)).where(
                    _owned(Goal.leader_id, scope, company)
                )
            ).one(),
            session.execute(
                select(func.count(ImportedRow.id), func.max(ImportedRow.updated_at)).where(
                    _owned(ImportedRow.leader_id, scope, company)
                )
            ).one(),
        ]
    return (actor.person_id, *(tuple(str(value) for value in row) for row in parts))


def _owned(column: Any, scope: set[int], with_unattributed: bool) -> Any:
    return or_(column.in_(scope), column.is_(None)) if with_unattributed else column.in_(scope)


def _posts_query(scope: set[int]) -> Select[Any]:
    """Published posts in scope, in a fixed order (leader, then post). Names come from `people`, not a join."""
    published = cast(Post.published_at, String)
    columns = (Post.id, Post.leader_id, Post.channel, Post.pillar, Post.is_reshare, published, Post.title)
    return (
        select(*columns)
        .where(Post.leader_id.in_(scope), Post.published_at.is_not(None))
        .order_by(Post.leader_id, Post.id)
    )


def _figures_query(scope: set[int]) -> Select[Any]:
    """Figures summed in SQL per post and source: one row per post and source, however many days."""
    engaged = Engagement.reactions + Engagement.comments + Engagement.reposts + Engagement.clicks
    return (
        select(
            Engagement.post_id,
            func.sum(Engagement.impressions),
            func.sum(engaged),
            func.sum(Engagement.engagement_rate * Engagement.impressions),
        )
        .join(Post, Post.id == Engagement.post_id)
        .where(Post.leader_id.in_(scope), Post.published_at.is_not(None))
        .group_by(Engagement.post_id, Engagement.source)
    )


def _daily_query(scope: set[int]) -> Select[Any]:
    counts = (DailyMetric.impressions, DailyMetric.engagements, DailyMetric.new_followers)
    return select(DailyMetric.leader_id, cast(DailyMetric.day, String), *counts).where(DailyMetric.leader_id.in_(scope))


def _leads_query(scope: set[int], with_unattributed: bool) -> Select[Any]:
    wanted = UtmLead.leader_id.in_(scope)
    if with_unattributed:
        wanted = or_(wanted, UtmLead.leader_id.is_(None))
    tags = (UtmLead.utm_source, UtmLead.utm_medium, UtmLead.utm_campaign, UtmLead.utm_content)
    return select(UtmLead.day, *tags, UtmLead.clicks, UtmLead.leads, UtmLead.post_id).where(wanted)


def load_data(engine: Engine, actor: Actor, leader_id: int | None = None) -> AnalyticsData:
    """One leader's analytics data, or (leader_id None) every leader the actor may see."""
    with unit_of_work(engine) as session:
        return read_data(session, actor, leader_id)


def read_data(session: Session, actor: Actor, leader_id: int | None = None) -> AnalyticsData:
    """`load_data` within the caller's unit of work. Leads not linked to a post come with the team view (staff)."""
    scope = _scope(session, actor, leader_id)
    conn = session.connection()  # Core rows: no ORM overhead on tens of thousands of rows
    leaders = dict(conn.execute(select(Person.id, Person.name).where(Person.id.in_(scope))).all())
    targets = weekly_targets(session, scope)
    posts = _posts_frame(conn, scope, leaders)
    figures = _frame(conn, _figures_query(scope), list(FIGURE_TYPES), FIGURE_TYPES)
    daily = _frame(conn, _daily_query(scope), DAILY_COLUMNS)
    leads = _frame(conn, _leads_query(scope, actor.role != Role.LEADER and leader_id is None), LEAD_COLUMNS)
    return AnalyticsData(
        posts=_with_figures(posts, figures),
        daily=daily,
        leads=leads,
        leaders=leaders,
        targets=targets,
    )


def _frame(
    conn: Connection, query: Select[Any], columns: list[str], types: dict[str, str] | None = None
) -> pd.DataFrame:
    """A query's rows as a frame, built a column at a time from batches: each batch is transposed in C and
    dropped at once, so tens of thousands of Row objects never pile up for the garbage collector to scan.
    Columns without a given type are inferred exactly as pandas infers them from records."""
    values: list[list[Any]] = [[] for _ in columns]
    for batch in conn.execute(query).partitions(BATCH_ROWS):
        for column, batch_values in zip(values, zip(*batch, strict=True), strict=True):
            column.extend(batch_values)
    if not values[0]:
        return pd.DataFrame.from_records([], columns=columns)
    types = types or {}
    named = zip(columns, values, strict=True)
    return pd.DataFrame({name: pd.Series(column, dtype=types.get(name)) for name, column in named})


def _posts_frame(conn: Connection, scope: set[int], leaders: dict[int, str]) -> pd.DataFrame:
    """Published posts with their leader's name and parsed timestamps."""
    posts = _frame(conn, _posts_query(scope), list(POST_TYPES), POST_TYPES)
    names = posts["leader_id"].map(leaders) if len(posts) else posts["leader_id"]  # empty: untyped, like the rest
    posts.insert(2, "leader", names)
    # Timestamps arrive as text (parsing them in bulk is far faster than per row)
    posts["published_at"] = pd.to_datetime(posts["published_at"], utc=True, format="ISO8601")
    return posts


def _with_figures(posts: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """One figure set per post: the source with the most impressions (sources overlap, so never summed).
    A post's sources are lined up smallest first, so ties on impressions resolve the same on every database."""
    if figures["post_id"].duplicated().any():
        figures = figures.sort_values(list(FIGURE_TYPES), na_position="first", kind="stable")
    rows = posts.merge(figures, on="post_id", how="left", sort=False)
    rated = rows["rated"].astype("float64").fillna(0).round()  # float also when no post has figures (untyped)
    rows["engagements"] = rows["engagements"].where(rows["engagements"] > 0, rated)
    merged = rows.sort_values("impressions", ascending=False).drop_duplicates("post_id").drop(columns="rated")
    merged["impressions"] = merged["impressions"].fillna(0).astype("int64")
    merged["engagements"] = merged["engagements"].fillna(0).astype("int64")
    return merged


def monday_of(moments: pd.Series) -> pd.Series:
    """The Monday (midnight) starting each moment's week, vectorised."""
    return moments.dt.normalize() - pd.to_timedelta(moments.dt.day_of_week, unit="D")


def _measured(posts: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The given columns of posts with figures (impressions > 0): the only posts a rate is computed for."""
    return posts.loc[posts["impressions"] > 0, [*columns, "impressions", "engagements"]]


def _rate(measured: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    """Posts, impressions, engagements and engagement rate per group of measured posts."""
    groups = measured.groupby(by, sort=True)
    grouped = groups[["impressions", "engagements"]].sum()
    grouped.insert(0, "posts", groups.size())
    grouped = grouped.reset_index()
    grouped["engagement_rate"] = (grouped["engagements"] / grouped["impressions"]).round(4)
    return grouped


def compute(data: AnalyticsData, *, today: datetime | None = None) -> dict[str, pd.DataFrame]:
    """Every analytics table, from data already loaded (pure and cacheable)."""
    posts = data.posts.copy()
    posts["week"] = monday_of(posts["published_at"].dt.tz_localize(None))
    posts["weekday"] = posts["published_at"].dt.day_of_week.map(dict(enumerate(WEEKDAYS)))
    posts["hour"] = posts["published_at"].dt.hour
    posts["kind"] = posts["is_reshare"].map({True: "Reshare", False: "Original"})
    measured = _measured(posts, ["leader", "week", "weekday", "hour", "pillar", "channel", "kind"])  # once
    leads = breakdowns.linked_leads(data.leads, posts)
    slots = breakdowns.slots_with_time(posts)
    return {
        "over_time": _rate(measured, ["leader", "week"]),
        "by_pillar": _rate(measured, ["pillar"]),
        "by_channel": _rate(measured, ["channel"]),
        "by_slot": slots,
        "best_times": breakdowns.best_times(posts, slots),
        "originals_vs_reshares": _rate(measured, ["kind"]),
        "reach": breakdowns.reach_by_week(posts),
        "followers": _followers(data),
        "consistency": _consistency(data, posts, today or datetime.now(UTC)),
        "leads": breakdowns.leads_by(leads, "utm_campaign"),
        "leads_by_post": breakdowns.leads_by_post(leads),
        "leads_by_pillar": breakdowns.leads_by(leads, "pillar"),
        "leads_by_leader": breakdowns.leads_by(leads, "leader"),
        "posts": posts[["leader", "published_at", "channel", "pillar", "title", "impressions", "engagements"]],
    }


def _followers(data: AnalyticsData) -> pd.DataFrame:
    daily = data.daily.dropna(subset=["new_followers"]).copy()
    if daily.empty:
        return pd.DataFrame(columns=["leader", "week", "new_followers"])
    daily["leader"] = daily["leader_id"].map(data.leaders)
    daily["week"] = monday_of(pd.to_datetime(daily["day"]))
    return daily.groupby(["leader", "week"], as_index=False)["new_followers"].sum()


def _consistency(data: AnalyticsData, posts: pd.DataFrame, today: datetime) -> pd.DataFrame:
    """Posts per week against each leader's own target, for the last 12 weeks."""
    this_monday = (today - timedelta(days=today.weekday())).date()
    weeks = [pd.Timestamp(this_monday - timedelta(weeks=n)) for n in range(CONSISTENCY_WEEKS, 0, -1)]
    recent = posts.loc[posts["week"] >= weeks[0], ["leader_id", "week"]]
    counts = recent.groupby(["leader_id", "week"]).size().to_dict()
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


def engagement_by_leader(engine: Engine, actor: Actor) -> pd.DataFrame:
    """Per visible leader: posts with figures, impressions, engagements and engagement rate (no ranking)."""
    posts = load_data(engine, actor).posts
    frame = _rate(_measured(posts, ["leader"]), ["leader"])
    return frame[["leader", "posts", "impressions", "engagements", "engagement_rate"]]
