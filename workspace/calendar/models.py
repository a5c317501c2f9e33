"""Calendar tables: per-leader cadence rules and blocked days imported from a calendar file."""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import Date, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.identity import utcnow

DEFAULT_MIN_GAP_HOURS = 18


class CadenceRule(Base):
    """Cadence settings beyond Person.quiet_weekdays (the weekly target is the posts-per-week goal)."""

    __tablename__ = "cadence_rules"

    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), primary_key=True)
    min_gap_hours: Mapped[int] = mapped_column(Integer, default=DEFAULT_MIN_GAP_HOURS)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class BlockedDay(Base):
    """A day a leader does not want posts (holiday, travel), usually imported from an .ics file."""

    __tablename__ = "blocked_days"
    __table_args__ = (UniqueConstraint("leader_id", "day", "uid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    summary: Mapped[str] = mapped_column(String(300), default="")
    uid: Mapped[str] = mapped_column(String(300), default="")
    source: Mapped[str] = mapped_column(String(300), default="")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
