"""KPI figures on SQLite and PostgreSQL: a month per leader, for the program and for the Company Page; goals
tracked week by week; a leader with no engagement data and one whose posts carry dates only."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from core.db import unit_of_work
from core.errors import PermissionDenied, ValidationFailed
from core.identity import Role
from core.permissions import Actor
from tests.analytics import fixtures as fx
from tests.conftest import TEST_PASSWORD
from workspace import analytics, posts
from workspace.engagement import manual
from workspace.engagement.models import DailyMetric
from workspace.engagement.service import import_engagement
from workspace.models import PostStatus
from workspace.people import add_person
from workspace.program.breakdowns import NOT_LINKED, WEEKDAY_AND_HOUR, WEEKDAY_ONLY
from workspace.program.company import COMPANY_PAGE, load_company
from workspace.program.goals import set_goal
from workspace.program.metrics import Metric
from workspace.program.service import PROGRAM, goal_tracking, month_figures

TODAY = date(2026, 12, 2)


def publish(engine: Engine, leader: Actor, moment: datetime, pillar: str, **figures: int) -> int:
    post = posts.create_post(
        engine,
        leader,
        leader.person_id,
        text=f"Post on {moment:%d %b}",
        status=PostStatus.PUBLISHED,
        published_at=moment,
        pillar=pillar,
        title=f"{pillar} {moment:%d %b}",
    )
    if figures:
        manual.record_manual(engine, leader, post.id, moment.date(), **figures)
    return post.id


def followers(engine: Engine, leader_id: int, gained: dict[date, int]) -> None:
    with unit_of_work(engine) as session:
        for day, count in gained.items():
            session.add(DailyMetric(leader_id=leader_id, day=day, source="linkedin_creator", new_followers=count))


@pytest.fixture
def program(engine: Engine, people: dict[str, Actor]) -> dict[str, int]:
    """Ada posts with times, figures, followers and leads; Bo's posts carry dates only."""
    ada, bo = people["ada"], people["bo"]
    edge = publish(
        engine,
        ada,
        datetime(2026, 11, 3, 8, 30, tzinfo=UTC),
        "Edge",
        impressions=1000,
        reactions=40,
        comments=5,
        reposts=3,
        clicks=2,
    )
    data = publish(engine, ada, datetime(2026, 11, 10, 14, tzinfo=UTC), "Data", impressions=500, reactions=10)
    publish(engine, ada, datetime(2026, 10, 20, 8, 30, tzinfo=UTC), "Edge", impressions=400, reactions=20)
    publish(engine, bo, datetime(2026, 11, 4, tzinfo=UTC), "Culture", impressions=300, reactions=9)
    publish(engine, bo, datetime(2026, 11, 12, tzinfo=UTC), "Culture", impressions=200, reactions=1)
    followers(
        engine,
        ada.person_id,
        {date(2026, 11, 2): 5, date(2026, 11, 9): 7, date(2026, 11, 20): 8, date(2026, 10, 30): 4},
    )
    csv = (
        "Date,utm_source,utm_medium,utm_campaign,utm_content,Clicks,Leads\n"
        f"2026-11-04,linkedin,social,edge-q4,byline-post-{edge},40,3\n"
        f"2026-11-11,linkedin,social,data-q4,byline-post-{data},10,1\n"
        "2026-11-05,newsletter,email,monthly,,60,2\n"
    ).encode()
    assert manual.import_leads(engine, people["root"], csv, today=TODAY).stored == 3
    return {"edge": edge, "data": data}


