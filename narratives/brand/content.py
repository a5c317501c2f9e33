"""What a narrative holds, validated: expertise, audiences, positioning, pillars, proof points."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from core.errors import ValidationFailed

MAX_THESIS_CHARS = 300
MAX_PILLARS = 5


class Citation(BaseModel):
    """Where a proof point comes from in the knowledge base."""

    model_config = ConfigDict(extra="forbid")
    document_id: str
    title: str
    locator: str = ""
    quote: str = Field("", max_length=600)


class Pillar(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: str = Field(min_length=1, max_length=120)
    thesis: str = Field("", max_length=MAX_THESIS_CHARS)


class ProofPoint(BaseModel):
    """A story, result or fact, backed by a KB citation or marked as personal experience."""

    model_config = ConfigDict(extra="forbid")
    text: str = Field(min_length=1, max_length=1000)
    pillar: str = ""
    source: Literal["kb", "personal"] = "personal"
    citation: Citation | None = None

    @model_validator(mode="after")
    def _kb_needs_citation(self) -> ProofPoint:
        if self.source == "kb" and self.citation is None:
            raise ValueError("a proof point from the knowledge base needs a citation")
        return self


class NarrativeContent(BaseModel):
    model_config = ConfigDict(extra="forbid")
    expertise: list[str] = Field(default_factory=list, max_length=12)
    audiences: list[str] = Field(default_factory=list, max_length=12)
    positioning: str = Field("", max_length=600)
    pillars: list[Pillar] = Field(default_factory=list, max_length=MAX_PILLARS)
    proof_points: list[ProofPoint] = Field(default_factory=list, max_length=40)
    no_go_topics: list[str] = Field(default_factory=list, max_length=30)
    channels: list[Literal["linkedin", "x"]] = Field(default_factory=lambda: ["linkedin"])

    @model_validator(mode="before")
    @classmethod
    def _drop_legacy_cadence(cls, data: object) -> object:
        """Versions saved before goals carried their own posts per week; the leader's posts-per-week goal is now
        the only one (workspace.program.goals), so the old copy is ignored when an old version is read."""
        if isinstance(data, dict) and "weekly_target" in data:
            return {key: value for key, value in data.items() if key != "weekly_target"}
        return data

    def warnings(self) -> list[str]:
        """Advice, not errors: a narrative with no pillars still opens."""
        advice = []
        if not self.pillars:
            advice.append("No content pillars yet: add 3 to 5 so drafts and matching know what this leader speaks to.")
        elif len(self.pillars) < 3:
            advice.append(f"Only {len(self.pillars)} pillar(s): 3 to 5 give enough range without diluting expertise.")
        if not self.positioning.strip():
            advice.append("No positioning statement yet.")
        return advice


def _describe(error: ValidationError) -> str:
    parts = []
    for item in error.errors():
        where = " > ".join(str(p) for p in item["loc"]) or "narrative"
        parts.append(f"{where}: {item['msg']}")
    return "; ".join(parts)


def parse_content(data: dict[str, object]) -> NarrativeContent:
    """Validate a narrative, turning pydantic's errors into one readable ValidationFailed."""
    try:
        return NarrativeContent.model_validate(data)
    except ValidationError as exc:
        raise ValidationFailed(f"The narrative cannot be saved: {_describe(exc)}") from exc
