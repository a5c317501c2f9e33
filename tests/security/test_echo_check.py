"""The echo check names the other leader only, unless the reader may see that leader's posts (item 13)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from langchain_openai import ChatOpenAI

from narratives.drafting.brief import Brief
from narratives.drafting.checks.echo import nearby_posts
from narratives.drafting.factory import open_drafting_service
from tests.security.world import World

ECHO = "Bo's unannounced Zebra draft: the Quagga codename replaces the gateway."


def _plan_and_check(world: World, handle: str) -> list[str]:
    def no_model(*_args: object) -> ChatOpenAI:
        raise AssertionError("checks call no model")

    service = open_drafting_service(world.settings, world.engine, kb=world.kb, chat=no_model)
    actor = world.people[handle]
    plan = service.plan(actor, Brief(leader_id=world.ada, topic="Zebra", planned_for=date.today()), use_voice=False)
    report = service.check(plan, ECHO)
    return [f.message for f in report.findings if f.check == "echo"]


def test_a_reader_who_may_not_see_bo_learns_only_his_name(world: World) -> None:
    for handle in ("ada", "cora"):
        messages = _plan_and_check(world, handle)
        assert any("Bo" in m and m.startswith("Echoes") for m in messages), messages
        assert all("Quagga" not in m and "Bo draft about" not in m for m in messages), messages


def test_a_reader_who_may_see_bo_gets_the_title(world: World) -> None:
    messages = _plan_and_check(world, "dee")
    assert any("Bo draft about Quagga" in m for m in messages), messages
    assert all("unannounced" not in m for m in messages)  # the text itself is never shown


def test_nearby_posts_keep_titles_only_for_visible_leaders(world: World) -> None:
    now = datetime.now(UTC)
    hidden = nearby_posts(world.engine, world.ada, now)
    shown = nearby_posts(world.engine, world.ada, now, visible=frozenset({world.bo}))
    assert hidden and all(other.title is None for other in hidden)
    assert "Bo draft about Quagga" in {other.title for other in shown}
    assert nearby_posts(world.engine, world.ada, now + timedelta(days=60)) == []  # outside the ±7-day window