def test_a_month_per_leader_for_the_program_and_the_company_page(
    engine: Engine, people: dict[str, Actor], program: dict[str, int]
) -> None:
    ada, root = people["ada"], people["root"]
    for metric, target in [
        ("posts_per_week", 1),
        ("engagement_rate", 0.03),
        ("reach_per_month", 1000),
        ("followers_per_month", 30),
        ("leads_per_month", 3),
    ]:
        set_goal(engine, root, ada.person_id, metric, target)
    set_goal(engine, root, None, Metric.LEADS_PER_MONTH, 5)
    month = month_figures(engine, root, "2026-11")
    assert [owner.owner for owner in month.owners] == ["Ada", "Bo", PROGRAM, COMPANY_PAGE]
    figures = month.owner("Ada").kpis
    assert (figures.posts, figures.impressions, figures.engagements, figures.engagement_rate) == (2, 1500, 60, 0.04)
    assert (figures.posts_per_week, figures.new_followers, figures.clicks, figures.leads) == (0.47, 20, 50, 4)
    statuses = {check.metric: check.status for check in month.owner("Ada").checks}
    assert statuses == {
        Metric.POSTS_PER_WEEK: "missed",
        Metric.ENGAGEMENT_RATE: "met",
        Metric.REACH_PER_MONTH: "met",
        Metric.FOLLOWERS_PER_MONTH: "missed",
        Metric.LEADS_PER_MONTH: "met",
    }
    whole = month.owner(PROGRAM)
    assert (whole.kpis.posts, whole.kpis.impressions, whole.kpis.leads) == (4, 2000, 6)  # untagged leads count here
    assert whole.checks[0].status == "met" and month.covers_all_leaders
    assert month.owner(COMPANY_PAGE).kpis.impressions is None  # no Company Page export yet: no data, not zero


def test_a_leader_with_no_engagement_data_reads_as_no_data(engine: Engine, people: dict[str, Actor]) -> None:
    root = people["root"]
    with unit_of_work(engine) as session:
        quiet = Actor.of(
            add_person(
                session, handle="cy", name="Cy", email="cy@byline.example", role=Role.LEADER, password=TEST_PASSWORD
            )
        )
    publish(engine, quiet, datetime(2026, 11, 5, 9, 15, tzinfo=UTC), "Edge")
    set_goal(engine, root, quiet.person_id, Metric.ENGAGEMENT_RATE, 0.03)
    set_goal(engine, root, quiet.person_id, Metric.POSTS_PER_WEEK, 1)
    figures = month_figures(engine, quiet, "2026-11")
    (own,) = figures.owners
    assert own.kpis.posts == 1 and own.kpis.impressions is None and own.kpis.engagement_rate is None
    assert own.kpis.new_followers is None and own.kpis.leads is None
    assert {c.metric: c.status for c in own.checks} == {
        Metric.ENGAGEMENT_RATE: "no data",
        Metric.POSTS_PER_WEEK: "missed",
    }
    tracking = goal_tracking(engine, quiet, quiet.person_id, today=TODAY)
    rate = next(p for p in tracking.progress if p.metric == Metric.ENGAGEMENT_RATE)
    assert rate.verdict == "No data yet" and rate.trend == "no trend yet"
    assert analytics.compute(analytics.load_data(engine, quiet))["best_times"].empty


def test_goals_tracked_week_by_week(engine: Engine, people: dict[str, Actor], program: dict[str, int]) -> None:
    ada, cora = people["ada"], people["cora"]
    set_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK, 1)
    set_goal(engine, cora, ada.person_id, Metric.ENGAGEMENT_RATE, 0.03)
    set_goal(engine, cora, ada.person_id, Metric.LEADS_PER_MONTH, 4)
    tracking = goal_tracking(engine, ada, ada.person_id, today=TODAY)
    progress = {item.metric: item for item in tracking.progress}
    posting = progress[Metric.POSTS_PER_WEEK]
    assert len(posting.weeks) == 12 and posting.weeks[-1].monday == date(2026, 11, 23)
    assert [(w.monday.day, w.value, w.met) for w in posting.weeks[-4:]] == [
        (2, 1, True),
        (9, 1, True),
        (16, 0, False),
        (23, 0, False),
    ]
    assert (posting.value, posting.previous, posting.verdict, posting.trend) == (0.5, 0.25, "Behind", "rising")
    rate = progress[Metric.ENGAGEMENT_RATE]
    assert (rate.value, rate.previous, rate.verdict, rate.trend) == (0.04, 0.05, "On track", "falling")
    leads = progress[Metric.LEADS_PER_MONTH]
    assert leads.value == pytest.approx(4 * 365.25 / 12 / 28, abs=0.05) and leads.on_track
    assert leads.weeks[-4].value == 3 and leads.weeks[-4].weekly_target == pytest.approx(4 * 12 / 52)
    coach_view = goal_tracking(engine, cora, None, today=TODAY)
    assert not coach_view.covers_all_leaders  # Cora coaches Ada only: a partial view of the program
    with pytest.raises(PermissionDenied):
        goal_tracking(engine, ada, None, today=TODAY)


