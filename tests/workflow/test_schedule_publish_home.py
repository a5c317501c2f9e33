"""Scheduling from the post (best time from the leader's own figures, cadence warnings before saving), the publish
kit (UTM-tagged text, the network's compose page), search, the onboarding checklist and the to-do lists, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import pandas as pd
from sqlalchemy import Engine

from core.db import unit_of_work
from core.permissions import Actor
from narratives.brand.service import save_narrative
from narratives.lifecycle.onboarding import checklist, confirm_voice_card, pilot_overview
from narratives.lifecycle.todo import stale_narratives, todo_for
from narratives.voice.importers import parse_plain_text
from narratives.voice.store import import_posts
from workspace import posts, publishing, review, scheduling
from workspace.engagement.models import ImportBatch
from workspace.home import behind_cadence, post_todos
from workspace.models import Engagement, PostStatus
from workspace.post_search import PostFilter, board_columns, post_id_from, search_posts
from workspace.workflow import Move

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def figures(rows: list[tuple[str, int, int]]) -> pd.DataFrame:
    """Published posts as analytics loads them: (ISO time, impressions, engagements)."""
    return pd.DataFrame(
        {
            "published_at": pd.to_datetime([when for when, _, _ in rows], utc=True),
            "impressions": [impressions for _, impressions, _ in rows],
            "engagements": [engaged for _, _, engaged in rows],
        }
    )


def test_best_slot_is_the_leaders_best_weekday_and_hour() -> None:
    timed = figures(
        [
            ("2026-11-03T08:00", 1000, 80),  # Tuesday 08:00, 8 %
            ("2026-11-10T08:00", 1000, 60),  # Tuesday 08:00, 6 %
            ("2026-11-05T17:00", 1000, 20),  # Thursday 17:00, 2 %
            ("2026-11-12T17:00", 1000, 20),
        ]
    )
    best = scheduling.best_slot(timed)
    assert best is not None and (best.weekday, best.hour) == (1, 8)
    assert best.next_moment(date(2026, 12, 2)) == datetime(2026, 12, 8, 8, tzinfo=UTC)
    assert best.label.startswith("Tuesday around 08:00 UTC: 7.0% engagement over your 2 post(s) on Tue")
    dates_only = figures([("2026-11-03", 1000, 80), ("2026-11-10", 1000, 60), ("2026-11-05", 1000, 20)])
    weekday_only = scheduling.best_slot(dates_only)
    assert weekday_only is not None and (weekday_only.weekday, weekday_only.hour) == (1, None)
    assert "dates only" in weekday_only.reason
    assert scheduling.best_slot(figures([("2026-11-03T08:00", 1000, 80)])) is None


def test_suggestion_preview_and_schedule_from_the_post(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    for day in (3, 10, 17):
        old = posts.create_post(
            engine,
            ada,
            ada.person_id,
            text=f"Old {day}",
            status=PostStatus.PUBLISHED,
            published_at=datetime(2026, 11, day, 9, tzinfo=UTC),
        )
        with unit_of_work(engine) as session:
            session.add(Engagement(post_id=old.id, day=old.published_at, impressions=500, reactions=25))
    suggestion = scheduling.suggest_slot(engine, ada, ada.person_id)
    assert suggestion is not None and (suggestion.weekday, suggestion.hour) == (1, 9)
    planned = posts.create_post(engine, ada, ada.person_id, text="Planned", title="Planned", status=PostStatus.DRAFT)
    scheduling.schedule(engine, ada, planned.id, datetime(2026, 12, 8, 9, tzinfo=UTC))
    draft = posts.create_post(engine, ada, ada.person_id, text="New", title="New", status=PostStatus.DRAFT)
    warnings = scheduling.preview(engine, ada, draft.id, datetime(2026, 12, 8, 15, tzinfo=UTC))
    assert any("Only 6 h from “Planned”" in reason for reason in warnings)
    assert scheduling.preview(engine, ada, draft.id, datetime(2026, 12, 10, 9, tzinfo=UTC)) == []
    assert posts.get_post(engine, ada, draft.id).scheduled_at is None  # a preview saves nothing


def test_the_publish_kit_tags_links_and_opens_the_networks_compose_page(
    engine: Engine, people: dict[str, Actor]
) -> None:
    ada = people["ada"]
    text = "Read the report: https://example.com/report?id=7. Then tell me."
    post = posts.create_post(engine, ada, ada.person_id, text=text, pillar="Edge Reliability!", status="draft")
    kit = publishing.publish_kit(engine, ada, post.id)
    link = kit.text.split(": ", 1)[1].split(". Then")[0]
    query = parse_qs(urlsplit(link).query)
    assert query["id"] == ["7"] and query["utm_source"] == ["linkedin"] and query["utm_medium"] == ["social"]
    assert query["utm_campaign"] == ["edge-reliability"] and query["utm_content"] == [f"byline-post-{post.id}"]
    assert kit.network == "LinkedIn" and kit.compose_url.startswith("https://www.linkedin.com/feed/?shareActive=true")
    assert parse_qs(urlsplit(kit.compose_url).query)["text"] == [kit.text]
    on_x = posts.create_post(engine, ada, ada.person_id, text="Short take.", channel="x", status="draft")
    assert publishing.publish_kit(engine, ada, on_x.id).compose_url == "https://x.com/intent/tweet?text=Short%20take."


def test_search_filters_and_the_board(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo, root = people["ada"], people["bo"], people["root"]
    edge = posts.create_post(engine, ada, ada.person_id, text="Buffers at the EDGE.", pillar="Edge", status="draft")
    posts.create_post(engine, ada, ada.person_id, text="Hiring notes.", title="Hiring", channel="x", status="draft")
    posts.create_post(engine, bo, bo.person_id, text="Bo on the edge too.", status="idea")
    assert [p.id for p in search_posts(engine, ada, PostFilter(words="edge"))] == [edge.id]
    assert len(search_posts(engine, root, PostFilter(words="edge"))) == 2
    assert [p.title for p in search_posts(engine, ada, PostFilter(channel="x"))] == ["Hiring"]
    assert [p.id for p in search_posts(engine, ada, PostFilter(pillar="Edge"))] == [edge.id]
    assert search_posts(engine, ada, PostFilter(end=date(2000, 1, 1))) == []
    columns = board_columns(search_posts(engine, root, PostFilter()))
    assert list(columns)[:3] == ["idea", "draft", "in_review"] and len(columns["draft"]) == 2
    assert (post_id_from("12"), post_id_from("x"), post_id_from(None)) == (12, None, None)


def test_the_onboarding_checklist_follows_the_data(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora, root = people["ada"], people["cora"], people["root"]
    assert checklist(engine, cora, ada.person_id).done == 0
    import_posts(engine, ada, ada.person_id, parse_plain_text("One past post.\n\nAnother past post."))
    confirm_voice_card(engine, ada, ada.person_id, posts_counted=2)
    save_narrative(engine, ada, ada.person_id, {"positioning": "Edge first."}, base_version=0)
    post = posts.create_post(engine, ada, ada.person_id, text="A first draft.", status=PostStatus.DRAFT)
    assert checklist(engine, ada, ada.person_id).next_step.key == "scheduled"  # type: ignore[union-attr]
    review.move_post(engine, ada, post.id, Move.REQUEST_REVIEW)
    review.move_post(engine, ada, post.id, Move.APPROVE)
    scheduling.schedule(engine, ada, post.id, NOW + timedelta(days=2))
    with unit_of_work(engine) as session:
        session.add(ImportBatch(kind="linkedin_post", filename="x.xlsx", leader_id=ada.person_id))
    done = checklist(engine, cora, ada.person_id)
    assert done.done == 6 and done.next_step is None
    assert [item.leader_name for item in pilot_overview(engine, root)] == ["Bo", "Ada"]
    assert [item.leader_name for item in pilot_overview(engine, cora)] == ["Ada"]


def test_to_do_lists_per_role(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora, root = people["ada"], people["cora"], people["root"]
    draft = posts.create_post(engine, ada, ada.person_id, text="Draft.", title="Draft", status=PostStatus.DRAFT)
    asked = posts.create_post(engine, ada, ada.person_id, text="Review me.", title="Asked", status=PostStatus.DRAFT)
    review.move_post(engine, ada, asked.id, Move.REQUEST_REVIEW)
    returned = posts.create_post(engine, ada, ada.person_id, text="Back.", title="Back", status=PostStatus.DRAFT)
    review.move_post(engine, ada, returned.id, Move.REQUEST_REVIEW)
    review.move_post(engine, cora, returned.id, Move.REQUEST_CHANGES, "Shorter.")
    soon = posts.create_post(engine, ada, ada.person_id, text="Soon.", title="Soon", status=PostStatus.DRAFT)
    scheduling.schedule(engine, ada, soon.id, NOW + timedelta(days=2))
    mine = post_todos(engine, ada, now=NOW)
    assert {t.title: t.why for t in mine.waiting_on_me}["Asked"] == "waiting for your approval"
    assert {t.title for t in mine.waiting_on_me} == {"Draft", "Asked", "Soon"}
    assert [t.title for t in mine.returned] == ["Back"]
    assert [t.why for t in mine.due_this_week] == ["Fri 04 Dec 12:00 UTC, still draft"]
    coaching = post_todos(engine, cora, now=NOW)
    assert [t.title for t in coaching.reviews_requested] == ["Asked (Ada)"] and not coaching.waiting_on_me
    assert [t.title for t in behind_cadence(engine, cora, now=NOW)] == ["Ada"]
    assert [t.why for t in stale_narratives(engine, cora, now=NOW)] == ["no narrative saved yet"]
    save_narrative(engine, ada, ada.person_id, {"positioning": "Edge."}, base_version=0)
    assert stale_narratives(engine, cora, now=NOW + timedelta(days=91))[0].why.startswith("last changed")
    assert todo_for(engine, ada, now=NOW).checklist is not None
    assert todo_for(engine, cora, now=NOW).sections[0].heading == "Reviews requested"
    assert {c.leader_name for c in todo_for(engine, root, now=NOW).pilot} == {"Ada", "Bo"}
    assert draft.id


def test_a_published_posts_figures_come_from_its_best_source(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = posts.create_post(engine, ada, ada.person_id, text="Measured.", status=PostStatus.DRAFT)
    publishing.mark_published(engine, ada, post.id, "https://www.linkedin.com/feed/update/urn:li:activity:9", NOW)
    assert publishing.post_figures(engine, ada, post.id) is None
    with unit_of_work(engine) as session:
        session.add(Engagement(post_id=post.id, day=NOW, source="linkedin_post", impressions=4210, reactions=90))
        session.add(Engagement(post_id=post.id, day=NOW, source="manual", impressions=100, reactions=1, comments=2))
    figures = publishing.post_figures(engine, cora, post.id)
    assert figures is not None and (figures.source, figures.impressions, figures.engagements) == (
        "linkedin_post",
        4210,
        90,
    )
    assert figures.label == "4,210 impressions, 90 engagements (2.1%) · from linkedin_post"
