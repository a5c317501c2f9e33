"""Analytics tables that close the loop, as pure functions of the posts and leads frames: leads by post, pillar,
leader and UTM campaign; reach per week; and each leader's best weekday and hour, weekday only when only dates
are known (a published time of exactly 00:00:00 UTC is how a date without a time is stored)."""

from __future__ import annotations

import pandas as pd

WEEKDAY_ONLY = "weekday only: only dates are known"
WEEKDAY_AND_HOUR = "weekday and hour (UTC)"
NOT_LINKED = "(not linked to a post)"
LEAD_COLUMNS = ["clicks", "leads"]


def time_known(published: pd.Series) -> pd.Series:
    """True where a post's time of day is known: anything but exactly midnight UTC."""
    return published.dt.tz_convert("UTC") != published.dt.tz_convert("UTC").dt.normalize()


def _rated(frame: pd.DataFrame, by: list[str]) -> pd.DataFrame:
    groups = frame.groupby(by, sort=True)
    grouped = groups[["impressions", "engagements"]].sum()
    grouped.insert(0, "posts", groups.size())
    grouped = grouped.reset_index()
    grouped["engagement_rate"] = (grouped["engagements"] / grouped["impressions"]).round(4)
    return grouped


def best_times(posts: pd.DataFrame, slots: pd.DataFrame) -> pd.DataFrame:
    """Each leader's three best slots by engagement rate. A leader whose posts carry times gets weekday and hour
    (`slots`: from the posts with a time); a leader with dates only gets weekdays, and the table says so."""
    columns = ["leader", "weekday", "hour", "posts", "engagement_rate", "basis"]
    measured = posts[posts["impressions"] > 0]
    if measured.empty:
        return pd.DataFrame(columns=columns)
    hourly = slots.assign(basis=WEEKDAY_AND_HOUR)
    dated = measured[~measured["leader"].isin(slots["leader"].unique())]
    daily = _rated(dated, ["leader", "weekday"]).assign(hour=pd.NA, basis=WEEKDAY_ONLY)
    slots = pd.concat([frame for frame in (hourly, daily) if len(frame)], ignore_index=True)
    ranked = slots.sort_values(["leader", "engagement_rate", "posts"], ascending=[True, False, False], kind="stable")
    best = ranked.groupby("leader", sort=True).head(3)[columns].reset_index(drop=True)
    best["hour"] = best["hour"].astype("Int64")
    return best


def slots_with_time(posts: pd.DataFrame) -> pd.DataFrame:
    """Engagement rate by leader, weekday and hour, from the posts whose time is known only."""
    measured = posts[posts["impressions"] > 0]
    timed = measured[time_known(measured["published_at"])] if len(measured) else measured
    if timed.empty:
        columns = ["leader", "weekday", "hour", "posts", "impressions", "engagements", "engagement_rate"]
        return pd.DataFrame(columns=columns)
    return _rated(timed, ["leader", "weekday", "hour"])


def linked_leads(leads: pd.DataFrame, posts: pd.DataFrame) -> pd.DataFrame:
    """Lead rows with the post each is linked to (leader, pillar, title); rows without a post keep empty cells."""
    about = posts[["post_id", "leader", "pillar", "title", "published_at"]]
    rows = leads.astype({"post_id": "Int64"}).merge(about.astype({"post_id": "Int64"}), on="post_id", how="left")
    rows["clicks"] = rows["clicks"].fillna(0).astype("int64")
    rows["leads"] = rows["leads"].fillna(0).astype("int64")
    return rows


def leads_by(rows: pd.DataFrame, field: str) -> pd.DataFrame:
    """Clicks and leads per value of one field, most leads first; rows without a value are counted apart."""
    if rows.empty:
        return pd.DataFrame(columns=[field, *LEAD_COLUMNS])
    missing = "(no campaign)" if field == "utm_campaign" else NOT_LINKED
    values = rows[field].fillna("").astype(str).replace("", missing)
    grouped = rows.assign(**{field: values}).groupby(field, as_index=False)[LEAD_COLUMNS].sum()
    return grouped.sort_values(["leads", "clicks", field], ascending=[False, False, True]).reset_index(drop=True)


def leads_by_post(rows: pd.DataFrame) -> pd.DataFrame:
    """Clicks and leads per post (only rows linked to a post), most leads first."""
    linked = rows.dropna(subset=["leader"]) if len(rows) else rows
    columns = ["post_id", "leader", "published_at", "title", "pillar", *LEAD_COLUMNS]
    if linked.empty:
        return pd.DataFrame(columns=columns)
    grouped = linked.groupby(["post_id", "leader", "published_at", "title", "pillar"], as_index=False)[LEAD_COLUMNS]
    totals = grouped.sum().sort_values(["leads", "clicks"], ascending=[False, False])
    return totals[columns].reset_index(drop=True)


def reach_by_week(posts: pd.DataFrame) -> pd.DataFrame:
    """Impressions of the posts published each week, per leader (reach as its own measure)."""
    measured = posts[posts["impressions"] > 0]
    if measured.empty:
        return pd.DataFrame(columns=["owner", "week", "posts", "impressions"])
    grouped = measured.groupby(["leader", "week"], as_index=False).agg(
        posts=("post_id", "size"), impressions=("impressions", "sum")
    )
    return grouped.rename(columns={"leader": "owner"})
