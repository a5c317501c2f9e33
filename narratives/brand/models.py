"""Tables for versioned narratives: one narrative per leader, every change a new version."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, Boolean, DateTime, ForeignKey, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


def _utcnow() -> datetime:
    return datetime.now(UTC)


class NarrativeRecord(Base):
    __tablename__ = "narratives"

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), unique=True)
    version: Mapped[int] = mapped_column(Integer, default=0)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)


class NarrativeVersion(Base):
    """One saved state of a narrative. Never updated; `number` is None for a kept conflicting save."""

    __tablename__ = "narrative_versions"
    __table_args__ = (UniqueConstraint("narrative_id", "number", name="uq_narrative_versions_number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    narrative_id: Mapped[int] = mapped_column(ForeignKey("narratives.id", ondelete="CASCADE"), index=True)
    number: Mapped[int | None] = mapped_column(Integer, nullable=True)
    content: Mapped[dict[str, object]] = mapped_column(JSON)
    author_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
    note: Mapped[str] = mapped_column(String(300), default="")
    conflicted: Mapped[bool] = mapped_column(Boolean, default=False)
