"""What the monthly report says, for one leader or for the program: KPIs against goals, top posts, pillar coverage,
cadence kept, leads, the coaching loop (how much drafts were edited before publishing, and the trend) and charts.
Read in one unit of work with the same services as the Analytics page, so the numbers are the page's numbers."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, time, timedelta
from statistics import mean

import altair as alt
import pandas as pd
from sqlalchemy import Engine

from core.db import unit_of_work
from core.identity import Role
from core.permissions import Actor
from narratives.drafting.learning import TrendPoint, read_edit_trend
from workspace.analytics import AnalyticsData, compute, read_data
from workspace.engagement import charts
from workspace.program.breakdowns import leads_by_post, linked_leads
from workspace.program.company import CompanyData, company_reach_by_week, read_company
from workspace.program.figures import Period, as_days, weeks_in
from workspace.program.service import PROGRAM, MonthFigures, kpi_table, month_period, post_labels, read_month

Rows = list[dict[str, str]]
COACHING_MONTHS = 3
TOP_POSTS = 5
PILLAR_QUESTION = "Which pillars earned the most engagement this month?"


@dataclass
class MonthlyReport:
    title: str
    subtitle: str
    month: MonthFigures
    kpis: Rows
    goals: list[tuple[str, Rows]]
    top_posts: Rows
    pillars: Rows
    cadence: Rows
    leads: Rows
    coaching: Rows
    charts: list[tuple[str, alt.Chart]] = field(default_factory=list)

    @property
    def sections(self) -> list[tuple[str, str, Rows]]:
        """(heading, what it answers, rows) for every table after the KPIs and goals."""
        return [
            ("Top posts", "Which posts did best this month?", self.top_posts),
            ("Pillar coverage", "Which pillars were covered, and how did they do?", self.pillars),
            ("Cadence kept", "Did each leader keep their weekly target?", self.cadence),
            ("Leads", "Which posts brought leads?", self.leads),
            ("Coaching loop", "How much were drafts edited before publishing?", self.coaching),
        ]


def _in_month(data: AnalyticsData, period: Period) -> pd.DataFrame:
    posts = data.posts
    return posts[period.contains(as_days(posts["published_at"]))]


def _top_posts(posts: pd.DataFrame, labels: dict[int, str]) -> Rows:
    ranked = posts[posts["impressions"] > 0].sort_values(["engagements", "impressions"], ascending=False)
    return [
        {
            "leader": row.leader,
            "published": f"{row.published_at:%d %b}",
            "post": labels.get(row.post_id, row.title),
            "reach": f"{row.impressions:,}",
            "engagement rate": f"{row.engagements / row.impressions:.1%}",
        }
        for row in ranked.head(TOP_POSTS).itertuples()
    ]


def _pillars(posts: pd.DataFrame) -> Rows:
    rows = []
    for (leader, pillar), group in posts.groupby(["leader", "pillar"], sort=True):
        impressions, engagements = int(group["impressions"].sum()), int(group["engagements"].sum())
        rate = f"{engagements / impressions:.1%}" if impressions else "no data"
        rows.append({"leader": leader, "pillar": pillar or "(none)", "posts": str(len(group)), "engagement rate": rate})
    return rows


def _cadence(data: AnalyticsData, period: Period) -> Rows:
    """Posts in each week the month owns (a week belongs to the month its Thursday is in) against the target."""
    mondays = weeks_in(period)
    posts = data.posts
    weeks = as_days(posts["published_at"]) - pd.to_timedelta(as_days(posts["published_at"]).dt.day_of_week, "D")
    counts = posts.assign(week=weeks).groupby(["leader_id", "week"]).size().to_dict()
    rows = []
    for leader_id, name in sorted(data.leaders.items(), key=lambda pair: pair[1]):
        target = data.targets.get(leader_id, 0)
        per_week = [int(counts.get((leader_id, pd.Timestamp(monday)), 0)) for monday in mondays]
        kept = sum(count >= target for count in per_week) if target else 0
        rows.append(
            {
                "leader": name,
                "weekly target": str(target) if target else "none set",
                "posts per week": " / ".join(str(count) for count in per_week),
                "weeks kept": f"{kept} of {len(mondays)}" if target else "no target",
            }
        )
    return rows


def _leads(data: AnalyticsData, period: Period, labels: dict[int, str]) -> Rows:
    rows = linked_leads(data.leads, data.posts)
    if rows.empty:
        return []
    in_month = rows[period.contains(as_days(rows["day"]))]
    top = leads_by_post(in_month).head(TOP_POSTS)
    return [
        {"leader": r.leader, "post": labels.get(r.post_id, r.title), "clicks": f"{r.clicks:,}", "leads": f"{r.leads:,}"}
        for r in top.itertuples()
    ]


def coaching_row(name: str, points: list[TrendPoint], period: Period) -> dict[str, str]:
    """Mean similarity of published drafts to what was drafted: this month against the months before."""
    start = period.start - timedelta(days=31 * COACHING_MONTHS)
    now = [p.similarity for p in points if period.start <= p.published_at.date() < period.end]
    before = [p.similarity for p in points if start <= p.published_at.date() < period.start]
    trend = "no drafts to compare"
    if now and before:
        change = mean(now) - mean(before)
        trend = "edited less" if change > 0.02 else "edited more" if change < -0.02 else "about the same"
    return {
        "leader": name,
        "drafts published": str(len(now)),
        "kept from the draft": f"{mean(now):.0%}" if now else "no data",
        "previous 3 months": f"{mean(before):.0%}" if before else "no data",
        "trend": trend,
    }


def build_report(engine: Engine, actor: Actor, month: str, leader_id: int | None = None) -> MonthlyReport:
    """The report for one leader, or (leader_id None) the program: every leader the actor may see."""
    period = month_period(month)
    with unit_of_work(engine) as session:
        data = read_data(session, actor, leader_id)
        figures = read_month(session, actor, period, data, team=leader_id is None)
        trends = {lid: read_edit_trend(session, actor, lid) for lid in data.leaders}
        company = read_company(session, actor) if leader_id is None and actor.role != Role.LEADER else None
        posts = _in_month(data, period)
        labels = post_labels(session, _shown(data, posts, period))
    subtitle = data.leaders.get(leader_id, "") if leader_id is not None else f"{PROGRAM}: {len(data.leaders)} leaders"
    return MonthlyReport(
        title=f"Thought leadership report, {period.label}",
        subtitle=subtitle,
        month=figures,
        kpis=kpi_table(figures),
        goals=[(owner.owner, [check.row() for check in owner.checks]) for owner in figures.owners if owner.checks],
        top_posts=_top_posts(posts, labels),
        pillars=_pillars(posts),
        cadence=_cadence(data, period),
        leads=_leads(data, period, labels),
        coaching=[coaching_row(name, trends[lid], period) for lid, name in sorted(data.leaders.items(), key=_name)],
        charts=report_charts(data, posts, period, company),
    )


def _shown(data: AnalyticsData, posts: pd.DataFrame, period: Period) -> set[int]:
    """The posts the report names: its top posts and the posts that brought leads this month."""
    ranked = posts[posts["impressions"] > 0].sort_values(["engagements", "impressions"], ascending=False)
    leads = data.leads[period.contains(as_days(data.leads["day"]))] if len(data.leads) else data.leads
    linked = {int(post_id) for post_id in leads["post_id"].dropna()} if len(leads) else set()
    return {int(post_id) for post_id in ranked.head(TOP_POSTS)["post_id"]} | linked


def _name(pair: tuple[int, str]) -> str:
    return pair[1]


def report_charts(
    data: AnalyticsData, posts: pd.DataFrame, period: Period, company: CompanyData | None
) -> list[tuple[str, alt.Chart]]:
    """The report's charts for the month, each answering one question (the Analytics page's chart builders)."""
    month = AnalyticsData(posts=posts, daily=data.daily, leads=data.leads, leaders=data.leaders, targets=data.targets)
    end = datetime.combine(period.end, time(), tzinfo=UTC)
    tables = compute(month, today=end)
    history = compute(data, today=end)["consistency"]  # the 12 weeks up to the month's end, every post counted
    made = [("consistency", charts.consistency(history))]
    if not tables["by_pillar"].empty:
        made.insert(0, ("pillars", charts.rate_by(tables["by_pillar"], "pillar", PILLAR_QUESTION)))
    reach = tables["reach"]
    if company is not None:
        page = company_reach_by_week(company)
        reach = pd.concat([reach, page[period.contains(page["week"])]], ignore_index=True)
    if not reach.empty:
        made.insert(1, ("reach", charts.reach(reach)))
    return made
