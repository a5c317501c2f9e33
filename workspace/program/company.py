"""The company's own figures: Company Page posts and daily figures. They belong to the company, not to a leader,
so admins and coaches (comms staff) see them, beside the leaders' figures; leaders do not."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.permissions import Actor, require_staff
from workspace.engagement.models import DailyMetric, ImportedRow
from workspace.engagement.service import COMPANY
from workspace.program.figures import Kpis, Period, as_days

COMPANY_PAGE = "Company Page"
PARTS = ("reactions", "comments", "reposts", "clicks")


@dataclass(frozen=True)
class CompanyData:
    posts: pd.DataFrame  # day, title, url, impressions, engagements
    daily: pd.DataFrame  # day, impressions, engagements, new_followers


def _engagements(metrics: dict[str, Any]) -> int:
    return int(metrics.get("engagements") or sum(int(metrics.get(part) or 0) for part in PARTS))


def load_company(engine: Engine, actor: Actor) -> CompanyData:
    """Every Company Page post and day imported so far (comms staff and admins only)."""
    with unit_of_work(engine) as session:
        return read_company(session, actor)


def read_company(session: Session, actor: Actor) -> CompanyData:
    """`load_company` within the caller's unit of work."""
    require_staff(actor)
    rows = session.execute(
        select(ImportedRow.day, ImportedRow.text, ImportedRow.url, ImportedRow.metrics).where(
            ImportedRow.leader_id.is_(None), ImportedRow.match_method == COMPANY
        )
    ).all()
    days = session.execute(
        select(DailyMetric.day, DailyMetric.impressions, DailyMetric.engagements, DailyMetric.new_followers)
        .where(DailyMetric.leader_id.is_(None))
        .order_by(DailyMetric.day)
    ).all()
    posts = pd.DataFrame(
        [
            (day, text[:120], url or "", int(metrics.get("impressions") or 0), _engagements(metrics))
            for day, text, url, metrics in rows
            if day is not None
        ],
        columns=["day", "title", "url", "impressions", "engagements"],
    )
    daily = pd.DataFrame(days, columns=["day", "impressions", "engagements", "new_followers"])
    return CompanyData(posts=posts, daily=daily)


def company_kpis(company: CompanyData, period: Period) -> Kpis:
    """The Company Page's figures for a period, counted the way a leader's are."""
    posts = company.posts[period.contains(as_days(company.posts["day"]))] if len(company.posts) else company.posts
    measured = posts[posts["impressions"] > 0] if len(posts) else posts
    impressions = int(measured["impressions"].sum()) if len(measured) else 0
    engagements = int(measured["engagements"].sum()) if len(measured) else 0
    followers = company.daily.dropna(subset=["new_followers"])
    followers = followers[period.contains(as_days(followers["day"]))] if len(followers) else followers
    figured = bool(len(company.posts))
    return Kpis(
        posts=len(posts),
        posts_per_week=round(len(posts) * 7 / period.days, 2),
        impressions=impressions if figured else None,
        engagements=engagements if figured else None,
        engagement_rate=round(engagements / impressions, 4) if impressions else None,
        new_followers=int(followers["new_followers"].sum()) if len(followers) else None,
        clicks=None,
        leads=None,
    )


def company_reach_by_week(company: CompanyData) -> pd.DataFrame:
    """Impressions of the Company Page's posts per week, shaped like the leaders' reach table."""
    if company.posts.empty:
        return pd.DataFrame(columns=["owner", "week", "posts", "impressions"])
    days = as_days(company.posts["day"])
    weeks = days - pd.to_timedelta(days.dt.day_of_week, unit="D")
    grouped = company.posts.assign(week=weeks).groupby("week", as_index=False)
    table = grouped.agg(posts=("title", "size"), impressions=("impressions", "sum"))
    return table.assign(owner=COMPANY_PAGE)[["owner", "week", "posts", "impressions"]]
