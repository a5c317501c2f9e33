"""Corporate lingo, soft pitches and hard sells, from rules comms staff can edit (data/lingo.yaml).

A strong rule warns on one match; weak rules warn when two different weak matches of the same check meet in one text
(one alone is a note). Words inside quotation marks are someone else's and are left out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from core.errors import BylineError
from narratives.drafting.checks.findings import Finding

LINGO_FILE = Path(__file__).resolve().parent.parent / "data" / "lingo.yaml"
CheckName = Literal["lingo", "pitch", "hard_sell"]
LABELS: dict[str, str] = {"lingo": "Corporate lingo", "pitch": "Soft pitch", "hard_sell": "Hard sell"}
QUOTED = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”")


class LingoRulesInvalid(BylineError):
    """The lingo rules file cannot be read or a rule in it is wrong."""


class RuleSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    check: CheckName
    strength: Literal["strong", "weak"]
    reason: str = Field(min_length=3)
    phrases: list[str] = Field(default_factory=list)
    patterns: list[str] = Field(default_factory=list)


@dataclass(frozen=True)
class Rule:
    name: str
    check: str
    strong: bool
    reason: str
    expressions: tuple[re.Pattern[str], ...]

    def matches(self, text: str) -> list[str]:
        return [found.group(0).strip() for expression in self.expressions if (found := expression.search(text))]


def _compile(spec: RuleSpec) -> Rule:
    sources = [rf"(?<![\w-]){re.escape(phrase.lower())}(?![\w-])" for phrase in spec.phrases] + spec.patterns
    expressions = []
    for source in sources:
        try:
            expressions.append(re.compile(source, re.IGNORECASE))
        except re.error as exc:
            raise LingoRulesInvalid(f"Rule {spec.name!r}: the pattern {source!r} is not valid ({exc}).") from exc
    return Rule(spec.name, spec.check, spec.strength == "strong", spec.reason, tuple(expressions))


@lru_cache(maxsize=4)
def load_rules(path: Path = LINGO_FILE) -> tuple[Rule, ...]:
    """The rules in the file; LingoRulesInvalid says which rule is wrong and why."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        specs = [RuleSpec.model_validate(item) for item in data.get("rules", [])]
    except (OSError, yaml.YAMLError, AttributeError) as exc:
        raise LingoRulesInvalid(f"Cannot read the lingo rules in {path.name}: {exc}") from exc
    except ValidationError as exc:
        raise LingoRulesInvalid(f"The lingo rules in {path.name} are invalid: {exc}") from exc
    return tuple(_compile(spec) for spec in specs)


def unquoted(text: str) -> str:
    """The text without quotations and with typographic apostrophes made plain."""
    return QUOTED.sub(" ", text).replace("’", "'")


def _finding(check: str, level: str, hits: list[tuple[Rule, list[str]]]) -> Finding:
    quoted = ", ".join(dict.fromkeys(f"'{match}'" for _, matches in hits for match in matches[:2]))
    reasons = " ".join(dict.fromkeys(rule.reason for rule, _ in hits))
    return Finding(check, level, f"{LABELS[check]}: {quoted}: {reasons}")  # type: ignore[arg-type]


def check_lingo(text: str, path: Path = LINGO_FILE) -> list[Finding]:
    """One finding per check that matched (warn, or a note for a single weak match); ok when nothing matched."""
    body = unquoted(text)
    findings: list[Finding] = []
    for check in LABELS:
        hits = [(rule, found) for rule in load_rules(path) if rule.check == check and (found := rule.matches(body))]
        if not hits:
            continue
        weak = {match.lower() for rule, found in hits if not rule.strong for match in found}
        strong = [hit for hit in hits if hit[0].strong]
        level = "warn" if strong or len(weak) >= 2 else "info"
        findings.append(_finding(check, level, strong or hits))
    return findings or [Finding("lingo", "ok", "No corporate lingo, pitch or hard sell found.")]
