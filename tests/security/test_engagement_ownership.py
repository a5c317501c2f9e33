"""Engagement rows and leads belong to a leader (issue 16, item 2), on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, select, text

from app.schema import MIGRATIONS, upgrade_database
from core.db import make_engine, unit_of_work
from core.errors import PermissionDenied
from core.permissions import Actor
from core.settings import Settings
from tests.conftest import make_people
from workspace import posts
from workspace.engagement import manual
from workspace.engagement.models import ImportedRow, UtmLead
from workspace.engagement.service import import_engagement
from workspace.models import Engagement, PostStatus

TODAY = date(2026, 11, 23)
BO_URL = "https://x.com/bo/status/1966000000000000777"
HEADER = "Post id,Date,Post text,Post Link,Impressions,Likes,Engagements,Replies,Reposts,URL Clicks\n"


def x_csv(impressions: int, text_: str = "Grids need storage now") -> bytes:
    row = f'1966000000000000777,"Sun, Sep 13, 2026",{text_},{BO_URL},{impressions},5,9,1,1,1\n'
    return (HEADER + row).encode()


def _bo_post(engine: Engine, bo: Actor) -> int:
    moment = datetime(2026, 9, 13, 8, tzinfo=UTC)
    view = posts.create_post(
        engine, bo, bo.person_id, text="Grids need storage now", url=BO_URL, status=PostStatus.PUBLISHED,
        published_at=moment, channel="x",
    )  # fmt: skip
    return view.id


def _impressions(engine: Engine, post_id: int) -> list[int]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(Engagement.impressions).where(Engagement.post_id == post_id)))


def test_a_file_carrying_another_leaders_post_url_never_touches_their_figures(
    engine: Engine, people: dict[str, Actor]
) -> None:
    ada, bo, cora = people["ada"], people["bo"], people["cora"]
    post = _bo_post(engine, bo)
    assert import_engagement(engine, bo, x_csv(1000), "x.csv", today=TODAY).matched == 1
    report = import_engagement(engine, ada, x_csv(1), "x.csv", today=TODAY)
    assert report.matched == 0 and report.unmatched == 1  # kept for Ada, matched to nothing of Bo's
    report = import_engagement(engine, cora, x_csv(2), "x.csv", leader_id=ada.person_id, today=TODAY)
    assert report.matched == 0
    assert _impressions(engine, post) == [1000]
    with unit_of_work(engine) as session:
        rows = session.execute(select(ImportedRow.leader_id, ImportedRow.metrics)).all()
    assert sorted((leader, metrics["impressions"]) for leader, metrics in rows) == sorted(
        [(bo.person_id, 1000), (ada.person_id, 2)]
    )
    assert [r["url"] for r in manual.unmatched_rows(engine, bo)] == []  # Ada's kept row is not Bo's to see
    with pytest.raises(PermissionDenied):
        import_engagement(engine, ada, x_csv(3), "x.csv", leader_id=bo.person_id, today=TODAY)


def leads_csv(content: str, leads: int) -> bytes:
    header = "Date,utm_source,utm_medium,utm_campaign,utm_content,Clicks,Leads\n"
    return f"{header}2026-11-20,li,social,q4,{content},40,{leads}\n".encode()


def test_a_leads_import_touches_only_the_importers_leaders(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo, admin = people["ada"], people["bo"], people["root"]
    post = _bo_post(engine, bo)
    content = f"byline-post-{post}"
    assert manual.import_leads(engine, bo, leads_csv(content, 5), today=TODAY).linked_to_posts == 1
    report = manual.import_leads(engine, ada, leads_csv(content, 0), today=TODAY)
    assert report.linked_to_posts == 0 and any(content in problem for problem in report.problems)
    manual.import_leads(engine, ada, leads_csv("spring", 0), today=TODAY)
    manual.import_leads(engine, bo, leads_csv("spring", 7), today=TODAY)
    with unit_of_work(engine) as session:
        rows = session.execute(select(UtmLead.leader_id, UtmLead.utm_content, UtmLead.leads)).all()
    by_owner = {(leader, tag): leads for leader, tag, leads in rows}
    assert by_owner[(bo.person_id, content)] == 5  # Ada's zero never reached Bo's row
    assert by_owner[(ada.person_id, content)] == 0
    assert by_owner[(bo.person_id, "spring")] == 7 and by_owner[(ada.person_id, "spring")] == 0
    assert manual.import_leads(engine, admin, leads_csv(content, 6), today=TODAY).linked_to_posts == 1
    with unit_of_work(engine) as session:
        assert (
            session.scalar(
                select(UtmLead.leads).where(UtmLead.leader_id == bo.person_id, UtmLead.utm_content == content)
            )
            == 6
        )
    with pytest.raises(PermissionDenied):
        manual.import_leads(engine, ada, leads_csv("x", 1), leader_id=bo.person_id, today=TODAY)


def test_existing_url_keys_get_their_leader_on_upgrade(settings: Settings) -> None:
    engine = make_engine(settings)
    config = Config()
    config.set_main_option("script_location", MIGRATIONS)
    config.attributes["engine"] = engine
    command.upgrade(config, "0010")
    people = make_people(engine)
    ada = people["ada"].person_id
    with engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO engagement_rows (fingerprint, source, leader_id, text, metrics, match_method, updated_at) "
                "VALUES (:url_key, 'x_analytics', :ada, '', '{}', '', :now), "
                "(:text_key, 'x_analytics', :ada, '', '{}', '', :now)"
            ),
            {
                "url_key": "x_analytics|x:1966",
                "text_key": f"x_analytics|{ada}|2026-09-13|0123456789abcdef",
                "ada": ada,
                "now": datetime.now(UTC),
            },
        )
    upgrade_database(engine)
    with unit_of_work(engine) as session:
        keys = sorted(session.scalars(select(ImportedRow.fingerprint)))
    assert keys == sorted([f"x_analytics|{ada}|url:x:1966", f"x_analytics|{ada}|2026-09-13|0123456789abcdef"])
    engine.dispose()
