"""The program view as services: goals tracked week by week for a leader or the program, and a month's KPI
figures per leader, for the program and for the Company Page. One unit of work per call; the Analytics page and
the monthly report read the same figures from here."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.errors import ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor
from workspace.analytics import AnalyticsData, read_data
from workspace.models import Post, PostRevision
from workspace.program.company import COMPANY_PAGE, company_kpis, read_company
from workspace.program.figures import Kpis, Period, kpis
from workspace.program.goals import GoalView, check_read, load_goals
from workspace.program.metrics import SPECS, Metric
from workspace.program.progress import GoalProgress, goal_progress

PROGRAM = "Program"


@dataclass(frozen=True)
class GoalCheck:
    """One goal against one period's figure."""

    metric: Metric
    target: float
    actual: float | None

    @property
    def met(self) -> bool | None:
        return None if self.actual is None else self.actual >= self.target

    @property
    def status(self) -> str:
        return "no data" if self.met is None else "met" if self.met else "missed"

    def row(self) -> dict[str, str]:
        spec = SPECS[self.metric]
        return {
            "goal": spec.label,
            "target": spec.format(self.target),
            "actual": spec.format(self.actual),
            "status": self.status,
        }


@dataclass(frozen=True)
class OwnerFigures:
    """One owner's figures for the month: a leader, the program (leader_id None) or the Company Page."""

    owner: str
    leader_id: int | None
    kpis: Kpis
    checks: list[GoalCheck] = field(default_factory=list)
    is_company: bool = False


@dataclass(frozen=True)
class MonthFigures:
    period: Period
    owners: list[OwnerFigures]
    covers_all_leaders: bool

    def owner(self, name: str) -> OwnerFigures:
        return next(item for item in self.owners if item.owner == name)


@dataclass(frozen=True)
class GoalTracking:
    owner: str
    progress: list[GoalProgress]
    goals: dict[Metric, GoalView]
    covers_all_leaders: bool


def _covers_all(session: Session, data: AnalyticsData) -> bool:
    """Whether the data holds every leader (a coach sees the leaders they coach: a partial view of the program)."""
    total = session.scalar(select(func.count(Person.id)).where(Person.role == Role.LEADER))
    return len(data.leaders) >= int(total or 0)


def goal_tracking(engine: Engine, actor: Actor, leader_id: int | None, *, today: date | None = None) -> GoalTracking:
    """A leader's goals (or the program's) with each week's figure, the recent pace, trend and verdict."""
    today = today or datetime.now(UTC).date()
    with unit_of_work(engine) as session:
        check_read(session, actor, leader_id)
        data = read_data(session, actor, leader_id)
        goals = load_goals(session, leader_id)
        covers = _covers_all(session, data)
    owner = data.leaders.get(leader_id, "") if leader_id is not None else PROGRAM
    return GoalTracking(owner, goal_progress(data, goals, leader_id, today), goals, covers)


def checks(goals: dict[Metric, GoalView], figures: Kpis, period: Period) -> list[GoalCheck]:
    owned = [metric for metric in Metric if metric in goals]
    return [GoalCheck(metric, goals[metric].target, figures.value(metric, period)) for metric in owned]


def post_labels(session: Session, post_ids: set[int]) -> dict[int, str]:
    """A short label per post: its title, else the opening of its current text."""
    query = (
        select(Post.id, Post.title, PostRevision.text)
        .outerjoin(PostRevision, (PostRevision.post_id == Post.id) & (PostRevision.number == Post.version))
        .where(Post.id.in_(post_ids))
    )
    labels = {}
    for post_id, title, text in session.execute(query):
        opening = " ".join((text or "").split())
        labels[post_id] = title or (opening[:67] + "..." if len(opening) > 70 else opening) or "(untitled)"
    return labels


def month_figures(engine: Engine, actor: Actor, month: str, leader_id: int | None = None) -> MonthFigures:
    """A month's KPIs and goal checks: one leader, or every visible leader plus the program and (for comms staff)
    the Company Page."""
    period = month_period(month)
    with unit_of_work(engine) as session:
        return read_month(session, actor, period, read_data(session, actor, leader_id), team=leader_id is None)


def read_month(session: Session, actor: Actor, period: Period, data: AnalyticsData, *, team: bool) -> MonthFigures:
    """`month_figures` from data already read in the caller's unit of work (the report reads it once)."""
    owners = []
    for lid, name in sorted(data.leaders.items(), key=lambda pair: pair[1]):
        figures = kpis(data, period, lid)
        owners.append(OwnerFigures(name, lid, figures, checks(load_goals(session, lid), figures, period)))
    if team and actor.role != Role.LEADER:
        program = kpis(data, period)
        owners.append(OwnerFigures(PROGRAM, None, program, checks(load_goals(session, None), program, period)))
        page = company_kpis(read_company(session, actor), period)
        owners.append(OwnerFigures(COMPANY_PAGE, None, page, is_company=True))
    return MonthFigures(period, owners, _covers_all(session, data))


def kpi_table(month: MonthFigures) -> list[dict[str, str]]:
    """The month's KPIs as the rows every view shows (the Analytics page, the PDF and the slides)."""
    return [{"owner": item.owner, **kpi_cells(item.kpis)} for item in month.owners]


def kpi_cells(figures: Kpis) -> dict[str, str]:
    def count(value: int | None) -> str:
        return "no data" if value is None else f"{value:,}"

    return {
        "posts": f"{figures.posts:,}",
        "posts per week": f"{figures.posts_per_week:.2f}",
        "reach (impressions)": count(figures.impressions),
        "engagement rate": SPECS[Metric.ENGAGEMENT_RATE].format(figures.engagement_rate),
        "new followers": count(figures.new_followers),
        "leads": count(figures.leads),
    }


def month_period(month: str) -> Period:
    try:
        return Period.month(month)
    except ValueError:
        raise ValidationFailed(f"{month!r} is not a month; write it as YYYY-MM, e.g. 2026-11.") from None
