"""What a check reports."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Literal

Level = Literal["ok", "info", "warn"]


@dataclass(frozen=True)
class Finding:
    check: str
    level: Level
    message: str


@dataclass
class CheckReport:
    """All findings for one text, plus the voice-fidelity score (0-100) when it could be computed."""

    findings: list[Finding] = field(default_factory=list)
    fidelity: float | None = None
    thread: list[str] = field(default_factory=list)

    @property
    def warnings(self) -> list[Finding]:
        return [finding for finding in self.findings if finding.level == "warn"]

    def by_check(self, check: str) -> list[Finding]:
        return [finding for finding in self.findings if finding.check == check]

    def as_dict(self) -> dict[str, object]:
        return {"fidelity": self.fidelity, "findings": [asdict(f) for f in self.findings], "thread": self.thread}
