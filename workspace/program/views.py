"""Small view-model functions the program pages lean on, tested without a page: the month a report defaults to,
report file names, a goal's weeks as a chart frame, and goal inputs in the unit people type."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pandas as pd

from workspace.program.metrics import SPECS, Metric
from workspace.program.progress import GoalProgress


def previous_month(today: date) -> str:
    """The last complete month, as YYYY-MM: what a monthly report is usually about."""
    return (today.replace(day=1) - timedelta(days=1)).strftime("%Y-%m")


def recent_months(today: date, count: int = 12) -> list[str]:
    months, day = [], today.replace(day=1)
    for _ in range(count):
        months.append(day.strftime("%Y-%m"))
        day = (day - timedelta(days=1)).replace(day=1)
    return months


def report_file_name(owner: str, month: str, extension: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", owner.lower()).strip("-") or "program"
    return f"byline-report-{slug}-{month}.{extension}"


def goal_weeks_frame(progress: GoalProgress) -> pd.DataFrame:
    """One goal's weeks for a chart: the week, its figure, the weekly share of the goal, and whether it was met."""
    return pd.DataFrame(
        {
            "week": [pd.Timestamp(week.monday) for week in progress.weeks],
            "value": [week.value for week in progress.weeks],
            "weekly_target": [round(week.weekly_target, 4) for week in progress.weeks],
            "met": ["no data" if week.met is None else "yes" if week.met else "no" for week in progress.weeks],
        }
    )


def goal_input(metric: Metric, typed: float) -> float:
    """What a person types (a rate in percent) as the stored target (a fraction)."""
    return typed / 100 if SPECS[metric].per == "rate" else typed


def goal_shown_input(metric: Metric, target: float | None) -> float:
    """A stored target in the unit the input shows (percent for a rate)."""
    if target is None:
        return 0.0
    return round(target * 100, 2) if SPECS[metric].per == "rate" else target
