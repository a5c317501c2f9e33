"""Run every check on one text."""

from __future__ import annotations

from collections.abc import Sequence

from narratives.drafting.checks.channel import check_channel
from narratives.drafting.checks.echo import OtherPost, check_echo
from narratives.drafting.checks.findings import CheckReport, Finding
from narratives.drafting.checks.grounding import check_grounding
from narratives.drafting.checks.lingo import check_lingo
from narratives.drafting.context import Passage
from narratives.drafting.sources import VoiceScorer

LOW_FIDELITY = 50.0


def check_voice(text: str, scorer: VoiceScorer | None) -> tuple[float | None, list[Finding]]:
    if scorer is None:
        return None, [Finding("voice", "info", "Voice fidelity needs at least 3 imported past posts.")]
    result = scorer(text)
    level = "warn" if result.score < LOW_FIDELITY else "ok"
    findings = [Finding("voice", level, f"Sounds {result.score:.0f}/100 like the leader.")]
    findings += [Finding("voice", "info", f"Deviation: {reason}") for reason in result.reasons]
    return result.score, findings


def run_checks(
    text: str,
    *,
    channel: str,
    passages: Sequence[Passage],
    own_names: Sequence[str],
    others: Sequence[OtherPost],
    scorer: VoiceScorer | None,
) -> CheckReport:
    fidelity, findings = check_voice(text, scorer)
    findings += check_grounding(text, [p.text for p in passages], [p.label for p in passages], own_names)
    findings += check_lingo(text)
    findings += check_echo(text, others)
    channel_findings, thread = check_channel(text, channel)
    findings += channel_findings
    return CheckReport(findings=findings, fidelity=fidelity, thread=thread)


def check_text(text: str, scorer: VoiceScorer | None = None) -> CheckReport:
    """The checks that need no brief: lingo, soft pitch and hard sell, and voice fidelity when a scorer is given."""
    findings = check_lingo(text)
    fidelity = None
    if scorer is not None:
        fidelity, voice = check_voice(text, scorer)
        findings = voice + findings
    return CheckReport(findings=findings, fidelity=fidelity)
