"""A plan for one brief (context, model, variants) and a finished variant (text, what changed, checks)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime

from narratives.drafting.brief import Brief
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.checks.grounding import supported_by
from narratives.drafting.context import DraftContext, Passage
from narratives.drafting.sources import LeaderVoice, VoiceScorer
from narratives.drafting.tidy import Change


@dataclass
class DraftPlan:
    """Everything fixed for one brief: context, voice scorer and the nearby posts the echo check compares with."""

    brief: Brief
    context: DraftContext
    model: str
    variants: int
    voice: LeaderVoice | None = field(default=None, repr=False)
    created_at: datetime = field(default_factory=lambda: datetime.now(UTC))
    visible_leaders: frozenset[int] = frozenset()  # whose post titles the echo check may name

    @property
    def scorer(self) -> VoiceScorer | None:
        """The leader's fidelity scorer, fitted on first use (after the first words, not before)."""
        return self.voice.scorer() if self.voice is not None else None

    def citations(self, text: str) -> list[Passage]:
        """The passages a variant cites by marker; when it cites none (small models often don't), the passages its
        sentences draw on (reserve facts included: a lengthened draft was given them); failing that, every passage
        of its first request."""
        passages = self.context.passages
        cited = [p for p in passages if f"[{p.label}]" in text.replace(" ]", "]").replace("[ ", "[")]
        given = [*passages, *self.context.reserve]
        drawn_on = [given[i] for i in supported_by(text, [p.text for p in given])]
        return cited or drawn_on or list(passages)

    def facts_given(self, extended: bool) -> list[Passage]:
        """The facts the model saw for a variant: the first request's, and the reserve when it was lengthened."""
        return [*self.context.passages, *self.context.reserve] if extended else list(self.context.passages)


@dataclass
class FinishedVariant:
    """A variant as the user sees it: cleaned and repaired text, what was changed, and its checks."""

    text: str
    changes: list[Change]
    report: CheckReport
    extended: bool = False
    """Was the draft lengthened (and so given the reserve facts)?"""


def quality_key(variant: FinishedVariant) -> tuple[int, int, float]:
    """Lower is better: fewer check warnings, then fewer sentences the finishing step had to remove, then a higher
    voice score."""
    removed = sum(1 for change in variant.changes if change.kind == "removed")
    return len(variant.report.warnings), removed, -(variant.report.fidelity or 0.0)
