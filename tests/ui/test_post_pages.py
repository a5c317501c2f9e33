"""The Posts page, one post's page and Home (AppTest) for each role: write without AI, request review, a coach's
suggestion and paragraph comment, accept, approve, schedule, publish with the URL; search; history; the to-do lists."""

from __future__ import annotations

import pytest
import streamlit as st
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from core.permissions import Actor
from narratives.brand.service import save_narrative
from narratives.voice.importers import parse_plain_text
from narratives.voice.store import import_posts
from tests.conftest import app_as, make_people
from workspace import posts, review
from workspace.approvers import approver_for
from workspace.models import PostStatus
from workspace.revisions import history, open_suggestions
from workspace.workflow import Move

URL = "https://www.linkedin.com/feed/update/urn:li:activity:7000000000000000001"
TEXT = "Buffers keep readings safe.\n\nWe lost none in six hours. Read more: https://example.com/report"


@pytest.fixture
def team(sqlite_engine: Engine) -> dict[str, Actor]:
    st.cache_resource.clear()
    return make_people(sqlite_engine)


def button(at: AppTest, label: str) -> object:
    return next(b for b in at.button if b.label == label)


def post_page(actor: Actor, post_id: int) -> AppTest:
    at = app_as(actor).run()
    at.query_params["post"] = str(post_id)
    at.switch_page("ui/post.py").run()
    assert not at.exception, at.exception
    return at


def test_a_post_written_without_ai_goes_through_review_to_published(
    team: dict[str, Actor], sqlite_engine: Engine
) -> None:
    ada, cora = team["ada"], team["cora"]
    at = app_as(ada).run()
    at.switch_page("ui/posts.py").run()
    at.text_input(key="new_post_title").input("Six hours offline")
    at.text_area(key="new_post_text").input(TEXT)
    button(at, "Create draft").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Six hours offline"
    post_id = int(at.query_params["post"])
    at.switch_page("ui/post.py").run()  # AppTest reruns the page it last switched to, not the script's switch
    at.button(key=f"move_request_review_{post_id}").click().run()
    assert "the post is now in review" in at.success[0].value

    coach = post_page(cora, post_id)
    assert any("suggestions" in c.value for c in coach.caption)
    assert not [b for b in coach.button if b.key and b.key.startswith(("schedule_", "publish_"))]
    coach.text_area(key="ds_editor").input(TEXT.replace("six hours", "six hours of a fibre cut"))
    coach.button(key="ds_save").click().run()
    assert "Suggestion sent" in coach.success[0].value
    coach.selectbox(key=f"comment_where_{post_id}").set_value(1)
    coach.text_area(key=f"comment_text_{post_id}").input("Name the plant here.")
    button(coach, "Add comment").click().run()
    assert not coach.exception, coach.exception
    assert posts.get_post(sqlite_engine, ada, post_id).text == TEXT

    leader = post_page(ada, post_id)
    assert any("On paragraph 2" in md.value and "Name the plant" in md.value for md in leader.markdown)
    suggestion = open_suggestions(sqlite_engine, ada, post_id)[0]
    leader.button(key=f"accept_{suggestion.id}").click().run()
    assert "Accepted: revision 2" in leader.success[0].value
    leader.button(key=f"move_approve_{post_id}").click().run()
    assert "now approved" in leader.success[0].value
    leader.button(key=f"schedule_{post_id}").click().run()
    assert "the post is scheduled" in leader.success[0].value
    final_text = leader.code[0].value
    assert "utm_source=linkedin" in final_text and "utm_content=byline-post-" in final_text
    leader.text_input(key=f"publish_url_{post_id}").input(URL)
    leader.button(key=f"publish_{post_id}").click().run()
    assert not leader.exception, leader.exception
    published = posts.get_post(sqlite_engine, ada, post_id)
    assert (published.status, published.url) == (PostStatus.PUBLISHED, URL)
    assert "six hours of a fibre cut" in published.text


