"""Probes for the post lifecycle's entry points (review, revisions and suggestions, scheduling, publishing, post
details and search; ideas with their pillars and sources, designated approvers, Home's to-do lists, the onboarding
checklist), by the rules of matrix.py: a probe returns True when the call reached Bo's object. A fit or an idea for
Bo, or one sourced from Bo's private note, counts as reaching Bo.

Every probe that changes something works on a fresh post of Bo's (set up by the admin), so the shared world keeps
its posts as they were. INNER names the workflow's rules: they decide on a post a guarded service already loaded
(or on a leader it already checked) and return only a decision; no page calls them.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from core.permissions import Actor
from narratives.brand.matching import PillarFit
from narratives.lifecycle import ideas as lifecycle
from narratives.lifecycle import onboarding, todo
from tests.security.matrix import Probe, _calls, _serial, fresh_bo_post
from tests.security.world import World
from workspace import approvers, home, ideas, post_search, posts, publishing, review, revisions, scheduling
from workspace.calendar import service as calendar
from workspace.models import PostStatus
from workspace.workflow import Move

SECRET_WORD = "Quagga"
LATER = timedelta(days=200)  # Bo's narrative, saved as the world was built, counts as untouched by then


def _later(days: int = 9) -> datetime:
    return datetime.now(UTC) + timedelta(days=days)


def _bo_suggestion(w: World) -> tuple[int, int]:
    """A fresh post of Bo's with one open suggestion (the admin suggests it): (post id, suggestion id)."""
    post_id = fresh_bo_post(w)
    text = f"Suggested {next(_serial)}"
    return post_id, revisions.suggest_edit(w.engine, w.people["root"], post_id, text, base_version=1).id


def _first_revision(w: World, post_id: int) -> int:
    return revisions.history(w.engine, w.people["root"], post_id)[0].id


def _restore(w: World, a: Actor) -> bool:
    post_id = fresh_bo_post(w)
    first = _first_revision(w, post_id)
    return revisions.restore(w.engine, a, post_id, first, base_version=1).version == 2


def _revision_diff(w: World, a: Actor) -> bool:
    post_id, suggestion = _bo_suggestion(w)
    lines = revisions.revision_diff(w.engine, a, post_id, _first_revision(w, post_id), suggestion)
    return any("Bo's fresh post" in line for line in lines)


def _accept(w: World, a: Actor) -> bool:
    post_id, suggestion = _bo_suggestion(w)
    return revisions.accept_suggestion(w.engine, a, post_id, suggestion, base_version=1).text.startswith("Suggested")


def _reject(w: World, a: Actor) -> bool:
    post_id, suggestion = _bo_suggestion(w)
    revisions.reject_suggestion(w.engine, a, post_id, suggestion)
    return not revisions.open_suggestions(w.engine, w.people["root"], post_id)


def _open_suggestions(w: World, a: Actor) -> bool:
    post_id, suggestion = _bo_suggestion(w)
    return suggestion in {view.id for view in revisions.open_suggestions(w.engine, a, post_id)}


def _search(w: World, a: Actor) -> bool:
    found = post_search.search_posts(w.engine, a, post_search.PostFilter(words=SECRET_WORD.lower()))
    return any(post.leader_id == w.bo for post in found) or _calls(
        lambda: post_search.search_posts(w.engine, a, post_search.PostFilter(leader_id=w.bo))
    )


def _bo_fit(w: World) -> PillarFit:
    """What the material page offers for Bo: his private note fits one of his pillars."""
    return PillarFit(w.bo_doc, "bo-note", w.bo, "Bo", "", 0.5, "the Zebra initiative replaces the Pulse gateway")


def _list_ideas(w: World, a: Actor) -> bool:
    idea = ideas.capture_idea(w.engine, w.people["root"], w.bo, title=f"Bo's idea {next(_serial)}").id
    return idea in {view.id for view in ideas.list_ideas(w.engine, a)} or _calls(
        lambda: ideas.list_ideas(w.engine, a, w.bo)
    )


def _pillar_choices(w: World, a: Actor) -> bool:
    root = w.people["root"]
    bo_only = set(lifecycle.pillar_names(w.engine, root, w.bo)) - set(lifecycle.pillar_names(w.engine, root, w.ada))
    return bool(bo_only & set(lifecycle.pillar_choices(w.engine, a, None))) or _calls(
        lambda: lifecycle.pillar_choices(w.engine, a, w.bo)
    )


