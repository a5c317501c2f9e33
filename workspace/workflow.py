"""The post workflow in one place: the statuses, the moves between them, and who may make each move.

Every status change in every service goes through `apply_move` (checked, then audited). Text changes ask
`text_change` first: published text is final, a coach's edit of existing text is a suggestion the leader accepts or
rejects, and `after_text_change` sends an approved or scheduled post back to review.

Who: the post's own leader, their coaches, admins, and (when an admin names one) the leader's designated approver.
Coaches comment, suggest edits, request review and request changes; they never approve, schedule, publish or delete
a leader's post, and never create one that is already approved or published.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum

from sqlalchemy import select
from sqlalchemy.orm import Session

from core import audit
from core.errors import PermissionDenied, ValidationFailed
from core.identity import Role
from core.permissions import Actor
from workspace.models import LeaderApprover, Post, PostStatus

S = PostStatus


class Move(StrEnum):
    START_DRAFT = "start_draft"
    PARK = "park"
    REQUEST_REVIEW = "request_review"
    WITHDRAW = "withdraw"
    REQUEST_CHANGES = "request_changes"
    APPROVE = "approve"
    SCHEDULE = "schedule"
    UNSCHEDULE = "unschedule"
    REOPEN = "reopen"
    PUBLISH = "publish"


SOURCES: dict[Move, frozenset[str]] = {
    Move.START_DRAFT: frozenset({S.IDEA}),
    Move.PARK: frozenset({S.DRAFT}),
    Move.REQUEST_REVIEW: frozenset({S.DRAFT, S.RETURNED}),
    Move.WITHDRAW: frozenset({S.IN_REVIEW}),
    Move.REQUEST_CHANGES: frozenset({S.IN_REVIEW}),
    Move.APPROVE: frozenset({S.IN_REVIEW}),
    Move.SCHEDULE: frozenset({S.APPROVED}),
    Move.UNSCHEDULE: frozenset({S.SCHEDULED}),
    Move.REOPEN: frozenset({S.APPROVED, S.SCHEDULED}),
    Move.PUBLISH: frozenset({S.DRAFT, S.IN_REVIEW, S.RETURNED, S.APPROVED, S.SCHEDULED}),
}
TARGETS: dict[Move, PostStatus] = {
    Move.START_DRAFT: S.DRAFT,
    Move.PARK: S.IDEA,
    Move.REQUEST_REVIEW: S.IN_REVIEW,
    Move.WITHDRAW: S.DRAFT,
    Move.REQUEST_CHANGES: S.RETURNED,
    Move.APPROVE: S.APPROVED,
    Move.SCHEDULE: S.SCHEDULED,
    Move.UNSCHEDULE: S.APPROVED,
    Move.REOPEN: S.IN_REVIEW,
    Move.PUBLISH: S.PUBLISHED,
}
# Who may make each move (approval is decided by `approvers`): the post's leader, a coach, an admin, the approver
MAY: dict[Move, frozenset[str]] = {
    Move.START_DRAFT: frozenset({"leader", "coach", "admin"}),
    Move.PARK: frozenset({"leader", "admin"}),
    Move.REQUEST_REVIEW: frozenset({"leader", "coach", "admin"}),
    Move.WITHDRAW: frozenset({"leader", "admin"}),
    Move.REQUEST_CHANGES: frozenset({"coach", "approver", "admin"}),
    Move.SCHEDULE: frozenset({"leader", "admin"}),
    Move.UNSCHEDULE: frozenset({"leader", "admin"}),
    Move.REOPEN: frozenset({"leader", "admin"}),
    Move.PUBLISH: frozenset({"leader", "admin"}),
}
LABELS: dict[Move, str] = {
    Move.START_DRAFT: "Start drafting",
    Move.PARK: "Back to ideas",
    Move.REQUEST_REVIEW: "Request review",
    Move.WITHDRAW: "Withdraw from review",
    Move.REQUEST_CHANGES: "Request changes",
    Move.APPROVE: "Approve",
    Move.SCHEDULE: "Schedule",
    Move.UNSCHEDULE: "Unschedule",
    Move.REOPEN: "Reopen for review",
    Move.PUBLISH: "Mark published",
}
EVENTS: dict[Move, str] = {  # audit actions, as post.<event>
    Move.START_DRAFT: "drafting_started",
    Move.PARK: "parked",
    Move.REQUEST_REVIEW: "review_requested",
    Move.WITHDRAW: "withdrawn",
    Move.REQUEST_CHANGES: "changes_requested",
    Move.APPROVE: "approved",
    Move.SCHEDULE: "scheduled",
    Move.UNSCHEDULE: "unscheduled",
    Move.REOPEN: "reopened",
    Move.PUBLISH: "published",
}
STATUS_LABELS: dict[str, str] = {
    S.IDEA: "idea",
    S.DRAFT: "draft",
    S.IN_REVIEW: "in review",
    S.RETURNED: "changes requested",
    S.APPROVED: "approved",
    S.SCHEDULED: "scheduled",
    S.PUBLISHED: "published",
}
COACH_CREATES = frozenset({S.IDEA, S.DRAFT, S.IN_REVIEW})
NEEDS_APPROVAL = frozenset({S.APPROVED, S.SCHEDULED})
PUBLISHED_IS_FINAL = "This post is published: its text is what went out. Start a new post instead."


def approver_id(session: Session, leader_id: int) -> int | None:
    """The leader's designated approver, if an admin named one."""
    return session.scalar(select(LeaderApprover.approver_id).where(LeaderApprover.leader_id == leader_id))


