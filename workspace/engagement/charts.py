"""Altair charts for the Analytics page, built from the tables in workspace.analytics (no streamlit here)."""

from __future__ import annotations

import altair as alt
import pandas as pd

RATE = alt.Y("engagement_rate:Q", title="Engagement rate", axis=alt.Axis(format="%"))
TOOLTIP_RATE = alt.Tooltip("engagement_rate:Q", format=".1%", title="rate")


def rate_over_time(frame: pd.DataFrame) -> alt.Chart:
    return (
        alt.Chart(frame, title="Engagement rate by week")
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
        alt.Chart(frame, title="Engagement rate by weekday and hour (UTC)")
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
        alt.Chart(frame, title="Followers gained per week")
        .mark_bar()
        .encode(x=alt.X("week:T", title="Week"), y=alt.Y("new_followers:Q", title="New followers"), color="leader:N")
    )


def consistency(frame: pd.DataFrame) -> alt.Chart:
    """Each leader against their own target: a dot per week, filled when the target was met."""
    return (
        alt.Chart(frame, title="Posts per week against each leader's own target")
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
        alt.Chart(frame, title="How much each published draft was edited (1.0 = published as drafted)")
        .mark_line(point=True)
        .encode(
            x=alt.X("published_at:T", title="Published"),
            y=alt.Y("similarity:Q", title="Similarity to draft", scale=alt.Scale(domain=[0, 1])),
            tooltip=["published_at:T", "distance", "similarity"],
        )
    )