def test_the_list_searches_words_and_filters_by_status(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    posts.create_post(sqlite_engine, ada, ada.person_id, text="About buffers at the edge.", title="Buffers")
    posts.create_post(sqlite_engine, ada, ada.person_id, text="About hiring.", title="Hiring", status="draft")
    at = app_as(ada).run()
    at.switch_page("ui/posts.py").run()
    assert {"Buffers", "Hiring"} <= {str(t) for t in at.dataframe[0].value["title"]}
    at.text_input(key="posts_words").input("edge").run()
    assert list(at.dataframe[0].value["title"]) == ["Buffers"]
    at.text_input(key="posts_words").input("").run()
    at.multiselect(key="posts_statuses").set_value(["draft"]).run()
    assert list(at.dataframe[0].value["title"]) == ["Hiring"]
    assert not at.exception


def test_history_shows_a_diff_and_restores_as_a_new_revision(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    post = posts.create_post(sqlite_engine, ada, ada.person_id, text="One.\n\nTwo.", status="draft")
    posts.save_text(sqlite_engine, ada, post.id, "One.\n\nTwo, changed.", base_version=1)
    at = post_page(ada, post.id)
    diff = next(code.value for code in at.code if code.language == "diff")
    assert "-Two." in diff and "+Two, changed." in diff
    at.button(key="h_restore").click().run()
    assert "Restored as revision 3" in at.success[0].value
    assert [r.number for r in history(sqlite_engine, ada, post.id)] == [1, 2, 3]


def test_details_take_the_pillar_from_the_narrative(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    pillars = [{"name": "Edge reliability", "thesis": "Buffer, always."}, {"name": "Hiring", "thesis": "Slowly."}]
    save_narrative(sqlite_engine, ada, ada.person_id, {"pillars": pillars}, base_version=0)
    post = posts.create_post(sqlite_engine, ada, ada.person_id, text="Text.", status="draft")
    at = post_page(ada, post.id)
    pillar = next(s for s in at.selectbox if s.label == "Pillar")
    assert pillar.options == ["—", "Edge reliability", "Hiring"]
    pillar.set_value("Hiring")
    button(at, "Save details").click().run()
    assert not at.exception, at.exception
    assert posts.get_post(sqlite_engine, ada, post.id).pillar == "Hiring"


def test_home_is_a_to_do_list_for_each_role(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada, cora, root = team["ada"], team["cora"], team["root"]
    draft = posts.create_post(sqlite_engine, ada, ada.person_id, text="Half done.", title="Half done", status="draft")
    asked = posts.create_post(
        sqlite_engine, ada, ada.person_id, text="Please read.", title="Please read", status="draft"
    )
    review.move_post(sqlite_engine, ada, asked.id, Move.REQUEST_REVIEW)
    leader = app_as(ada).run()
    headings = [h.value for h in leader.subheader]
    assert headings[:3] == ["Drafts waiting on me", "Reviews returned", "Due this week"]
    assert "Getting started" in headings
    assert any("Half done" in md.value and "draft in progress" in md.value for md in leader.markdown)
    leader.button(key="todo_Drafts waiting on me_0").click().run()
    assert leader.query_params["post"] in {str(draft.id), str(asked.id)} and not leader.exception
    coach = app_as(cora).run()
    assert [h.value for h in coach.subheader][:3] == [
        "Reviews requested",
        "Leaders behind their cadence",
        "Narratives not touched in 90 days",
    ]
    assert any("Please read" in md.value for md in coach.markdown)
    assert not any("Half done" in md.value for md in coach.markdown)
    admin = app_as(root).run()
    admin_headings = [h.value for h in admin.subheader]
    assert {"People without a coach", "Pending invitations", "Locked accounts", "Pilot group onboarding"} <= set(
        admin_headings
    )
    assert any("Bo" in md.value and "without a coach" in md.value for md in admin.markdown)
    assert {str(name) for name in admin.dataframe[0].value["leader"]} == {"Ada", "Bo"}
    assert draft.id


def test_the_leader_confirms_the_voice_card(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    import_posts(sqlite_engine, ada, ada.person_id, parse_plain_text("First post.\n\nSecond post.\n\nThird post."))
    at = app_as(ada).run()
    at.switch_page("ui/voice.py").run()
    button(at, "This is how I write: confirm the voice card").click().run()
    assert not at.exception, at.exception
    assert "Voice card confirmed." in [s.value for s in at.success]
    home = app_as(ada).run()
    assert any("Confirm the voice card" in md.value and "— confirmed" in md.value for md in home.markdown)


def test_an_idea_opens_the_draft_studio_with_its_brief(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    ada = team["ada"]
    idea = posts.create_post(
        sqlite_engine, ada, ada.person_id, title="Buffering through a fibre cut", note="For plant managers."
    )
    at = post_page(ada, idea.id)
    at.button(key="post_studio").click().run()
    assert not at.exception, at.exception
    assert at.title[0].value == "Draft studio"
    assert at.text_input(key="ds_topic").value == "Buffering through a fibre cut"
    assert at.text_area(key="ds_angle").value == "For plant managers."
    assert any("the variant you keep fills that post" in info.value for info in at.info)


@pytest.mark.parametrize("role", ["root", "cora", "ada"])
def test_a_post_page_renders_for_every_role(team: dict[str, Actor], sqlite_engine: Engine, role: str) -> None:
    ada = team["ada"]
    post = posts.create_post(sqlite_engine, ada, ada.person_id, text="One.\n\nTwo.", title="Grid draft", status="draft")
    at = post_page(team[role], post.id)
    assert at.title[0].value == "Grid draft"
    keys = {b.key for b in at.button}
    assert ("ds_save" in keys) and (f"schedule_{post.id}" in keys) == (role != "cora")
    assert (at.button(key="ds_save").label == "Suggest this edit") == (role == "cora")
    outsider = post_page(team["bo"], post.id)
    assert "may not see" in outsider.error[0].value and not outsider.text_area


def test_an_admin_names_a_designated_approver_on_the_people_page(team: dict[str, Actor], sqlite_engine: Engine) -> None:
    at = app_as(team["root"]).run()
    at.switch_page("ui/people.py").run()
    at.selectbox(key="approver_leader").set_value(team["ada"].person_id)
    approval = next(s for s in at.selectbox if s.label == "Approval needs")
    approval.set_value(team["cora"].person_id)
    button(at, "Save approver").click().run()
    assert not at.exception, at.exception
    assert any("Ada's posts now need Cora's approval" in s.value for s in at.success)
    assert approver_for(sqlite_engine, team["ada"], team["ada"].person_id).approver_name == "Cora"
