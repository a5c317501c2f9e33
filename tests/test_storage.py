"""Posts, revisions, conflicts, audit and permissions on real SQLite and real PostgreSQL."""

from __future__ import annotations

import pytest
from sqlalchemy import Engine, select, text

from core.db import unit_of_work
from core.errors import EditConflict, NotFound, PermissionDenied, ValidationFailed
from core.identity import AuditEvent, Role
from core.permissions import Actor
from tests.conftest import make_people
from workspace import posts, review
from workspace.models import PostStatus
from workspace.people import change_role, list_leaders
from workspace.revisions import history, suggest_edit


def audit_actions(engine: Engine) -> list[str]:
    with unit_of_work(engine) as session:
        return list(session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_every_save_is_a_new_revision(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post = posts.create_post(engine, ada, ada.person_id, text="First words.", title="Launch")
    second = posts.save_text(engine, ada, post.id, "Second words.", base_version=post.version)
    third = posts.save_text(engine, people["root"], post.id, "Admin fix.", base_version=second.version)
    suggest_edit(engine, people["cora"], post.id, "Coach suggestion.", base_version=third.version)

    texts = history(engine, ada, post.id)
    assert [r.text for r in texts] == ["First words.", "Second words.", "Admin fix.", "Coach suggestion."]
    assert [r.author for r in texts] == ["Ada", "Ada", "Root", "Cora"]
    assert [r.number for r in texts] == [1, 2, 3, None] and texts[-1].is_open_suggestion
    assert third.version == 3 and posts.get_post(engine, ada, post.id).text == "Admin fix."


def test_concurrent_edit_raises_conflict_and_keeps_both_texts(engine: Engine, people: dict[str, Actor]) -> None:
    ada, root = people["ada"], people["root"]
    post = posts.create_post(engine, ada, ada.person_id, text="Draft one.")
    loaded_by_leader = posts.get_post(engine, ada, post.id)
    loaded_by_admin = posts.get_post(engine, root, post.id)

    posts.save_text(engine, root, post.id, "Admin's edit.", base_version=loaded_by_admin.version)
    with pytest.raises(EditConflict) as conflict:
        posts.save_text(engine, ada, post.id, "Leader's edit.", base_version=loaded_by_leader.version)

    assert conflict.value.current_text == "Admin's edit."
    assert conflict.value.your_text == "Leader's edit."
    assert "newer version" in str(conflict.value)
    saved = {r.text for r in history(engine, ada, post.id)}
    assert {"Admin's edit.", "Leader's edit.", "Draft one."} <= saved
    assert posts.get_post(engine, ada, post.id).text == "Admin's edit."
    assert "post.edit_conflict" in audit_actions(engine)


def test_leader_cannot_read_or_edit_another_leaders_draft(engine: Engine, people: dict[str, Actor]) -> None:
    ada, bo = people["ada"], people["bo"]
    post = posts.create_post(engine, ada, ada.person_id, text="Private draft.")
    with pytest.raises(PermissionDenied):
        posts.get_post(engine, bo, post.id)
    with pytest.raises(PermissionDenied):
        posts.save_text(engine, bo, post.id, "Hijack", base_version=1)
    with pytest.raises(PermissionDenied):
        posts.create_post(engine, bo, ada.person_id, text="Posting as Ada")
    assert [p.id for p in posts.list_posts(engine, bo)] == []
    assert posts.get_post(engine, ada, post.id).text == "Private draft."


def test_coach_sees_only_assigned_leaders(engine: Engine, people: dict[str, Actor]) -> None:
    cora = people["cora"]
    assert [p.handle for p in list_leaders(engine, cora)] == ["ada"]
    bo_post = posts.create_post(engine, people["bo"], people["bo"].person_id, text="Bo's idea")
    with pytest.raises(PermissionDenied):
        posts.get_post(engine, cora, bo_post.id)
    assert {p.handle for p in list_leaders(engine, people["root"])} == {"ada", "bo"}


def test_coach_comments_but_cannot_approve(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    post = posts.create_post(engine, ada, ada.person_id, text="Needs review", status=PostStatus.IN_REVIEW)
    review.add_comment(engine, cora, post.id, "Lead with the customer story.")
    with pytest.raises(PermissionDenied):
        review.set_status(engine, cora, post.id, PostStatus.APPROVED)
    approved = review.set_status(engine, ada, post.id, PostStatus.APPROVED)
    assert approved.status == PostStatus.APPROVED
    assert "post.approved" in audit_actions(engine)


def test_deletion_and_role_change_are_audited(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post = posts.create_post(engine, ada, ada.person_id, text="Short-lived")
    posts.delete_post(engine, ada, post.id)
    with pytest.raises(NotFound):
        posts.get_post(engine, ada, post.id)
    change_role(engine, people["root"], people["bo"].person_id, Role.COACH)
    with pytest.raises(PermissionDenied):
        change_role(engine, ada, people["bo"].person_id, Role.ADMIN)
    assert {"post.deleted", "role.changed"} <= set(audit_actions(engine))


def test_oversized_post_is_refused_and_nothing_lost(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post = posts.create_post(engine, ada, ada.person_id, text="Keep me")
    with pytest.raises(ValidationFailed, match="at most"):
        posts.save_text(engine, ada, post.id, "x" * 50_000, base_version=1)
    assert posts.get_post(engine, ada, post.id).text == "Keep me"


def test_foreign_keys_are_enforced(engine: Engine) -> None:
    make_people(engine)
    with pytest.raises(Exception, match="(?i)foreign key"), engine.begin() as connection:
        connection.execute(
            text(
                "INSERT INTO post_revisions (post_id, text, note, conflicted, created_at) "
                "VALUES (9999, 'orphan', '', false, CURRENT_TIMESTAMP)"
            )
        )
