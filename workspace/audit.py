"""The audit log: sign-ins, role changes, approvals, deletions, imports."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from workspace.models import AuditEvent
from workspace.permissions import Actor, require_admin


def record(session: Session, action: str, *, actor_id: int | None, target: str = "", **detail: object) -> AuditEvent:
    """Add one audit event to the current unit of work."""
    event = AuditEvent(action=action, actor_id=actor_id, target=target, detail=dict(detail))
    session.add(event)
    return event


def recent_events(session: Session, actor: Actor, *, limit: int = 200) -> list[AuditEvent]:
    """Newest audit events first. Admins only."""
    require_admin(actor)
    query = select(AuditEvent).order_by(AuditEvent.id.desc()).limit(limit)
    return list(session.scalars(query))