def _set_approver(w: World, a: Actor) -> bool:
    """Name the admin as Bo's approver, then (when that went through) clear it again, so Bo's posts keep their rules."""
    root = w.people["root"]
    named = approvers.set_approver(w.engine, a, w.bo, root.person_id)
    approvers.set_approver(w.engine, root, w.bo, None)
    return named.approver_id == root.person_id


def _todo_for(w: World, a: Actor) -> bool:
    found = todo.todo_for(w.engine, a)
    items = [item.leader_id for section in found.sections for item in section.items]
    lists = [*([found.checklist] if found.checklist else []), *found.pilot]
    return w.bo in items or any(item.leader_id == w.bo for item in lists)


def _post_todos(w: World, a: Actor) -> bool:
    found = home.post_todos(w.engine, a)
    return any(item.leader_id == w.bo for group in vars(found).values() for item in group)


PROBES: dict[str, Probe] = {
    # the review loop
    "workspace.review.move_post": lambda w, a: (
        review.move_post(w.engine, a, fresh_bo_post(w), Move.REQUEST_REVIEW).status == PostStatus.IN_REVIEW
    ),
    "workspace.review.set_status": lambda w, a: (
        review.set_status(w.engine, a, fresh_bo_post(w), PostStatus.IN_REVIEW).status == PostStatus.IN_REVIEW
    ),
    "workspace.review.available_moves": lambda w, a: _calls(
        lambda: review.available_moves(w.engine, a, w.ids["bo_draft"])
    ),
    "workspace.review.add_comment": lambda w, a: _calls(
        lambda: review.add_comment(w.engine, a, fresh_bo_post(w), "hi")
    ),
    "workspace.review.comments": lambda w, a: (
        "Bo-only comment" in {c.text for c in review.comments(w.engine, a, w.ids["bo_draft"])}
    ),
    # revisions and suggestions
    "workspace.revisions.history": lambda w, a: any(
        SECRET_WORD in view.text for view in revisions.history(w.engine, a, w.ids["bo_draft"])
    ),
    "workspace.revisions.open_suggestions": _open_suggestions,
    "workspace.revisions.revision_diff": _revision_diff,
    "workspace.revisions.restore": _restore,
    "workspace.revisions.suggest_edit": lambda w, a: _calls(
        lambda: revisions.suggest_edit(w.engine, a, fresh_bo_post(w), "A suggestion.", base_version=1)
    ),
    "workspace.revisions.accept_suggestion": _accept,
    "workspace.revisions.reject_suggestion": _reject,
    # details, search and the calendar's warnings
    "workspace.posts.update_details": lambda w, a: (
        posts.update_details(w.engine, a, fresh_bo_post(w), title="Renamed").title == "Renamed"
    ),
    "workspace.post_search.search_posts": _search,
    "workspace.calendar.service.warnings_if_scheduled": lambda w, a: _calls(
        lambda: calendar.warnings_if_scheduled(w.engine, a, w.ids["bo_draft"], _later())
    ),
    # scheduling
    "workspace.scheduling.suggest_slot": lambda w, a: _calls(lambda: scheduling.suggest_slot(w.engine, a, w.bo)),
    "workspace.scheduling.preview": lambda w, a: _calls(
        lambda: scheduling.preview(w.engine, a, w.ids["bo_draft"], _later())
    ),
    "workspace.scheduling.schedule": lambda w, a: (
        scheduling.schedule(w.engine, a, fresh_bo_post(w), _later()).scheduled_at is not None
    ),
    "workspace.scheduling.unschedule": lambda w, a: (
        scheduling.unschedule(w.engine, a, fresh_bo_post(w, scheduled_at=_later(5))).scheduled_at is None
    ),
    # publishing
    "workspace.publishing.publish_kit": lambda w, a: (
        SECRET_WORD in publishing.publish_kit(w.engine, a, w.ids["bo_draft"]).text
    ),
    "workspace.publishing.mark_published": lambda w, a: (
        publishing.mark_published(w.engine, a, fresh_bo_post(w), f"https://x.com/bo/status/{next(_serial)}").status
        == PostStatus.PUBLISHED
    ),
    "workspace.publishing.post_figures": lambda w, a: (
        publishing.post_figures(w.engine, a, w.ids["bo_scheduled"]) is not None
    ),
    # ideas
    "workspace.ideas.capture_idea": lambda w, a: (
        ideas.capture_idea(w.engine, a, w.bo, title=f"Planted idea {next(_serial)}").leader_id == w.bo
    ),
    "workspace.ideas.list_ideas": _list_ideas,
    "narratives.lifecycle.ideas.capture_idea": lambda w, a: (
        lifecycle.capture_idea(w.engine, a, w.kb, w.bo, title="From Bo's note", source_document_id=w.bo_doc).leader_id
        == w.bo
    ),
    "narratives.lifecycle.ideas.idea_from_fit": lambda w, a: (
        lifecycle.idea_from_fit(w.engine, a, w.kb, _bo_fit(w)).source_document_id == w.bo_doc
    ),
    "narratives.lifecycle.ideas.leader_documents": lambda w, a: (
        w.bo_doc in {doc.id for doc in lifecycle.leader_documents(w.engine, a, w.kb, w.bo)}
    ),
    "narratives.lifecycle.ideas.pillar_names": lambda w, a: _calls(lambda: lifecycle.pillar_names(w.engine, a, w.bo)),
    "narratives.lifecycle.ideas.pillar_choices": _pillar_choices,
    "narratives.lifecycle.ideas.set_details": lambda w, a: (
        lifecycle.set_details(w.engine, a, fresh_bo_post(w), title="Renamed", pillar="", channel="x", note="").channel
        == "x"
    ),
    # designated approvers (naming one is the admin's; reading it is for whoever may see the leader)
    "workspace.approvers.set_approver": _set_approver,
    "workspace.approvers.approver_choices": lambda w, a: _calls(lambda: approvers.approver_choices(w.engine, a, w.bo)),
    "workspace.approvers.approver_for": lambda w, a: approvers.approver_for(w.engine, a, w.bo).leader_id == w.bo,
    # Home's to-do lists and the onboarding checklist
    "workspace.home.post_todos": _post_todos,
    "workspace.home.behind_cadence": lambda w, a: any(t.leader_id == w.bo for t in home.behind_cadence(w.engine, a)),
    "narratives.lifecycle.todo.stale_narratives": lambda w, a: any(
        t.leader_id == w.bo for t in todo.stale_narratives(w.engine, a, now=datetime.now(UTC) + LATER)
    ),
    "narratives.lifecycle.todo.todo_for": _todo_for,
    "narratives.lifecycle.onboarding.checklist": lambda w, a: onboarding.checklist(w.engine, a, w.bo).leader_id == w.bo,
    "narratives.lifecycle.onboarding.pilot_overview": lambda w, a: any(
        c.leader_id == w.bo for c in onboarding.pilot_overview(w.engine, a)
    ),
    "narratives.lifecycle.onboarding.confirm_voice_card": lambda w, a: _calls(
        lambda: onboarding.confirm_voice_card(w.engine, a, w.bo, posts_counted=6)
    ),
}

INNER = {
    "workspace.posts.add_suggestion": "writes to a Post the caller loaded with load_visible_post in its unit of work",
    "workspace.workflow.check_move": "a rule on a Post the caller loaded with load_visible_post; returns a status",
    "workspace.workflow.apply_move": "changes a Post the caller loaded with load_visible_post in its unit of work",
    "workspace.workflow.available_moves": "a rule on a Post the caller loaded with load_visible_post; returns moves",
    "workspace.workflow.after_text_change": "changes a Post the caller loaded with load_visible_post after a save",
    "workspace.workflow.text_change": "a rule on a Post the caller loaded with load_visible_post; reads no session",
    "workspace.workflow.check_owner_action": "a rule on a Post the caller loaded with load_visible_post; raises only",
    "workspace.workflow.check_details": "a rule on a Post the caller loaded with load_visible_post; raises only",
    "workspace.workflow.check_create": "a rule add_post asks after require_leader_access; raises only",
    "workspace.workflow.parties": "the parts the actor plays, asked by check_move/check_create after the access check",
}
