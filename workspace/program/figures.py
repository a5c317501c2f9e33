"""KPI figures for a period (a month, a week), per leader or for the program, from analytics data already loaded.
Pure functions: the Analytics page, the goals view and the monthly report all count with these, so their numbers
agree. Reach is the impressions of the posts published in the period; engagement rate is engagements / impressions
over those posts; follower growth and leads are counted by the day they happened."""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta

import pandas as pd

from workspace.analytics import AnalyticsData
from workspace.program.metrics import SPECS, Metric

DAYS_PER_MONTH = 365.25 / 12


@dataclass(frozen=True)
class Period:
    """Days from `start` up to (not including) `end`."""

    start: date
    end: date
    label: str

    @classmethod
    def month(cls, text: str) -> Period:
        """'2026-11' -> November 2026; ValueError for anything else."""
        year, month = (int(part) for part in text.split("-"))
        start = date(year, month, 1)
        end = date(year + month // 12, month % 12 + 1, 1)
        return cls(start, end, f"{calendar.month_name[month]} {year}")

    @classmethod
    def week(cls, monday: date) -> Period:
        return cls(monday, monday + timedelta(days=7), f"week of {monday:%d %b %Y}")

    @property
    def days(self) -> int:
        return (self.end - self.start).days

    @property
    def is_month(self) -> bool:
        return self.start.day == 1 and self.days in (28, 29, 30, 31) and self.end.day == 1

    def contains(self, days: pd.Series) -> pd.Series:
        return (days >= pd.Timestamp(self.start)) & (days < pd.Timestamp(self.end))


@dataclass(frozen=True)
class Kpis:
    """One owner's figures for one period. None means there is no data to count (not zero)."""

    posts: int
    posts_per_week: float
    impressions: int | None
    engagements: int | None
    engagement_rate: float | None
    new_followers: int | None
    clicks: int | None
    leads: int | None

    def raw(self, metric: Metric) -> float | None:
        """The period's own figure for a metric: posts per week, the rate, or the count in the period."""
        return {
            Metric.POSTS_PER_WEEK: self.posts_per_week,
            Metric.ENGAGEMENT_RATE: self.engagement_rate,
            Metric.REACH_PER_MONTH: self.impressions,
            Metric.FOLLOWERS_PER_MONTH: self.new_followers,
            Metric.LEADS_PER_MONTH: self.leads,
        }[metric]

    def value(self, metric: Metric, period: Period) -> float | None:
        """The figure a goal of this metric is checked against (counts over other periods scaled to a month)."""
        value = self.raw(metric)
        if value is None or SPECS[metric].per != "month" or period.is_month:
            return value
        return round(value * DAYS_PER_MONTH / period.days, 1)


def as_days(values: pd.Series) -> pd.Series:
    """Dates or timestamps (any zone) as naive midnight timestamps, for comparing with a period."""
    moments = pd.to_datetime(values, utc=True) if len(values) else pd.Series([], dtype="datetime64[ns, UTC]")
    return moments.dt.tz_localize(None).dt.normalize()


def leader_posts(data: AnalyticsData, leader_id: int | None) -> pd.DataFrame:
    posts = data.posts
    return posts if leader_id is None else posts[posts["leader_id"] == leader_id]


def lead_rows(data: AnalyticsData, leader_id: int | None) -> pd.DataFrame:
    """Lead rows of one leader (through the post each row is linked to), or every row in scope for the program."""
    leads = data.leads
    if leader_id is None or leads.empty:
        return leads
    linked = set(data.posts.loc[data.posts["leader_id"] == leader_id, "post_id"])
    return leads[leads["post_id"].isin(linked)]


def kpis(data: AnalyticsData, period: Period, leader_id: int | None = None) -> Kpis:
    """Figures for one leader, or (leader_id None) for every leader in the data: the program."""
    owned = leader_posts(data, leader_id)
    posts = owned[period.contains(as_days(owned["published_at"]))]
    measured = posts[posts["impressions"] > 0]
    impressions, engagements = int(measured["impressions"].sum()), int(measured["engagements"].sum())
    figured = bool((owned["impressions"] > 0).any())  # no figures imported at all: no data, not zero
    daily = data.daily if leader_id is None else data.daily[data.daily["leader_id"] == leader_id]
    followers = daily.dropna(subset=["new_followers"])
    followers = followers[period.contains(as_days(followers["day"]))] if len(followers) else followers
    leads = lead_rows(data, leader_id)
    in_period = leads[period.contains(as_days(leads["day"]))] if len(leads) else leads
    return Kpis(
        posts=len(posts),
        posts_per_week=round(len(posts) * 7 / period.days, 2),
        impressions=impressions if figured else None,
        engagements=engagements if figured else None,
        engagement_rate=round(engagements / impressions, 4) if impressions else None,
        new_followers=int(followers["new_followers"].sum()) if len(followers) else None,
        clicks=int(in_period["clicks"].sum()) if len(leads) else None,
        leads=int(in_period["leads"].sum()) if len(leads) else None,
    )


def weeks_before(today: date, count: int) -> list[date]:
    """The Mondays of the `count` complete weeks before the week `today` is in, oldest first."""
    this_monday = today - timedelta(days=today.weekday())
    return [this_monday - timedelta(weeks=n) for n in range(count, 0, -1)]


def weeks_in(period: Period) -> list[date]:
    """Mondays of the weeks a period owns: those whose Thursday falls inside it (as ISO weeks belong to years)."""
    first = period.start - timedelta(days=period.start.weekday())
    mondays = (first + timedelta(weeks=n) for n in range(7))
    return [monday for monday in mondays if period.start <= monday + timedelta(days=3) < period.end]
