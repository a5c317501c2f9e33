"""The brief a leader or coach gives: what to write about, for which channel, how long."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from core.errors import ValidationFailed

MAX_TOPIC_CHARS = 300
MAX_ANGLE_CHARS = 2_000
MAX_DOCUMENTS = 10
LENGTH_WORDS = {"short": 80, "medium": 150, "long": 250}
Length = Literal["short", "medium", "long"]
ChannelName = Literal["linkedin", "x"]


class Brief(BaseModel):
    """A validated brief. Too-long text is refused with a clear message (never silently cut)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    leader_id: int
    topic: str = Field(min_length=3, max_length=MAX_TOPIC_CHARS)
    angle: str = Field("", max_length=MAX_ANGLE_CHARS)
    document_ids: tuple[str, ...] = Field((), max_length=MAX_DOCUMENTS)
    channel: ChannelName = "linkedin"
    length: Length = "medium"
    planned_for: date | None = None

    @field_validator("topic", "angle", mode="before")
    @classmethod
    def _strip(cls, value: object) -> object:
        return value.strip() if isinstance(value, str) else value

    @property
    def target_words(self) -> int:
        return LENGTH_WORDS[self.length] if self.channel == "linkedin" else min(LENGTH_WORDS[self.length], 45)

    @property
    def query(self) -> str:
        return f"{self.topic}. {self.angle}".strip()


_FIELD_NAMES = {"topic": "The topic", "angle": "The angle", "document_ids": "The source document list"}


def _explain(error: ValidationError) -> str:
    first = error.errors()[0]
    field = str(first["loc"][0]) if first["loc"] else "brief"
    label = _FIELD_NAMES.get(field, f"The {field.replace('_', ' ')}")
    limit = first.get("ctx", {}).get("max_length")
    given = first.get("input")
    if first["type"] == "string_too_long" and isinstance(given, str):
        return (
            f"{label} is {len(given):,} characters; the limit is {limit:,}. Shorten it (put long material in "
            "the knowledge base and pick it as a source document). Your text is kept in the form."
        )
    if first["type"] == "too_long":
        return f"{label} can hold at most {limit} items."
    if first["type"] == "string_too_short":
        return f"{label} needs at least {first.get('ctx', {}).get('min_length')} characters."
    return f"{label}: {first['msg']}"


def make_brief(**values: object) -> Brief:
    """A Brief from form values; ValidationFailed with one readable sentence when something is wrong."""
    try:
        return Brief.model_validate(values)
    except ValidationError as exc:
        raise ValidationFailed(_explain(exc)) from exc


def prefill_from(
    *, title: str, note: str, text: str, channel: str, source_document_id: str | None
) -> dict[str, object]:
    """The brief a post (an idea, or a draft asking for AI help) opens the Draft studio with: its title as the topic,
    its note as the angle, its source document, its channel."""
    topic = title.strip() or " ".join(text.split())[:MAX_TOPIC_CHARS]
    return {
        "topic": topic[:MAX_TOPIC_CHARS],
        "angle": note.strip()[:MAX_ANGLE_CHARS],
        "document_ids": [source_document_id] if source_document_id else [],
        "channel": channel if channel in ("linkedin", "x") else "linkedin",
    }
