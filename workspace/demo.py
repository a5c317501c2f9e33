"""Build (or reset) the demo workspace from the team-written files in workspace/demo_data/."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.identity import CoachAssignment, Person, Role
from core.permissions import Actor
from core.settings import Settings
from workspace.engagement.demo import import_demo_engagement
from workspace.models import Engagement, PostStatus
from workspace.passwords import generate_password
from workspace.people import add_person
from workspace.posts import add_post
from workspace.program.metrics import Metric
from workspace.program.models import Goal, scope_key

DEMO_DATA = Path(__file__).parent / "demo_data"


@dataclass
class DemoAccounts:
    """Who was created, with the one-time passwords to print."""

    passwords: dict[str, str] = field(default_factory=dict)
    roles: dict[str, str] = field(default_factory=dict)
    post_count: int = 0

    def as_text(self) -> str:
        lines = [f"{handle:10} {self.roles[handle]:7} {password}" for handle, password in self.passwords.items()]
        return "handle     role    password\n" + "\n".join(lines) + "\n"


def load_yaml(name: str) -> Any:
    path = DEMO_DATA / name
    return yaml.safe_load(path.read_text(encoding="utf-8")) if path.exists() else None


def _add_accounts(session: Session, password: str | None, accounts: DemoAccounts) -> dict[str, Person]:
    team = load_yaml("leaders.yaml")
    entries = [(team["admin"], Role.ADMIN)]
    entries += [(coach, Role.COACH) for coach in team.get("coaches", [])]
    entries += [(leader, Role.LEADER) for leader in team["leaders"]]
    people: dict[str, Person] = {}
    for entry, role in entries:
        secret = password or generate_password()
        people[entry["handle"]] = add_person(
            session,
            handle=entry["handle"],
            name=entry["name"],
            email=entry["email"],
            role=role,
            password=secret,
            title=entry.get("title", ""),
        )
        accounts.passwords[entry["handle"]] = secret
        accounts.roles[entry["handle"]] = role.value
    for coach in team.get("coaches", []):
        for leader in coach.get("assigned_leaders", []):
            session.add(CoachAssignment(coach_id=people[coach["handle"]].id, leader_id=people[leader].id))
    return people


def _moment(value: str | date | datetime) -> datetime:
    if isinstance(value, datetime):
        moment = value
    elif isinstance(value, date):
        moment = datetime.combine(value, time())  # a date without a time: midnight UTC means "time unknown"
    else:
        moment = datetime.fromisoformat(value)
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def _add_past_posts(session: Session, admin: Actor, leader: Person) -> int:
    items = load_yaml(f"posts/{leader.handle}.yaml") or []
    for item in items:
        published = _moment(item["date"])
        post = add_post(
            session,
            admin,
            leader.id,
            text=item["text"],
            channel=item.get("channel", "linkedin"),
            status=PostStatus.PUBLISHED,
            published_at=published,
            url=item.get("url"),
            pillar=item.get("pillar", ""),
            origin="demo",
        )
        counts = {key: int(item.get(key, 0)) for key in ("impressions", "reactions", "comments", "reposts", "clicks")}
        session.add(Engagement(post_id=post.id, day=published, source="demo", **counts))
    return len(items)


def _add_goals(session: Session, people: dict[str, Person]) -> None:
    """The goals the demo coach agreed with each leader, and the program's goals."""
    goals = load_yaml("goals.yaml") or {}
    coach = next((p for p in people.values() if p.role == Role.COACH), None)
    owners: list[tuple[int | None, dict[str, float]]] = [(None, goals.get("program", {}))]
    owners += [(people[handle].id, values) for handle, values in goals.get("leaders", {}).items()]
    for leader_id, values in owners:
        for metric, target in values.items():
            session.add(
                Goal(
                    scope=scope_key(leader_id),
                    leader_id=leader_id,
                    metric=Metric(metric).value,
                    target=float(target),
                    set_by=coach.id if coach else None,
                )
            )


PLANS_START = date(2026, 11, 24)
"""The first planned post in plans.yaml; the plan moves forward in whole weeks so it always lies ahead."""


def plan_shift(today: date) -> timedelta:
    """How far the demo's plan is moved so that its first post falls after `today` (whole weeks: weekdays, times
    and the gaps between posts stay as written)."""
    late = (today - PLANS_START).days + 1
    return timedelta(weeks=max(0, -(-late // 7)))


def _add_plans(session: Session, admin: Actor, people: dict[str, Person], today: date) -> int:
    plans = load_yaml("plans.yaml") or []
    shift = plan_shift(today)
    for item in plans:
        add_post(
            session,
            admin,
            people[item["leader"]].id,
            text=item.get("text") or "",
            channel=item.get("channel", "linkedin"),
            status=item.get("status", PostStatus.IDEA),
            scheduled_at=_moment(item["date"]) + shift,
            title=item.get("title", ""),
            pillar=item.get("pillar", ""),
            origin="demo",
        )
    return len(plans)


def build_demo(
    engine: Engine, settings: Settings, *, password: str | None = None, today: date | None = None
) -> DemoAccounts:
    """Fill an empty, migrated database with the demo company (its plan ahead of `today`, by default the real
    date; its past posts and figures as dated). Returns the accounts and passwords."""
    accounts = DemoAccounts()
    with unit_of_work(engine) as session:
        people = _add_accounts(session, password, accounts)
        _add_goals(session, people)
        admin = Actor.of(next(p for p in people.values() if p.role == Role.ADMIN))
        leaders = [p for p in people.values() if p.role == Role.LEADER]
        accounts.post_count = sum(_add_past_posts(session, admin, leader) for leader in leaders)
        accounts.post_count += _add_plans(session, admin, people, today or datetime.now(UTC).date())
    import_demo_engagement(engine, admin)
    credentials = settings.data_dir / "demo-accounts.txt"
    credentials.write_text(accounts.as_text(), encoding="utf-8")
    credentials.chmod(0o600)
    return accounts


def demo_kb_documents() -> list[Path]:
    return sorted((DEMO_DATA / "kb").glob("*.md"))
