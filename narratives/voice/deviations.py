"""Why a text does not sound like the leader: the biggest differences from their voice profile."""

from __future__ import annotations

import re

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from narratives.voice.features import TextStats, measure, words
from narratives.voice.profile import VoiceProfile

RATIO_THRESHOLD = 1.6
# Corporate-copy words named first when the leader never uses them (drafts must not sound like a press release).
JARGON = frozenset(
    {
        "synergy",
        "synergies",
        "leverage",
        "leveraging",
        "paradigm",
        "disrupt",
        "disruptive",
        "ecosystem",
        "stakeholders",
        "holistic",
        "robust",
        "seamless",
        "seamlessly",
        "empower",
        "empowering",
        "innovative",
        "cutting-edge",
        "best-in-class",
        "world-class",
        "game-changer",
        "game-changing",
        "delighted",
        "thrilled",
        "excited",
        "unlock",
        "unlocking",
        "journey",
        "transformative",
        "actionable",
        "scalable",
        "alignment",
        "realignment",
        "optimize",
        "optimise",
        "maximise",
        "maximize",
        "deliverables",
        "bandwidth",
        "circle",
        "deep-dive",
        "move-the-needle",
        "value-add",
        "thought-leadership",
        "revolutionize",
        "revolutionise",
    }
)


def _ratio_reason(value: float, usual: float, what: str) -> tuple[float, str] | None:
    if usual <= 0 or value <= 0:
        return None
    ratio = value / usual
    if ratio >= RATIO_THRESHOLD:
        return ratio, f"{ratio:.1f}x {what} than usual ({value:.0f} vs {usual:.0f})"
    if ratio <= 1 / RATIO_THRESHOLD:
        return 1 / ratio, f"{1 / ratio:.1f}x shorter {what.split(' ', 1)[1]} than usual ({value:.0f} vs {usual:.0f})"
    return None


def _habit_reasons(stats: TextStats, profile: VoiceProfile) -> list[tuple[float, str]]:
    reasons: list[tuple[float, str]] = []
    if stats.emoji and profile.emoji_share < 0.1:
        reasons.append((2.0 + stats.emoji, f"uses {stats.emoji} emoji; you rarely use any"))
    if not stats.emoji and profile.emoji_share >= 0.6:
        reasons.append((1.5, "no emoji, though most of your posts have some"))
    if stats.hashtags >= 2 and profile.hashtags_per_post < 0.5:
        reasons.append((1.5 + stats.hashtags / 2, f"{stats.hashtags} hashtags; you seldom use hashtags"))
    if stats.list_lines >= 2 and profile.list_share < 0.1:
        reasons.append((1.8, "uses a bulleted list; you rarely do"))
    if stats.opening == "question" and profile.openings.get("question", 0) < 0.1:
        reasons.append((1.4, "opens with a question; you rarely do"))
    usual = max(profile.pronouns, key=lambda key: profile.pronouns[key])
    main = max(("i", "we", "you"), key=lambda key: getattr(stats, f"pronoun_{key}"))
    if getattr(stats, f"pronoun_{main}") > 0.02 and main != usual:
        reasons.append((1.3, f"speaks mostly as '{main}'; you usually write as '{usual}'"))
    return reasons


def _unusual_words(text: str, profile: VoiceProfile, limit: int = 3) -> list[str]:
    seen: list[str] = []
    for token in words(text):
        word = token.lower().strip("'’")
        if (
            len(word) > 3
            and not re.search(r"\d", word)
            and word not in ENGLISH_STOP_WORDS
            and word not in profile.vocabulary
            and word not in seen
        ):
            seen.append(word)
    return sorted(seen, key=lambda word: (word not in JARGON, seen.index(word)))[:limit]


def deviations(text: str, profile: VoiceProfile, limit: int = 4) -> list[str]:
    """The top reasons a text deviates from the profile, biggest first (empty when it fits)."""
    stats = measure(text)
    reasons: list[tuple[float, str]] = []
    for found in (
        _ratio_reason(stats.words_per_sentence, profile.words_per_sentence, "longer sentences"),
        _ratio_reason(float(stats.words), profile.words_median, "longer post"),
    ):
        if found:
            reasons.append(found)
    reasons += _habit_reasons(stats, profile)
    unusual = _unusual_words(text, profile)
    if unusual and profile.posts >= 5:
        quoted = ", ".join(f"'{word}'" for word in unusual)
        reasons.append((1.2 + 0.2 * len(unusual), f"uses {quoted}, which you never do"))
    reasons.sort(key=lambda item: item[0], reverse=True)
    return [reason for _, reason in reasons[:limit]]
