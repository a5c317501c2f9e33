"""Goals: set by an admin or a coach with the leader, read by everyone who may see that leader. The program's
goals belong to the company and are read by comms staff. The posts-per-week goal is the calendar's weekly target."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core import audit
from core.db import unit_of_work
from core.errors import NotFound, PermissionDenied, ValidationFailed
from core.identity import Person, Role
from core.permissions import Actor, require_leader_access, require_staff
from workspace.program.metrics import SPECS, Metric
from workspace.program.models import Goal, scope_key

MAX_LEADER_POSTS_PER_WEEK = 21


@dataclass(frozen=True)
class GoalView:
    leader_id: int | None
    metric: Metric
    target: float
    note: str
    set_by: str
    updated_at: datetime

    @property
    def label(self) -> str:
        return SPECS[self.metric].label

    @property
    def shown(self) -> str:
        return SPECS[self.metric].format(self.target)


def check_read(session: Session, actor: Actor, leader_id: int | None) -> None:
    """A leader's goals: whoever may see the leader. The program's: comms staff and admins."""
    if leader_id is None:
        require_staff(actor)
    else:
        require_leader_access(session, actor, leader_id)


def _check_write(session: Session, actor: Actor, leader_id: int | None) -> None:
    if actor.role == Role.LEADER:
        raise PermissionDenied("Goals are set by your coach or an admin, with you; ask them to change this one.")
    check_read(session, actor, leader_id)
    if leader_id is not None and session.get(Person, leader_id) is None:
        raise NotFound(f"Leader {leader_id} does not exist.")


def _valid_target(metric: Metric, target: float, leader_id: int | None) -> float:
    spec = SPECS[metric]
    if not 0 <= target <= spec.maximum:
        shown = spec.format(spec.maximum)
        raise ValidationFailed(f"A {spec.label.lower()} goal is between {spec.format(0)} and {shown}.")
    if metric == Metric.POSTS_PER_WEEK:
        if target != int(target):
            raise ValidationFailed("Posts per week is a whole number.")
        if leader_id is not None and target > MAX_LEADER_POSTS_PER_WEEK:
            raise ValidationFailed(f"A leader's posts per week is between 0 and {MAX_LEADER_POSTS_PER_WEEK}.")
    return float(target)


def _view(goal: Goal, names: dict[int, str]) -> GoalView:
    return GoalView(
        goal.leader_id,
        Metric(goal.metric),
        goal.target,
        goal.note,
        names.get(goal.set_by or 0, ""),
        goal.updated_at,
    )


def goals_for(engine: Engine, actor: Actor, leader_id: int | None) -> dict[Metric, GoalView]:
    """The goals of one leader, or of the program (leader_id None)."""
    with unit_of_work(engine) as session:
        check_read(session, actor, leader_id)
        return load_goals(session, leader_id)


def load_goals(session: Session, leader_id: int | None) -> dict[Metric, GoalView]:
    """Goals of one owner, within the caller's unit of work (permission already checked)."""
    goals = list(session.scalars(select(Goal).where(Goal.scope == scope_key(leader_id))))
    setters = {goal.set_by for goal in goals if goal.set_by}
    names = dict(session.execute(select(Person.id, Person.name).where(Person.id.in_(setters))).all())
    return {Metric(goal.metric): _view(goal, names) for goal in goals if goal.metric in Metric.__members__.values()}


def set_goal(
    engine: Engine, actor: Actor, leader_id: int | None, metric: Metric | str, target: float, *, note: str = ""
) -> GoalView:
    """Create or change one goal (an admin, or a coach of that leader; the program: an admin or a coach)."""
    chosen = _metric(metric)
    set_goals(engine, actor, leader_id, {chosen: target}, note=note)
    return goals_for(engine, actor, leader_id)[chosen]


def set_goals(
    engine: Engine, actor: Actor, leader_id: int | None, targets: dict[Metric, float | None], *, note: str = ""
) -> int:
    """Set several goals at once, all or nothing: a target of None removes that goal (for posts per week, the
    calendar then stops checking a weekly target). Returns how many goals changed."""
    values = {_metric(m): None if t is None else _valid_target(_metric(m), t, leader_id) for m, t in targets.items()}
    changed = 0
    with unit_of_work(engine) as session:
        _check_write(session, actor, leader_id)
        for metric, value in values.items():
            changed += _apply(session, actor, leader_id, metric, value, note)
    return changed


def _apply(
    session: Session, actor: Actor, leader_id: int | None, metric: Metric, value: float | None, note: str
) -> bool:
    goal = session.scalar(select(Goal).where(Goal.scope == scope_key(leader_id), Goal.metric == metric))
    previous = goal.target if goal else None
    if previous == value and (value is None or not note.strip() or goal.note == note.strip()[:300]):
        return False
    if value is None:
        session.delete(goal)
    else:
        if goal is None:
            goal = Goal(scope=scope_key(leader_id), leader_id=leader_id, metric=metric.value)
            session.add(goal)
        goal.target, goal.note, goal.set_by = value, note.strip()[:300], actor.person_id
        goal.updated_at = datetime.now(UTC)
    session.flush()
    audit.record(
        session,
        "goal.set",
        actor_id=actor.person_id,
        target=scope_key(leader_id),
        metric=metric.value,
        previous=previous,
        new=value,
    )
    return True


def clear_goal(engine: Engine, actor: Actor, leader_id: int | None, metric: Metric | str) -> None:
    """Remove a goal (for posts per week: the calendar stops checking a weekly target)."""
    set_goals(engine, actor, leader_id, {_metric(metric): None})


def _metric(metric: Metric | str) -> Metric:
    try:
        return Metric(metric)
    except ValueError:
        raise ValidationFailed(f"{metric!r} is not a goal Byline measures.") from None


def weekly_targets(session: Session, leader_ids: set[int]) -> dict[int, int]:
    """Each leader's posts-per-week goal (0: none set), the one number narrative, calendar and analytics use."""
    rows = session.execute(
        select(Goal.leader_id, Goal.target).where(Goal.metric == Metric.POSTS_PER_WEEK, Goal.leader_id.in_(leader_ids))
    )
    found = {leader_id: int(target) for leader_id, target in rows if leader_id is not None}
    return {leader_id: found.get(leader_id, 0) for leader_id in leader_ids}
