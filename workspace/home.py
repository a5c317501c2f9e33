"""What needs the signed-in person's attention this week."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from core.identity import Role
from core.permissions import Actor
from workspace.models import PostStatus
from workspace.people import list_leaders
from workspace.posts import PostView, list_posts


@dataclass
class Attention:
    """Posts grouped by what someone should do about them this week."""

    leader_names: dict[int, str]
    to_review: list[PostView] = field(default_factory=list)
    to_approve: list[PostView] = field(default_factory=list)
    scheduled_this_week: list[PostView] = field(default_factory=list)
    drafts: list[PostView] = field(default_factory=list)

    @property
    def is_empty(self) -> bool:
        return not (self.to_review or self.to_approve or self.scheduled_this_week or self.drafts)


def _aware(moment: datetime | None) -> datetime | None:
    return moment.replace(tzinfo=UTC) if moment and moment.tzinfo is None else moment


def attention_this_week(engine: Engine, actor: Actor, *, now: datetime | None = None) -> Attention:
    now = now or datetime.now(UTC)
    week_end = now + timedelta(days=7)
    leaders = {leader.id: leader.name for leader in list_leaders(engine, actor)}
    attention = Attention(leader_names=leaders)
    open_statuses = tuple(s.value for s in PostStatus if s != PostStatus.PUBLISHED)
    for post in list_posts(engine, actor, statuses=open_statuses):
        when = _aware(post.scheduled_at)
        if post.status == PostStatus.IN_REVIEW:
            target = attention.to_review if actor.role != Role.LEADER else attention.to_approve
            target.append(post)
        elif when is not None and now <= when <= week_end:
            attention.scheduled_this_week.append(post)
        elif post.status == PostStatus.DRAFT:
            attention.drafts.append(post)
    attention.scheduled_this_week.sort(key=lambda p: _aware(p.scheduled_at) or now)
    return attention