def parties(session: Session, actor: Actor, leader_id: int) -> frozenset[str]:
    """The parts the actor plays for this leader's posts (access itself is checked by the caller)."""
    found = {"leader"} if actor.person_id == leader_id else set()
    found |= {"admin"} if actor.is_admin else set()
    found |= {"coach"} if actor.role == Role.COACH else set()
    found |= {"approver"} if approver_id(session, leader_id) == actor.person_id else set()
    return frozenset(found)


def approvers(session: Session, leader_id: int) -> frozenset[str]:
    """Who approves: the designated approver when one is named, otherwise the leader (or an admin for them)."""
    return frozenset({"approver"}) if approver_id(session, leader_id) is not None else frozenset({"leader", "admin"})


def check_move(session: Session, actor: Actor, post: Post, move: Move) -> PostStatus:
    """The status the move leads to, or the reason it is not allowed."""
    if post.status not in SOURCES[move]:
        raise ValidationFailed(
            f"“{LABELS[move]}” is not possible for a post that is {STATUS_LABELS.get(post.status, post.status)}."
        )
    allowed = approvers(session, post.leader_id) if move == Move.APPROVE else MAY[move]
    if not parties(session, actor, post.leader_id) & allowed:
        raise PermissionDenied(_refusal(move, actor))
    if move == Move.PUBLISH and post.status not in NEEDS_APPROVAL and approver_id(session, post.leader_id):
        raise ValidationFailed("This leader's posts need their approver's approval before they are published.")
    return TARGETS[move]


def _refusal(move: Move, actor: Actor) -> str:
    if move == Move.APPROVE:
        return "Only the leader, or the approver an admin named for them, approves this post."
    if actor.role == Role.COACH:
        return f"Coaches advise: “{LABELS[move]}” is for the leader."
    return f"{actor.name} may not “{LABELS[move]}” this post."


def apply_move(session: Session, actor: Actor, post: Post, move: Move, **detail: object) -> str:
    """Check and make the move, bump the calendar sequence, audit it; returns the previous status."""
    target = check_move(session, actor, post, move)
    previous = _set_status(post, target)
    audit.record(
        session, f"post.{EVENTS[move]}", actor_id=actor.person_id, target=f"post:{post.id}", previous=previous, **detail
    )
    return previous


def _set_status(post: Post, status: PostStatus) -> str:
    previous, post.status = post.status, status
    post.ical_sequence += 1
    post.updated_at = datetime.now(UTC)
    return previous


def available_moves(session: Session, actor: Actor, post: Post) -> list[Move]:
    """The moves the actor may make on this post now (for buttons; the services check again)."""
    moves = []
    for move in Move:
        try:
            check_move(session, actor, post, move)
        except (PermissionDenied, ValidationFailed):
            continue
        moves.append(move)
    return moves


def move_for(current: str, wanted: str) -> Move:
    """The move that takes a post from one status to another (the calendar's status picker speaks in statuses)."""
    for move in Move:
        if current in SOURCES[move] and TARGETS[move] == wanted:
            return move
    raise ValidationFailed(
        f"A post cannot go from {STATUS_LABELS.get(current, current)} to {STATUS_LABELS.get(wanted, wanted)}."
    )


def text_change(actor: Actor, post: Post) -> str:
    """ "revision" or "suggestion": how the actor's new text for this post is stored. A coach writes a post's
    first text; after that their edits are suggestions. Published text is final."""
    if post.status == S.PUBLISHED:
        raise ValidationFailed(PUBLISHED_IS_FINAL)
    return "suggestion" if actor.role == Role.COACH and post.version > 0 else "revision"


def after_text_change(session: Session, actor: Actor, post: Post) -> None:
    """An idea with text becomes a draft; any text change after approval sends the post back to review."""
    if post.status == S.IDEA:
        previous = _set_status(post, S.DRAFT)
        reason = "first text"
    elif post.status in NEEDS_APPROVAL:
        previous = _set_status(post, S.IN_REVIEW)
        reason = "text changed after approval"
    else:
        return
    audit.record(
        session,
        "post.status_changed",
        actor_id=actor.person_id,
        target=f"post:{post.id}",
        previous=previous,
        new=post.status,
        reason=reason,
    )


def check_create(session: Session, actor: Actor, leader_id: int, status: str, *, origin: str) -> None:
    """A new post's status. Importing a past post records what is already public; anything else starts where its
    creator may put it."""
    if status not in set(PostStatus):
        raise ValidationFailed(f"Unknown status {status!r}.")
    if origin != "byline" and status == S.PUBLISHED:
        return
    if actor.role == Role.COACH and status not in COACH_CREATES:
        raise PermissionDenied("Coaches start ideas and drafts; the leader approves, schedules and publishes.")
    if status in NEEDS_APPROVAL and not parties(session, actor, leader_id) & approvers(session, leader_id):
        raise PermissionDenied("Only the leader, or the approver an admin named for them, approves a post.")


def check_owner_action(actor: Actor, post: Post, action: str) -> None:
    """Scheduling, deleting and deciding on suggestions belong to the leader (or an admin), never a coach."""
    if actor.role == Role.COACH or (actor.person_id != post.leader_id and not actor.is_admin):
        raise PermissionDenied(f"Coaches advise: only the leader (or an admin) may {action}.")


def check_dated(post: Post) -> None:
    """A published post's date is when it went out: it is not rescheduled."""
    if post.status == S.PUBLISHED:
        raise ValidationFailed("This post is already published; its date is when it went out.")


def check_details(actor: Actor, post: Post) -> None:
    """Title, pillar, channel and note: the leader or an admin any time; a coach before approval."""
    if actor.role == Role.COACH and post.status in (*NEEDS_APPROVAL, S.PUBLISHED):
        raise PermissionDenied("Coaches change a post's details before it is approved; ask the leader.")
