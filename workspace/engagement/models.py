"""Engagement import tables: import batches, every imported post row (matched or not), account-level
daily figures, and link clicks/leads by UTM tag."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, Date, DateTime, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.identity import utcnow


class ImportBatch(Base):
    """One uploaded file: what it was, who imported it, and what happened (counts, problems, notes)."""

    __tablename__ = "engagement_imports"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    filename: Mapped[str] = mapped_column(String(300), default="")
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    imported_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    summary: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class ImportedRow(Base):
    """A post-level row from an export. Kept whether or not it matched a Byline post; re-import updates it."""

    __tablename__ = "engagement_rows"

    id: Mapped[int] = mapped_column(primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(400), unique=True)
    source: Mapped[str] = mapped_column(String(40), index=True)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=True)
    url: Mapped[str | None] = mapped_column(String(500), nullable=True)
    day: Mapped[date | None] = mapped_column(Date, nullable=True)
    text: Mapped[str] = mapped_column(Text, default="")
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), nullable=True, index=True)
    match_method: Mapped[str] = mapped_column(String(20), default="")
    batch_id: Mapped[int | None] = mapped_column(
        ForeignKey("engagement_imports.id", ondelete="SET NULL"), nullable=True
    )
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class DailyMetric(Base):
    """Account-level figures per day (creator analytics, follower growth, Company Page metrics).
    `leader_id` is empty for the Company Page."""

    __tablename__ = "daily_metrics"
    __table_args__ = (UniqueConstraint("leader_id", "day", "source"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), nullable=True)
    day: Mapped[date] = mapped_column(Date, index=True)
    source: Mapped[str] = mapped_column(String(40))
    impressions: Mapped[int | None] = mapped_column(Integer, nullable=True)
    engagements: Mapped[int | None] = mapped_column(Integer, nullable=True)
    new_followers: Mapped[int | None] = mapped_column(Integer, nullable=True)


LEADS_KEY = "uq_utm_leads_leader_day_tags"


class UtmLead(Base):
    """Link clicks and leads attributed to one UTM tag combination on one day, for one leader (or, with no
    leader, company-wide figures only coaches and admins see)."""

    __tablename__ = "utm_leads"
    __table_args__ = (
        UniqueConstraint("leader_id", "day", "utm_source", "utm_medium", "utm_campaign", "utm_content", name=LEADS_KEY),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    day: Mapped[date] = mapped_column(Date)
    utm_source: Mapped[str] = mapped_column(String(200), default="")
    utm_medium: Mapped[str] = mapped_column(String(200), default="")
    utm_campaign: Mapped[str] = mapped_column(String(200), default="")
    utm_content: Mapped[str] = mapped_column(String(200), default="")
    clicks: Mapped[int] = mapped_column(Integer, default=0)
    leads: Mapped[int] = mapped_column(Integer, default=0)
    post_id: Mapped[int | None] = mapped_column(ForeignKey("posts.id", ondelete="SET NULL"), nullable=True)
    leader_id: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
