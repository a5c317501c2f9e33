"""Calendar service and cadence guardrails on SQLite and PostgreSQL, and on the demo workspace."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest
from sqlalchemy import Engine

from core.errors import PermissionDenied, ValidationFailed
from core.permissions import Actor
from core.settings import Settings
from workspace import posts, publishing, review, scheduling
from workspace.calendar import cadence, rules, service
from workspace.demo import build_demo
from workspace.models import PostStatus
from workspace.people import list_leaders
from workspace.program.goals import set_goal
from workspace.program.metrics import Metric


def at(day: int, hour: int = 9, month: int = 12) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def plan(engine: Engine, actor: Actor, leader: Actor, when: datetime, title: str, **fields: object) -> int:
    view = posts.create_post(
        engine,
        actor,
        leader.person_id,
        text=fields.pop("text", title),
        title=title,
        scheduled_at=when,
        status=fields.pop("status", PostStatus.DRAFT),
        **fields,
    )
    return view.id


def test_gap_within_18_hours_warns_both_posts(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    first = plan(engine, ada, ada, at(1, 16), "Exactly once")
    second = plan(engine, ada, ada, at(2, 8), "Chaos drills")
    other_network = plan(engine, ada, ada, at(2, 9), "On X", channel="x")
    view = service.calendar_view(engine, ada, start=date(2026, 11, 30), end=date(2026, 12, 6), today=date(2026, 11, 23))
    warned = {item.post_id: item.warnings for item in view.items}
    assert any("16 h" in w for w in warned[first]) and any("16 h" in w for w in warned[second])
    assert not any("h from" in w for w in warned[other_network])


def test_reschedule_bumps_sequence_and_clears_the_warning(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    first = plan(engine, ada, ada, at(1, 16), "A")
    second = plan(engine, ada, ada, at(2, 8), "B")
    scheduling.schedule(engine, ada, second, at(3, 9))
    view = service.calendar_view(engine, ada, start=date(2026, 11, 30), end=date(2026, 12, 6), today=date(2026, 11, 23))
    assert all(not item.warnings or "h from" not in " ".join(item.warnings) for item in view.items)
    from core.db import unit_of_work
    from workspace.models import Post

    with unit_of_work(engine) as session:
        assert session.get(Post, second).ical_sequence == 1 and session.get(Post, first).ical_sequence == 0


def test_permissions_and_coach_rules(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo, cora = people["ada"], people["bo"], people["cora"]
    post_id = plan(engine, ada, ada, at(4), "Ada's post")
    with pytest.raises(PermissionDenied):
        scheduling.schedule(engine, bo, post_id, at(5))
    with pytest.raises(PermissionDenied):
        service.calendar_view(engine, cora, start=date(2026, 12, 1), end=date(2026, 12, 7), leader_id=bo.person_id)
    review.set_status(engine, cora, post_id, PostStatus.IN_REVIEW, "Tighten the opening?")
    assert review.comments(engine, ada, post_id)[0].text == "Tighten the opening?"
    with pytest.raises(PermissionDenied):
        review.set_status(engine, cora, post_id, PostStatus.APPROVED)
    with pytest.raises(PermissionDenied):
        publishing.mark_published(
            engine, cora, post_id, "https://www.linkedin.com/feed/update/urn:li:activity:1", at(4)
        )
    publishing.mark_published(engine, ada, post_id, "https://www.linkedin.com/feed/update/urn:li:activity:1", at(4))
    with pytest.raises(ValidationFailed):
        scheduling.schedule(engine, ada, post_id, at(9))
    bo_view = service.calendar_view(engine, bo, start=date(2026, 12, 1), end=date(2026, 12, 7))
    assert not bo_view.items


def test_settings_quiet_days_blocked_days_and_weekly_target(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    set_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK, 1)  # the coach sets it with the leader
    settings = rules.update_settings(engine, ada, ada.person_id, quiet_weekdays=[5, 6], min_gap_hours=24)
    assert settings.weekly_target == 1 == rules.get_settings(engine, ada, ada.person_id).weekly_target
    saturday = plan(engine, ada, ada, datetime(2026, 12, 5, 10, tzinfo=UTC), "Weekend thoughts")
    friday = plan(engine, ada, ada, datetime(2026, 12, 4, 9, tzinfo=UTC), "Friday")
    ics = (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:x\r\nBEGIN:VEVENT\r\nUID:h1\r\nSUMMARY:Holiday\r\n"
        b"DTSTART;VALUE=DATE:20261204\r\nDTEND;VALUE=DATE:20261205\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    )
    report = rules.import_blocked_days(engine, ada, ada.person_id, ics, "holiday.ics")
    assert report.stored == 1 and not report.problems
    assert rules.import_blocked_days(engine, ada, ada.person_id, ics, "holiday.ics").stored == 0  # no duplicates
    view = service.calendar_view(
        engine, ada, start=date(2026, 11, 30), end=date(2026, 12, 13), today=date(2026, 11, 23)
    )
    warned = {item.post_id: " ".join(item.warnings) for item in view.items}
    assert "quiet days" in warned[saturday] and "blocked" in warned[friday] and "Holiday" in warned[friday]
    assert "weekly target is 1" in warned[saturday] and "25 h" not in warned[saturday]
    assert any("0 of 1" in note.reason for note in view.week_notes)  # the week of 7 Dec has nothing planned
    with pytest.raises(ValidationFailed):
        rules.update_settings(engine, ada, ada.person_id, quiet_weekdays=[9], min_gap_hours=18)


def test_echo_same_pillar_same_day_for_two_leaders() -> None:
    one = cadence.PlannedPost(1, 10, "Ines", "linkedin", at(8, 9), "Plants over the holidays", "Energy")
    two = cadence.PlannedPost(2, 11, "Noor", "linkedin", at(8, 11), "Shutdown data", "energy ")
    three = cadence.PlannedPost(3, 12, "Tomas", "linkedin", at(8, 12), "Rust at the edge", "Reliability")
    warnings = cadence.check([one, two, three], {}, today=date(2026, 11, 23))
    echo = [w for w in warnings if w.kind == "echo"]
    assert {w.post_id for w in echo} == {1, 2}


@pytest.fixture
def demo(sqlite_engine: Engine, settings: Settings) -> dict[str, Actor]:
    build_demo(sqlite_engine, settings, password="demo password 1", today=date(2026, 11, 23))  # the plan as written
    from core.db import unit_of_work
    from core.identity import Person

    with unit_of_work(sqlite_engine) as session:
        return {p.handle: Actor.of(p) for p in session.query(Person)}


def test_demo_calendar_shows_gap_and_echo_warnings(sqlite_engine: Engine, demo: dict[str, Actor]) -> None:
    view = service.calendar_view(
        sqlite_engine, demo["jonah"], start=date(2026, 11, 23), end=date(2026, 12, 20), today=date(2026, 11, 23)
    )
    by_title = {item.title: item for item in view.items}
    assert any("16 h" in w for w in by_title["Why we don't promise exactly-once delivery"].warnings)
    assert any("16 h" in w for w in by_title["Fifteen chaos drills later"].warnings)
    assert any("echoes" in w for w in by_title["What our plants waste over the holidays"].warnings)
    assert any("echoes" in w for w in by_title["Holiday shutdowns: where the idle energy goes"].warnings)
    quiet = [item for item in view.items if not item.warnings]
    assert quiet, "not every post should be warned"
    assert [leader.name for leader in list_leaders(sqlite_engine, demo["tomas"])] == ["Tomas Brandvold"]


def test_month_grid_has_whole_weeks() -> None:
    weeks = service.month_weeks(2026, 12)
    assert all(len(week) == 7 for week in weeks) and weeks[0][0].weekday() == 0
    assert date(2026, 12, 31) in weeks[-1]
