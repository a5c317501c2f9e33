"""Drafting tables: what the model generated for a post (its brief, citations and checks)."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import JSON, DateTime, ForeignKey, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base


def _utcnow() -> datetime:
    return datetime.now(UTC)


class DraftGeneration(Base):
    """The generated variant a post was started from, with its brief, citations and check results."""

    __tablename__ = "draft_generations"

    id: Mapped[int] = mapped_column(primary_key=True)
    post_id: Mapped[int] = mapped_column(ForeignKey("posts.id", ondelete="CASCADE"), index=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    model: Mapped[str] = mapped_column(String(200))
    variant_index: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    brief: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    citations: Mapped[list[dict[str, object]]] = mapped_column(JSON, default=list)
    checks: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=_utcnow)
