"""Pillar coverage: pillars x weeks from planned and published posts; neglected and over-used pillars."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import altair as alt
import pandas as pd

OVERUSED_SHARE = 0.5


@dataclass(frozen=True)
class PostSlot:
    """A post's pillar and when it is (or was) out."""

    pillar: str
    when: datetime


def week_start(moment: datetime | date) -> date:
    day = moment.date() if isinstance(moment, datetime) else moment
    return day - timedelta(days=day.weekday())


def coverage_table(pillars: list[str], slots: list[PostSlot], weeks: list[date]) -> pd.DataFrame:
    """One row per (pillar, week) with the number of posts, zeros included."""
    counts: dict[tuple[str, date], int] = {}
    for slot in slots:
        key = (slot.pillar, week_start(slot.when))
        counts[key] = counts.get(key, 0) + 1
    rows = [{"pillar": p, "week": w, "posts": counts.get((p, w), 0)} for p in pillars for w in weeks]
    return pd.DataFrame(rows, columns=["pillar", "week", "posts"])


def weeks_around(today: date, *, back: int = 8, ahead: int = 4) -> list[date]:
    start = week_start(today)
    return [start + timedelta(weeks=offset) for offset in range(-back, ahead + 1)]


def coverage_findings(table: pd.DataFrame) -> list[str]:
    """Plain-language notes: pillars nobody posted on, and pillars that crowd out the rest."""
    if table.empty:
        return []
    totals = table.groupby("pillar", sort=False)["posts"].sum()
    notes = [f"Neglected: no posts on \u201c{p}\u201d in this period." for p, n in totals.items() if n == 0]
    overall = int(totals.sum())
    if overall >= 4:
        notes += [
            f"Over-used: \u201c{p}\u201d has {n} of {overall} posts."
            for p, n in totals.items()
            if n / overall > OVERUSED_SHARE
        ]
    return notes


def coverage_chart(table: pd.DataFrame) -> alt.Chart:
    """An Altair heatmap of posts per pillar per week."""
    data = table.assign(week=pd.to_datetime(table["week"]))
    return (
        alt.Chart(data)
        .mark_rect()
        .encode(
            x=alt.X("yearmonthdate(week):O", title="Week of"),
            y=alt.Y("pillar:N", title=None),
            color=alt.Color("posts:Q", title="Posts", scale=alt.Scale(scheme="blues")),
            tooltip=["pillar", alt.Tooltip("week:T", title="Week of"), "posts"],
        )
        .properties(height=alt.Step(32))
    )
