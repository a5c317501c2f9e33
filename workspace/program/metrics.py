"""The five things a goal can measure, how each is counted, and how its target is shown and checked."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

WEEKS_PER_MONTH = 52 / 12


class Metric(StrEnum):
    POSTS_PER_WEEK = "posts_per_week"
    ENGAGEMENT_RATE = "engagement_rate"
    REACH_PER_MONTH = "reach_per_month"
    FOLLOWERS_PER_MONTH = "followers_per_month"
    LEADS_PER_MONTH = "leads_per_month"


@dataclass(frozen=True)
class MetricSpec:
    """`per` says how a figure adds up over time: per week, per month, or a rate (never summed)."""

    label: str
    unit: str
    per: str  # week | month | rate
    maximum: float
    meaning: str

    def format(self, value: float | None) -> str:
        if value is None:
            return "no data"
        if self.per == "rate":
            return f"{value:.1%}"
        if value == round(value):
            return f"{value:,.0f}"
        return f"{value:,.2f}" if self.per == "week" else f"{value:,.1f}"

    def weekly(self, target: float) -> float:
        """The target as a weekly figure (what one week is measured against)."""
        return target / WEEKS_PER_MONTH if self.per == "month" else target


SPECS: dict[Metric, MetricSpec] = {
    Metric.POSTS_PER_WEEK: MetricSpec(
        "Posts per week", "posts", "week", 50, "Published posts a week; the calendar warns against the same number."
    ),
    Metric.ENGAGEMENT_RATE: MetricSpec(
        "Engagement rate",
        "%",
        "rate",
        1,
        "(reactions + comments + reposts + clicks) / impressions, over posts published in the period.",
    ),
    Metric.REACH_PER_MONTH: MetricSpec(
        "Reach per month", "impressions", "month", 100_000_000, "Impressions of the posts published in the period."
    ),
    Metric.FOLLOWERS_PER_MONTH: MetricSpec(
        "Follower growth per month", "new followers", "month", 10_000_000, "New followers from imported analytics."
    ),
    Metric.LEADS_PER_MONTH: MetricSpec(
        "Leads per month", "leads", "month", 1_000_000, "Leads from tagged links (UTM), by the day of the lead."
    ),
}
