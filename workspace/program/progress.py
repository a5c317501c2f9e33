"""Goal progress week by week: each week's figure against the goal (a monthly goal counts a 12th of a year a
week), the last four complete weeks as the goal's pace, the four before them for the trend, and a plain verdict."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from workspace.analytics import AnalyticsData
from workspace.program.figures import Period, kpis, weeks_before
from workspace.program.goals import GoalView
from workspace.program.metrics import SPECS, Metric

TRACK_WEEKS = 12
WINDOW_WEEKS = 4
STEADY_BAND = 0.05


@dataclass(frozen=True)
class WeekFigure:
    monday: date
    value: float | None
    weekly_target: float

    @property
    def met(self) -> bool | None:
        return None if self.value is None else self.value >= self.weekly_target


@dataclass(frozen=True)
class GoalProgress:
    metric: Metric
    target: float
    value: float | None  # the last four complete weeks, in the goal's own unit
    previous: float | None  # the four weeks before them
    weeks: list[WeekFigure]

    @property
    def label(self) -> str:
        return SPECS[self.metric].label

    @property
    def progress(self) -> float | None:
        return None if self.value is None or not self.target else self.value / self.target

    @property
    def on_track(self) -> bool | None:
        return None if self.value is None else self.value >= self.target

    @property
    def trend(self) -> str:
        if self.value is None or self.previous is None:
            return "no trend yet"
        if self.previous == 0:
            return "rising" if self.value > 0 else "steady"
        change = (self.value - self.previous) / self.previous
        return "rising" if change > STEADY_BAND else "falling" if change < -STEADY_BAND else "steady"

    @property
    def verdict(self) -> str:
        if self.on_track is None:
            return "No data yet"
        return "On track" if self.on_track else "Behind"

    def summary(self) -> str:
        spec = SPECS[self.metric]
        return (
            f"{spec.label}: {spec.format(self.value)} against a goal of {spec.format(self.target)} "
            f"({self.verdict.lower()}, {self.trend})"
        )


def _window(mondays: list[date]) -> Period:
    return Period(mondays[0], mondays[-1] + timedelta(days=7), f"{len(mondays)} weeks from {mondays[0]:%d %b}")


def goal_progress(
    data: AnalyticsData, goals: dict[Metric, GoalView], leader_id: int | None, today: date
) -> list[GoalProgress]:
    """Every goal of one owner (a leader, or the program when leader_id is None), tracked week by week."""
    mondays = weeks_before(today, TRACK_WEEKS)
    weekly = [kpis(data, Period.week(monday), leader_id) for monday in mondays]
    recent, before = _window(mondays[-WINDOW_WEEKS:]), _window(mondays[-2 * WINDOW_WEEKS : -WINDOW_WEEKS])
    now, then = kpis(data, recent, leader_id), kpis(data, before, leader_id)
    result = []
    for metric in Metric:
        goal = goals.get(metric)
        if goal is None:
            continue
        weekly_target = SPECS[metric].weekly(goal.target)
        weeks = [
            WeekFigure(monday, figures.raw(metric), weekly_target)
            for monday, figures in zip(mondays, weekly, strict=True)
        ]
        result.append(GoalProgress(metric, goal.target, now.value(metric, recent), then.value(metric, before), weeks))
    return result
