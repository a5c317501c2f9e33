"""Program tables: goals per leader and for the program, and the tips a leader has dismissed."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Float, ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.identity import utcnow

PROGRAM_SCOPE = "program"


def scope_key(leader_id: int | None) -> str:
    """The one key per owner of a goal: the program, or one leader."""
    return PROGRAM_SCOPE if leader_id is None else f"leader:{leader_id}"


class Goal(Base):
    """One measurable goal: a target for one metric, for one leader or (leader empty) for the whole program.
    The posts-per-week goal is the weekly target the calendar checks: there is no other copy."""

    __tablename__ = "goals"
    __table_args__ = (UniqueConstraint("scope", "metric"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(40))
    leader_id: Mapped[int | None] = mapped_column(
        ForeignKey("people.id", ondelete="CASCADE"), nullable=True, index=True
    )
    metric: Mapped[str] = mapped_column(String(32))
    target: Mapped[float] = mapped_column(Float)
    note: Mapped[str] = mapped_column(String(300), default="")
    set_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class TipDismissal(Base):
    """A tip a leader no longer wants to see (their coach can see which)."""

    __tablename__ = "tip_dismissals"
    __table_args__ = (UniqueConstraint("person_id", "tip_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    person_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    tip_id: Mapped[str] = mapped_column(String(64))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
