"""Scheduling from the post (best time from the leader's own figures, cadence warnings before saving), the publish
kit (UTM-tagged text, the network's compose page), search, the onboarding checklist and the to-do lists, on SQLite
and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

from sqlalchemy import Engine

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from narratives.brand.service import save_narrative
from narratives.lifecycle.onboarding import checklist, confirm_voice_card, pilot_overview
from narratives.lifecycle.todo import stale_narratives, todo_for
from narratives.voice.importers import parse_plain_text
from narratives.voice.store import import_posts
from workspace import posts, publishing, review, scheduling
from workspace.engagement.models import ImportBatch
from workspace.home import behind_cadence, post_todos
from workspace.invitations import invite_person
from workspace.models import Engagement, PostStatus
from workspace.post_search import PostFilter, board_columns, post_id_from, search_posts
from workspace.program.goals import set_goal
from workspace.program.metrics import Metric
from workspace.workflow import Move

NOW = datetime(2026, 12, 2, 12, tzinfo=UTC)


def measured_post(engine: Engine, leader: Actor, when: datetime, impressions: int, reactions: int) -> None:
    post = posts.create_post(
        engine, leader, leader.person_id, text=f"Old {when}", status=PostStatus.PUBLISHED, published_at=when
    )
    with unit_of_work(engine) as session:
        session.add(Engagement(post_id=post.id, day=when, impressions=impressions, reactions=reactions))


def test_the_suggested_slot_is_the_leaders_own_best_weekday_and_hour(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    measured_post(engine, ada, datetime(2026, 11, 3, 8, tzinfo=UTC), 1000, 80)  # Tuesday 08:00, 8 %
    measured_post(engine, ada, datetime(2026, 11, 5, 17, tzinfo=UTC), 1000, 20)  # Thursday 17:00, 2 %
    assert scheduling.suggest_slot(engine, ada, ada.person_id) is None  # two measured posts are too few
    measured_post(engine, ada, datetime(2026, 11, 12, 17, tzinfo=UTC), 1000, 20)
    best = scheduling.suggest_slot(engine, people["cora"], ada.person_id)
    assert best is not None and (best.weekday, best.hour) == (1, 8)
    assert best.next_moment(date(2026, 12, 2)) == datetime(2026, 12, 8, 8, tzinfo=UTC)
    assert best.label == "Tuesday around 08:00 UTC: 8.0% engagement over 1 of your post(s) then"
    for day, reactions in ((3, 80), (10, 60), (5, 20)):  # dates only: stored at midnight
        measured_post(engine, bo, datetime(2026, 11, day, tzinfo=UTC), 1000, reactions)
    weekday_only = scheduling.suggest_slot(engine, bo, bo.person_id)
    assert weekday_only is not None and (weekday_only.weekday, weekday_only.hour) == (1, None)
    assert "dates only" in weekday_only.label and weekday_only.label.startswith("Tuesday: ")
    assert weekday_only.next_moment(date(2026, 12, 2)) == datetime(2026, 12, 8, 9, tzinfo=UTC)


def test_cadence_warnings_are_shown_before_saving(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
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
    assert behind_cadence(engine, cora, now=NOW) == []  # no posts-per-week goal: never behind
    set_goal(engine, cora, ada.person_id, Metric.POSTS_PER_WEEK, 2)
    assert [(t.title, t.why) for t in behind_cadence(engine, cora, now=NOW)] == [
        ("Ada", "0 of 8 posts published in the last 4 weeks")
    ]
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


def test_the_admins_to_do_list_is_about_people(engine: Engine, people: dict[str, Actor]) -> None:
    root = people["root"]
    invite_person(engine, root, handle="nia", name="Nia", email="nia@byline.example", role=Role.LEADER)
    with unit_of_work(engine) as session:
        session.get(Person, people["bo"].person_id).locked_until = NOW + timedelta(minutes=10)  # type: ignore[union-attr]
    sections = {section.heading: section for section in todo_for(engine, root, now=NOW).sections}
    assert [t.title for t in sections["People without a coach"].items] == ["Bo", "Nia"]
    assert [t.title for t in sections["Pending invitations"].items] == ["Nia"]
    assert [t.why for t in sections["Locked accounts"].items] == ["locked until 02 Dec 12:10 UTC"]
    assert "People without a coach" not in [s.heading for s in todo_for(engine, people["cora"], now=NOW).sections]