def test_best_times_say_plainly_when_only_dates_are_known(
    engine: Engine, people: dict[str, Actor], program: dict[str, int]
) -> None:
    tables = analytics.compute(analytics.load_data(engine, people["root"]))
    best = tables["best_times"]
    ada, bo = best[best["leader"] == "Ada"], best[best["leader"] == "Bo"]
    assert set(ada["basis"]) == {WEEKDAY_AND_HOUR} and set(ada["hour"].dropna()) == {8, 14}
    assert set(bo["basis"]) == {WEEKDAY_ONLY} and bo["hour"].isna().all()
    assert list(bo["weekday"]) == ["Wed", "Thu"]  # 9/300 beats 1/200
    assert set(tables["by_slot"]["leader"]) == {"Ada"}  # no hour-0 slots made up from dates


def test_leads_by_post_pillar_leader_and_campaign(
    engine: Engine, people: dict[str, Actor], program: dict[str, int]
) -> None:
    tables = analytics.compute(analytics.load_data(engine, people["root"]))
    by_post = tables["leads_by_post"]
    assert list(by_post["leads"]) == [3, 1] and by_post.iloc[0]["title"] == "Edge 03 Nov"
    as_dict = lambda name, key: dict(zip(tables[name][key], tables[name]["leads"], strict=True))  # noqa: E731
    assert as_dict("leads_by_pillar", "pillar") == {"Edge": 3, NOT_LINKED: 2, "Data": 1}
    assert as_dict("leads_by_leader", "leader") == {"Ada": 4, NOT_LINKED: 2}
    assert as_dict("leads", "utm_campaign") == {"edge-q4": 3, "monthly": 2, "data-q4": 1}
    reach = tables["reach"]
    assert reach.groupby("owner")["impressions"].sum().to_dict() == {"Ada": 1900, "Bo": 500}
    own = analytics.compute(analytics.load_data(engine, people["ada"]))
    assert NOT_LINKED not in set(own["leads_by_leader"]["leader"])  # a leader sees leads from their own posts


def test_company_page_figures_belong_to_the_company(engine: Engine, people: dict[str, Actor]) -> None:
    data = fx.workbook_bytes(fx.company_page_sheets())
    import_engagement(engine, people["cora"], data, "page.xlsx", today=date(2026, 3, 31))
    company = load_company(engine, people["cora"])
    assert list(company.posts["impressions"]) == [1500] and company.posts.iloc[0]["engagements"] == 72
    month = month_figures(engine, people["root"], "2026-03")
    page = month.owner(COMPANY_PAGE).kpis
    assert (page.posts, page.impressions, page.engagement_rate) == (1, 1500, 0.048)
    with pytest.raises(PermissionDenied):
        load_company(engine, people["ada"])
    assert [owner.owner for owner in month_figures(engine, people["ada"], "2026-03").owners] == ["Ada"]
    with pytest.raises(ValidationFailed, match="YYYY-MM"):
        month_figures(engine, people["root"], "March")
    assert page.new_followers == int(company.daily["new_followers"].sum()) == 4
