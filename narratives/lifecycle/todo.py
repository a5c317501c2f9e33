"""Home is a to-do list per role. Leader: drafts waiting on me, reviews returned, due this week, the onboarding
checklist. Coach: reviews requested, leaders behind their cadence, narratives not touched in 90 days. Admin: people
without a coach, pending invitations, locked accounts, and the pilot group's onboarding at a glance."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine, select

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor, visible_leader_ids
from narratives.brand.models import NarrativeRecord
from narratives.lifecycle.onboarding import Checklist, checklist, pilot_overview
from workspace.home import Todo, aware, behind_cadence, post_todos
from workspace.people import PersonView
from workspace.people_todo import awaiting_role, leaders_without_coach, locked_accounts, pending_invitations

STALE_NARRATIVE_DAYS = 90


@dataclass(frozen=True)
class TodoSection:
    heading: str
    items: list[Todo]
    empty: str


@dataclass
class TodoList:
    sections: list[TodoSection] = field(default_factory=list)
    checklist: Checklist | None = None
    pilot: list[Checklist] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not any(section.items for section in self.sections)


def stale_narratives(engine: Engine, actor: Actor, *, now: datetime | None = None) -> list[Todo]:
    """Visible leaders whose narrative was never saved or not changed in 90 days."""
    cutoff = (now or datetime.now(UTC)) - timedelta(days=STALE_NARRATIVE_DAYS)
    with unit_of_work(engine) as session:
        scope = visible_leader_ids(session, actor)
        rows = session.execute(
            select(Person.id, Person.name, NarrativeRecord.version, NarrativeRecord.updated_at)
            .outerjoin(NarrativeRecord, NarrativeRecord.leader_id == Person.id)
            .where(Person.id.in_(scope))
            .order_by(Person.name)
        ).all()
    stale = []
    for leader_id, name, version, updated in rows:
        if not version:
            stale.append(Todo(name, "no narrative saved yet", leader_id=leader_id))
        elif (moment := aware(updated)) is not None and moment < cutoff:
            stale.append(Todo(name, f"last changed {moment:%d %b %Y}", leader_id=leader_id))
    return stale


def _leader(engine: Engine, actor: Actor, now: datetime) -> TodoList:
    posts = post_todos(engine, actor, now=now)
    return TodoList(
        sections=[
            TodoSection("Drafts waiting on me", posts.waiting_on_me, "Nothing is waiting on you."),
            TodoSection("Reviews returned", posts.returned, "No post came back from review."),
            TodoSection("Due this week", posts.due_this_week, "Nothing is due in the next 7 days."),
        ],
        checklist=checklist(engine, actor, actor.person_id),
    )


def _coach(engine: Engine, actor: Actor, now: datetime) -> TodoList:
    posts = post_todos(engine, actor, now=now)
    sections = [TodoSection("Reviews requested", posts.reviews_requested, "No review is waiting.")]
    if posts.waiting_on_me:
        sections.insert(0, TodoSection("Waiting for your approval", posts.waiting_on_me, ""))
    sections += [
        TodoSection("Leaders behind their cadence", behind_cadence(engine, actor, now=now), "Everyone is on pace."),
        TodoSection(
            "Narratives not touched in 90 days", stale_narratives(engine, actor, now=now), "Every narrative is fresh."
        ),
    ]
    return TodoList(sections=sections, pilot=pilot_overview(engine, actor))


def _people(people: list[PersonView], why: str) -> list[Todo]:
    return [Todo(person.name, why.format(person=person), leader_id=person.id) for person in people]


def _admin(engine: Engine, actor: Actor, now: datetime) -> TodoList:
    posts = post_todos(engine, actor, now=now)
    sections = [TodoSection("Waiting for your approval", posts.waiting_on_me, "")] if posts.waiting_on_me else []
    waiting = awaiting_role(engine, actor)
    sections += [
        TodoSection(
            "People without a coach",
            _people(leaders_without_coach(engine, actor), "leader without a coach: assign one on People"),
            "Every leader has a coach.",
        ),
        TodoSection(
            "Pending invitations",
            _people(pending_invitations(engine, actor), "invited {person.invited_at:%d %b}, not signed in yet"),
            "No invitation is waiting.",
        ),
        TodoSection(
            "Locked accounts",
            _people(locked_accounts(engine, actor, now=now), "locked until {person.locked_until:%d %b %H:%M} UTC"),
            "No account is locked.",
        ),
    ]
    if waiting:
        sections.append(TodoSection("Awaiting a role", _people(waiting, "signed up with single sign-on"), ""))
    return TodoList(sections=sections, pilot=pilot_overview(engine, actor))


def todo_for(engine: Engine, actor: Actor, *, now: datetime | None = None) -> TodoList:
    """The signed-in person's to-do list."""
    now = now or datetime.now(UTC)
    if actor.role == Role.LEADER:
        return _leader(engine, actor, now)
    if actor.role == Role.COACH:
        return _coach(engine, actor, now)
    return _admin(engine, actor, now)
