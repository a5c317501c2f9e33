"""The audit log: sign-ins, role changes, approvals, deletions, imports."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from core.db import unit_of_work
from core.identity import AuditEvent, Person
from core.permissions import Actor, require_admin


def record(session: Session, action: str, *, actor_id: int | None, target: str = "", **detail: object) -> AuditEvent:
    """Add one audit event to the current unit of work."""
    event = AuditEvent(action=action, actor_id=actor_id, target=target, detail=dict(detail))
    session.add(event)
    return event


def recent_events(engine: Engine, actor: Actor, *, limit: int = 200) -> list[dict[str, object]]:
    """Newest audit events first, as rows for a table. Admins only."""
    require_admin(actor)
    query = (
        select(AuditEvent, Person.handle)
        .outerjoin(Person, Person.id == AuditEvent.actor_id)
        .order_by(AuditEvent.id.desc())
        .limit(limit)
    )
    with unit_of_work(engine) as session:
        return [
            {"at": event.at, "action": event.action, "target": event.target, "by": handle or "", "detail": event.detail}
            for event, handle in session.execute(query)
        ]
