"""The workflow rules, every transition and permission, on SQLite and PostgreSQL: who may move a post where, coach
suggestions, edits after approval, the designated approver, and the audit trail."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.errors import EditConflict, PermissionDenied, ValidationFailed
from core.identity import AuditEvent
from core.permissions import Actor
from workspace import approvers, posts, publishing, review, revisions, scheduling
from workspace.models import PostStatus
from workspace.posts import PostView
from workspace.workflow import Move

WHEN = datetime(2026, 12, 3, 9, tzinfo=UTC)
URL = "https://www.linkedin.com/feed/update/urn:li:activity:42"
TEXT = "First paragraph about buffers.\n\nSecond paragraph about retries."


def actions(engine: Engine, post_id: int) -> list[str]:
    with unit_of_work(engine) as session:
        query = select(AuditEvent.action).where(AuditEvent.target == f"post:{post_id}").order_by(AuditEvent.id)
        return list(session.scalars(query))


def draft(engine: Engine, author: Actor, leader: Actor, text: str = TEXT, **fields: object) -> PostView:
    return posts.create_post(engine, author, leader.person_id, text=text, status=PostStatus.DRAFT, **fields)


def in_review(engine: Engine, people: dict[str, Actor]) -> PostView:
    post = draft(engine, people["ada"], people["ada"])
    return review.move_post(engine, people["ada"], post.id, Move.REQUEST_REVIEW)


def test_one_post_from_draft_to_published(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = in_review(engine, people)
    review.add_comment(engine, cora, post.id, "Lead with the outage.")
    review.add_comment(engine, cora, post.id, "Name the number of sites.", paragraph=1)
    suggestion = revisions.suggest_edit(engine, cora, post.id, TEXT + "\n\n23 sites backfilled.", base_version=1)
    assert posts.get_post(engine, ada, post.id).text == TEXT  # a suggestion leaves the text alone
    accepted = revisions.accept_suggestion(engine, ada, post.id, suggestion.id, base_version=1)
    assert accepted.version == 2 and accepted.text.endswith("23 sites backfilled.")
    assert review.move_post(engine, ada, post.id, Move.APPROVE).status == PostStatus.APPROVED
    assert scheduling.schedule(engine, ada, post.id, WHEN).status == PostStatus.SCHEDULED
    assert scheduling.unschedule(engine, ada, post.id).status == PostStatus.APPROVED
    scheduling.schedule(engine, ada, post.id, WHEN)
    published = publishing.mark_published(engine, ada, post.id, URL, WHEN)
    assert (published.status, published.url) == (PostStatus.PUBLISHED, URL)
    notes = review.comments(engine, ada, post.id)
    assert [n.where for n in notes] == ["On the post", "On paragraph 2: “Second paragraph about retries.”"]
    assert actions(engine, post.id) == [
        "post.created",
        "post.review_requested",
        "post.suggested",
        "post.suggestion_accepted",
        "post.approved",
        "post.scheduled",
        "post.rescheduled",
        "post.unscheduled",
        "post.scheduled",
        "post.rescheduled",
        "post.published",
    ]


def test_coaches_advise_but_never_approve_schedule_publish_or_delete(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = in_review(engine, people)
    for forbidden in (
        lambda: review.move_post(engine, cora, post.id, Move.APPROVE),
        lambda: review.move_post(engine, cora, post.id, Move.WITHDRAW),
        lambda: scheduling.schedule(engine, cora, post.id, WHEN),
        lambda: scheduling.unschedule(engine, cora, post.id),
        lambda: publishing.mark_published(engine, cora, post.id, URL),
        lambda: posts.delete_post(engine, cora, post.id),
        lambda: posts.save_text(engine, cora, post.id, "Coach rewrite.", base_version=1),
        lambda: posts.create_post(engine, cora, ada.person_id, text="x", status=PostStatus.APPROVED),
        lambda: posts.create_post(engine, cora, ada.person_id, text="x", status=PostStatus.SCHEDULED),
        lambda: posts.create_post(engine, cora, ada.person_id, text="x", status=PostStatus.PUBLISHED, url=URL),
    ):
        with pytest.raises(PermissionDenied):
            forbidden()
    with pytest.raises(ValidationFailed, match="imported"):
        posts.create_post(engine, cora, ada.person_id, text="x", status=PostStatus.PUBLISHED, origin="x_import")
    suggestion = revisions.suggest_edit(engine, cora, post.id, "Coach rewrite.", base_version=1)
    with pytest.raises(PermissionDenied):
        revisions.accept_suggestion(engine, cora, post.id, suggestion.id, base_version=1)
    with pytest.raises(ValidationFailed, match="Say what should change"):
        review.move_post(engine, cora, post.id, Move.REQUEST_CHANGES)
    returned = review.move_post(engine, cora, post.id, Move.REQUEST_CHANGES, "Shorter, please.")
    assert returned.status == PostStatus.RETURNED and returned.text == TEXT
    assert review.move_post(engine, cora, post.id, Move.REQUEST_REVIEW).status == PostStatus.IN_REVIEW
    started = posts.create_post(engine, cora, ada.person_id, status=PostStatus.IDEA, title="Coach's idea")
    first = posts.save_text(engine, cora, started.id, "The first text, by the coach.", base_version=0)
    assert (first.status, first.version) == (PostStatus.DRAFT, 1)  # a coach writes a post's first text
    assert "post.changes_requested" in actions(engine, post.id)


def test_any_text_change_after_approval_returns_the_post_to_review(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = in_review(engine, people)
    review.move_post(engine, ada, post.id, Move.APPROVE)
    edited = posts.save_text(engine, ada, post.id, TEXT + " Edited.", base_version=1)
    assert edited.status == PostStatus.IN_REVIEW
    review.move_post(engine, ada, post.id, Move.APPROVE)
    scheduling.schedule(engine, ada, post.id, WHEN)
    suggestion = revisions.suggest_edit(engine, cora, post.id, "Coach's version.", base_version=2)
    assert posts.get_post(engine, ada, post.id).status == PostStatus.SCHEDULED  # suggesting changes nothing yet
    accepted = revisions.accept_suggestion(engine, ada, post.id, suggestion.id, base_version=2)
    assert accepted.status == PostStatus.IN_REVIEW and accepted.scheduled_at is not None
    assert actions(engine, post.id).count("post.status_changed") == 2


def test_a_designated_approver_is_the_only_one_who_approves(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora, root, bo = people["ada"], people["cora"], people["root"], people["bo"]
    with pytest.raises(PermissionDenied):
        approvers.set_approver(engine, ada, ada.person_id, cora.person_id)
    with pytest.raises(ValidationFailed, match="assigned to this leader"):
        approvers.set_approver(engine, root, bo.person_id, cora.person_id)  # cora does not coach bo
    with pytest.raises(ValidationFailed):
        approvers.set_approver(engine, root, ada.person_id, ada.person_id)
    assert [name for _, name in approvers.approver_choices(engine, root, ada.person_id)] == [
        "Cora (coach)",
        "Root (admin)",
    ]
    approvers.set_approver(engine, root, ada.person_id, cora.person_id)
    assert approvers.approver_for(engine, ada, ada.person_id).approver_name == "Cora"
    post = in_review(engine, people)
    for who in (ada, root):
        with pytest.raises(PermissionDenied, match="approver"):
            review.move_post(engine, who, post.id, Move.APPROVE)
    with pytest.raises(ValidationFailed, match="approval"):
        publishing.mark_published(engine, ada, post.id, URL)
    with pytest.raises(PermissionDenied):
        posts.create_post(engine, ada, ada.person_id, text="Pre-approved?", status=PostStatus.APPROVED)
    assert review.move_post(engine, cora, post.id, Move.APPROVE).status == PostStatus.APPROVED
    with pytest.raises(PermissionDenied):
        scheduling.schedule(engine, cora, post.id, WHEN)  # approving is not scheduling
    assert publishing.mark_published(engine, ada, post.id, URL).status == PostStatus.PUBLISHED
    approvers.set_approver(engine, root, ada.person_id, None)
    assert approvers.approver_for(engine, ada, ada.person_id).approver_id is None


def test_impossible_moves_and_published_text_are_refused(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = draft(engine, ada, ada)
    with pytest.raises(ValidationFailed, match="not possible for a post that is draft"):
        review.move_post(engine, ada, post.id, Move.APPROVE)
    with pytest.raises(ValidationFailed, match="URL"):
        review.move_post(engine, ada, post.id, Move.PUBLISH)
    assert review.available_moves(engine, ada, post.id) == [Move.PARK, Move.REQUEST_REVIEW]
    assert review.available_moves(engine, cora, post.id) == [Move.REQUEST_REVIEW]
    assert review.move_post(engine, ada, post.id, Move.PARK).status == PostStatus.IDEA
    assert review.move_post(engine, cora, post.id, Move.START_DRAFT).status == PostStatus.DRAFT
    planned = scheduling.schedule(engine, ada, post.id, WHEN)
    assert (planned.status, planned.scheduled_at) == (PostStatus.DRAFT, WHEN)  # a draft gets a planned date only
    publishing.mark_published(engine, ada, post.id, URL, WHEN)
    with pytest.raises(ValidationFailed, match="published"):
        posts.save_text(engine, ada, post.id, "Rewriting history.", base_version=1)
    with pytest.raises(ValidationFailed, match="published"):
        revisions.suggest_edit(engine, cora, post.id, "Rewriting history.", base_version=1)
    with pytest.raises(ValidationFailed, match="already published"):
        scheduling.schedule(engine, ada, post.id, WHEN)
    with pytest.raises(ValidationFailed, match="cannot go from published"):
        review.set_status(engine, ada, post.id, PostStatus.DRAFT)


def test_another_leaders_post_is_out_of_reach(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    post = in_review(engine, people)
    for attempt in (
        lambda: review.move_post(engine, bo, post.id, Move.APPROVE),
        lambda: review.add_comment(engine, bo, post.id, "Hi"),
        lambda: review.comments(engine, bo, post.id),
        lambda: revisions.history(engine, bo, post.id),
        lambda: revisions.suggest_edit(engine, bo, post.id, "Mine now", base_version=1),
        lambda: scheduling.schedule(engine, bo, post.id, WHEN),
        lambda: publishing.publish_kit(engine, bo, post.id),
        lambda: posts.update_details(engine, bo, post.id, title="Hijacked"),
        lambda: approvers.approver_for(engine, bo, ada.person_id),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    assert posts.get_post(engine, ada, post.id).title == ""


def test_history_diff_restore_and_rejected_suggestions(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = draft(engine, ada, ada, text="One.\n\nTwo.")
    posts.save_text(engine, ada, post.id, "One.\n\nTwo, changed.", base_version=1)
    texts = revisions.history(engine, ada, post.id)
    diff = revisions.revision_diff(engine, ada, post.id, texts[0].id, texts[1].id)
    assert "-Two." in diff and "+Two, changed." in diff and diff[0].startswith("--- Revision 1")
    restored = revisions.restore(engine, ada, post.id, texts[0].id, base_version=2)
    assert (restored.version, restored.text) == (3, "One.\n\nTwo.")
    assert revisions.history(engine, ada, post.id)[-1].note == "restored revision 1"
    with pytest.raises(EditConflict):
        revisions.restore(engine, ada, post.id, texts[1].id, base_version=2)
    coach_restore = revisions.restore(engine, cora, post.id, texts[1].id, base_version=3)
    assert coach_restore.version == 3  # a coach's restore is a suggestion
    suggestion = revisions.open_suggestions(engine, ada, post.id)[0]
    revisions.reject_suggestion(engine, ada, post.id, suggestion.id)
    with pytest.raises(ValidationFailed, match="already rejected"):
        revisions.accept_suggestion(engine, ada, post.id, suggestion.id, base_version=3)
    assert not revisions.open_suggestions(engine, ada, post.id)
    assert "post.suggestion_rejected" in actions(engine, post.id)


def test_details_and_deletion(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = draft(engine, ada, ada)
    changed = posts.update_details(engine, cora, post.id, title="Buffers", pillar="Edge reliability", channel="x")
    assert (changed.title, changed.pillar, changed.channel) == ("Buffers", "Edge reliability", "x")
    with pytest.raises(ValidationFailed, match="channel"):
        posts.update_details(engine, ada, post.id, channel="tiktok")
    review.move_post(engine, ada, post.id, Move.REQUEST_REVIEW)
    review.move_post(engine, ada, post.id, Move.APPROVE)
    with pytest.raises(PermissionDenied):
        posts.update_details(engine, cora, post.id, title="After approval")
    posts.delete_post(engine, ada, post.id)
    assert "post.deleted" in actions(engine, post.id)
