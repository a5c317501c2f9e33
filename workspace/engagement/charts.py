"""Altair charts for the Analytics page and the monthly report, built from the tables in workspace.analytics (no
streamlit here). Each chart's title is the one question it answers."""

from __future__ import annotations

import altair as alt
import pandas as pd

RATE = alt.Y("engagement_rate:Q", title="Engagement rate", axis=alt.Axis(format="%"))
TOOLTIP_RATE = alt.Tooltip("engagement_rate:Q", format=".1%", title="rate")


def rate_over_time(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame, title="Is engagement rising week by week?")
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="Week"),
            y=RATE,
            color="leader:N",
            tooltip=["leader", "week:T", "posts", TOOLTIP_RATE],
        )
    )


def rate_by(frame: pd.DataFrame, field: str, title: str) -> alt.Chart:
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("engagement_rate:Q", title="Engagement rate", axis=alt.Axis(format="%")),
            y=alt.Y(f"{field}:N", sort="-x", title=None),
            tooltip=[field, "posts", "impressions", "engagements", TOOLTIP_RATE],
        )
    )


def weekday_hour(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame, title="At which weekday and hour (UTC) do posts with a known time do best?")
        .mark_rect()
        .encode(
            x=alt.X("hour:O", title="Hour"),
            y=alt.Y("weekday:N", sort=["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"], title=None),
            color=alt.Color("engagement_rate:Q", title="Rate", legend=alt.Legend(format="%")),
            tooltip=["leader", "weekday", "hour", "posts", TOOLTIP_RATE],
        )
    )


def followers(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame, title="How many followers did each leader gain each week?")
        .mark_bar()
        .encode(x=alt.X("week:T", title="Week"), y=alt.Y("new_followers:Q", title="New followers"), color="leader:N")
    )


def consistency(frame: pd.DataFrame) -> alt.Chart:
    """Each leader against their own target: a dot per week, filled when the target was met."""
    return (
        alt.Chart(frame, title="Did each leader keep their weekly target?")
        .mark_point(filled=True, size=80)
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("leader:N", title=None),
            color=alt.Color("on_target:N", title="Target met"),
            tooltip=["leader", "week:T", "posts", "target"],
        )
    )


def edit_trend(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame, title="How much was each draft edited before publishing? (1.0 = published as drafted)")
        .mark_line(point=True)
        .encode(
            x=alt.X("published_at:T", title="Published"),
            y=alt.Y("similarity:Q", title="Similarity to draft", scale=alt.Scale(domain=[0, 1])),
            tooltip=["published_at:T", "distance", "similarity"],
        )
    )


def reach(frame: pd.DataFrame) -> alt.Chart:
    """Impressions per week per owner: each leader, and the Company Page when it is in the frame."""
    with_page = "Company Page" in set(frame["owner"])
    title = "How many impressions did the posts published each week earn?"
    if with_page:
        title = "How many impressions did the leaders' posts earn each week, beside the Company Page?"
    return (
        alt.Chart(frame, title=title)
        .mark_line(point=True)
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("impressions:Q", title="Impressions (posts published that week)"),
            color=alt.Color("owner:N", title=None),
            tooltip=["owner", "week:T", "posts", alt.Tooltip("impressions:Q", format=",")],
        )
    )


def leads_by(frame: pd.DataFrame, field: str, title: str) -> alt.Chart:
    return (
        alt.Chart(frame, title=title)
        .mark_bar()
        .encode(
            x=alt.X("leads:Q", title="Leads"),
            y=alt.Y(f"{field}:N", sort="-x", title=None),
            tooltip=[field, "clicks", "leads"],
        )
    )


def goal_weeks(frame: pd.DataFrame, title: str) -> alt.Chart:
    """One goal week by week: a bar per week, coloured by whether the week met its share of the goal, and the
    weekly target as a rule."""
    bars = (
        alt.Chart(frame)
        .mark_bar()
        .encode(
            x=alt.X("week:T", title="Week"),
            y=alt.Y("value:Q", title=None),
            color=alt.Color("met:N", title="Met", scale=alt.Scale(domain=["yes", "no", "no data"])),
            tooltip=["week:T", "value", "weekly_target", "met"],
        )
    )
    rule = alt.Chart(frame).mark_rule(strokeDash=[4, 4]).encode(y="mean(weekly_target):Q")
    return alt.layer(bars, rule, title=title)
