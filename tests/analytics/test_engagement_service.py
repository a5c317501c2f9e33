"""Engagement import, matching, manual work and analytics on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pandas as pd
import pytest
from sqlalchemy import Engine, func, select

from core.csv_safe import to_safe_csv
from core.db import unit_of_work
from core.errors import PermissionDenied, ValidationFailed
from core.permissions import Actor
from tests.analytics import fixtures as fx
from workspace import analytics, posts
from workspace.engagement import manual
from workspace.engagement.models import DailyMetric, ImportedRow
from workspace.engagement.service import import_engagement
from workspace.engagement.utm import tag_links_in_text, tag_url
from workspace.models import Engagement, PostStatus

TODAY = date(2026, 11, 23)


def published(engine: Engine, leader: Actor, day: date, text: str, url: str | None = None, **extra: object) -> int:
    moment = datetime(day.year, day.month, day.day, 8, tzinfo=UTC)
    view = posts.create_post(
        engine, leader, leader.person_id, text=text, url=url, status=PostStatus.PUBLISHED, published_at=moment, **extra
    )
    return view.id


def count(engine: Engine, model: type) -> int:
    with unit_of_work(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_creator_import_matches_by_url_keeps_unmatched_and_reimport_updates(
    engine: Engine, people: dict[str, Actor]
) -> None:
    ada = people["ada"]
    post_a = published(engine, ada, date(2025, 9, 23), "Edge post", url=fx.URL_A + "/")
    published(engine, ada, date(2025, 10, 9), "Only post that day")
    data = fx.workbook_bytes(fx.creator_sheets())
    report = import_engagement(engine, ada, data, "Content.xlsx", today=TODAY)
    assert report.kind == "linkedin_creator" and report.matched == 2 and report.unmatched == 1
    assert report.days == 4 and not report.problems
    again = import_engagement(engine, ada, data, "Content.xlsx", today=TODAY)
    assert again.matched == 2
    assert count(engine, ImportedRow) == 3 and count(engine, Engagement) == 2 and count(engine, DailyMetric) == 2
    with unit_of_work(engine) as session:
        row = session.scalar(select(Engagement).where(Engagement.post_id == post_a))
        assert (
            row is not None and row.impressions == 8410 and row.engagement_rate == pytest.approx(241 / 8410, rel=1e-4)
        )
    (kept,) = manual.unmatched_rows(engine, ada)
    assert kept["url"] == fx.URL_B
    other = published(engine, ada, date(2025, 10, 2), "Manual match target")
    manual.match_row(engine, ada, kept["row_id"], other)
    assert not manual.unmatched_rows(engine, ada)
    import_engagement(engine, ada, data, "Content.xlsx", today=TODAY)
    assert not manual.unmatched_rows(engine, ada)  # the manual choice survives a re-import


def test_x_import_matches_by_text_similarity_and_leader_scope(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    mine = published(engine, ada, date(2026, 9, 13), "Buffers are on duty this holiday week!", channel="x")
    report = import_engagement(engine, ada, fx.X_CURRENT.encode(), "x.csv", today=TODAY)
    assert report.matched == 1 and report.unmatched == 1 and len(report.problems) == 1
    with unit_of_work(engine) as session:
        assert session.scalar(select(Engagement.reactions).where(Engagement.post_id == mine)) == 30
    with pytest.raises(PermissionDenied):
        import_engagement(engine, bo, fx.X_CURRENT.encode(), "x.csv", leader_id=ada.person_id, today=TODAY)
    assert not manual.unmatched_rows(engine, bo)
    with pytest.raises(ValidationFailed, match="Choose the leader"):
        import_engagement(engine, people["root"], fx.X_CURRENT.encode(), "x.csv", today=TODAY)


def test_company_page_import_without_leader(engine: Engine, people: dict[str, Actor]) -> None:
    data = fx.workbook_bytes(fx.company_page_sheets())
    report = import_engagement(engine, people["root"], data, "page.xlsx", today=TODAY)
    assert report.company == 1 and report.unmatched == 0 and report.days >= 2 and report.problems
    assert not manual.unmatched_rows(engine, people["cora"])  # the company's post is never "unmatched"
    assert not manual.unmatched_rows(engine, people["ada"])
    with pytest.raises(PermissionDenied):  # the company's figures are imported by comms staff or admins
        import_engagement(engine, people["ada"], data, "page.xlsx", today=TODAY)
    with pytest.raises(ValidationFailed):
        import_engagement(engine, people["root"], data, "page.xlsx", leader_id=people["ada"].person_id, today=TODAY)


def test_corrections_manual_entry_and_validation(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post_id = published(engine, ada, date(2026, 11, 1), "Hand-entered")
    manual.record_manual(engine, ada, post_id, date(2026, 11, 2), impressions=100, reactions=5)
    table = manual.engagement_table(engine, ada)
    row_id = int(table.iloc[0]["id"])
    manual.save_corrections(engine, ada, {row_id: {"impressions": "1,000", "comments": 3}})
    table = manual.engagement_table(engine, ada)
    assert table.iloc[0]["impressions"] == 1000 and table.iloc[0]["comments"] == 3
    with pytest.raises(ValidationFailed, match="whole number"):
        manual.save_corrections(engine, ada, {row_id: {"impressions": "lots"}})
    with pytest.raises(ValidationFailed, match="future"):
        manual.record_manual(engine, ada, post_id, date(2031, 1, 1), impressions=1)
    with pytest.raises(PermissionDenied):
        manual.save_corrections(engine, people["bo"], {row_id: {"impressions": 1}})
    assert manual.engagement_table(engine, ada).iloc[0]["impressions"] == 1000  # nothing lost on errors


def test_utm_tagging_and_leads_import(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post_id = published(engine, ada, date(2026, 11, 1), "Read more")
    tagged = tag_url(
        "https://vantrell.example/blog?x=1&utm_source=old", source="linkedin", medium="social", campaign="q4"
    )
    assert tagged == "https://vantrell.example/blog?x=1&utm_source=linkedin&utm_medium=social&utm_campaign=q4"
    text = tag_links_in_text(
        "See https://vantrell.example/a. Thanks", post_id=post_id, source="linkedin", campaign="q4"
    )
    assert f"utm_content=byline-post-{post_id}. Thanks" in text
    csv = (
        "Date,utm_source,utm_medium,utm_campaign,utm_content,Clicks,Leads\n"
        f"2026-11-02,linkedin,social,q4,byline-post-{post_id},40,3\n"
        "2026-11-02,linkedin,social,q4,,oops,1\n"
    ).encode()
    report = manual.import_leads(engine, ada, csv, today=TODAY)
    assert report.stored == 1 and report.linked_to_posts == 1 and "row 3" in report.problems[0]
    assert manual.import_leads(engine, ada, csv, today=TODAY).stored == 1
    tables = analytics.compute(analytics.load_data(engine, ada))
    assert tables["leads"]["leads"].sum() == 3


def test_analytics_tables(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    first = published(engine, ada, date(2026, 11, 2), "One", pillar="Edge")
    second = published(engine, ada, date(2026, 11, 3), "Two", pillar="Data", is_reshare=True)
    theirs = published(engine, bo, date(2026, 11, 3), "Bo's")
    for post_id, imp, reactions in ((first, 1000, 50), (second, 1000, 10), (theirs, 10, 10)):
        manual.record_manual(engine, people["root"], post_id, date(2026, 11, 4), impressions=imp, reactions=reactions)
    version = analytics.data_version(engine, ada)
    tables = analytics.compute(analytics.load_data(engine, ada), today=datetime(2026, 11, 23, tzinfo=UTC))
    assert set(tables["by_pillar"]["pillar"]) == {"Edge", "Data"}
    assert tables["by_pillar"].set_index("pillar").loc["Edge", "engagement_rate"] == 0.05
    assert set(tables["originals_vs_reshares"]["kind"]) == {"Original", "Reshare"}
    assert list(tables["best_times"]["leader"].unique()) == ["Ada"]
    assert len(tables["consistency"]) == 12 and tables["consistency"]["posts"].sum() == 2
    manual.record_manual(engine, ada, first, date(2026, 11, 5), impressions=1, reactions=1)
    assert analytics.data_version(engine, ada) != version
    team = analytics.engagement_by_leader(engine, people["root"])
    assert list(team["leader"]) == ["Ada", "Bo"]


def test_csv_download_is_formula_injection_safe() -> None:
    frame = pd.DataFrame(
        {"text": ['=HYPERLINK("http://evil")', "+1", "-cmd", "@SUM(A1)", "fine"], "n": [-1, 2, 3, 4, 5]}
    )
    data = to_safe_csv(frame).decode("utf-8-sig")
    assert "'=HYPERLINK" in data and "'+1" in data and "'-cmd" in data and "'@SUM" in data
    assert data.splitlines()[1].endswith(',"-1"')  # numbers stay numbers


def test_demo_engagement_imports_through_the_creator_importer(sqlite_engine: Engine, settings: object) -> None:
    from core.identity import Person
    from workspace.demo import build_demo
    from workspace.engagement.demo import import_demo_engagement

    build_demo(sqlite_engine, settings, password="demo password 1")  # type: ignore[arg-type]
    with unit_of_work(sqlite_engine) as session:
        admin = Actor.of(session.scalars(select(Person).where(Person.handle == "sam")).one())
    assert import_demo_engagement(sqlite_engine, admin, today=TODAY) > 5
    assert import_demo_engagement(sqlite_engine, admin, today=TODAY) > 5  # idempotent re-import
    tables = analytics.compute(analytics.load_data(sqlite_engine, admin))
    assert tables["followers"]["new_followers"].sum() > 0
    assert not manual.unmatched_rows(sqlite_engine, admin)


def test_cli_import_engagement(sqlite_engine: Engine, tmp_path: object) -> None:
    from pathlib import Path

    from typer.testing import CliRunner

    from app.cli import app
    from tests.conftest import make_people

    people = make_people(sqlite_engine)
    folder = Path(str(tmp_path))
    good, bad = folder / "content.xlsx", folder / "page.xls"
    good.write_bytes(fx.workbook_bytes(fx.creator_sheets()))
    bad.write_bytes(b"<html><table><tr><td>1</td></tr></table></html>")
    runner = CliRunner()
    result = runner.invoke(app, ["calendar", "import-engagement", str(good), "--leader", str(people["ada"].person_id)])
    assert result.exit_code == 0, result.output
    assert "3 kept for manual matching" in result.output
    result = runner.invoke(app, ["calendar", "import-engagement", str(bad), "--leader", str(people["ada"].person_id)])
    assert result.exit_code == 1 and "web page" in result.output
