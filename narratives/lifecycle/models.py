"""The one onboarding fact the data cannot show by itself: the leader confirmed their voice card."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from core.db import Base
from core.identity import utcnow


class VoiceCardConfirmation(Base):
    """A leader (or an admin for them) read the voice card and agreed it describes how they write."""

    __tablename__ = "voice_card_confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    leader_id: Mapped[int] = mapped_column(ForeignKey("people.id", ondelete="CASCADE"), index=True)
    confirmed_by: Mapped[int | None] = mapped_column(ForeignKey("people.id", ondelete="SET NULL"), nullable=True)
    confirmed_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    posts_counted: Mapped[int] = mapped_column(Integer, default=0)
