"""Grounding: numbers, names and factual claims in a draft that no cited passage supports are flagged."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

from kb.salience import CALENDAR_WORDS
from narratives.drafting.checks.findings import Finding

MARKER = re.compile(r"\[\s*(S\d+)\s*\]")
NUMBER = re.compile(r"(?<![\w/])[$€£]?\d[\d,]*(?:\.\d+)?\s?(?:%|percent\b)?")
NAME = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}\w*|[A-Z][a-z']+)(?:[ -](?:[A-Z][\w']*|of|de|van))*\b")
SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[a-z0-9][a-z0-9'%-]*")
CLAIM_WORDS = re.compile(
    r"\b(increas\w*|reduc\w*|cut|grew|grow\w*|doubl\w*|tripl\w*|sav\w*|improv\w*|drop\w*|fell|rose|faster|slower|"
    r"more than|less than|fewer|first|only|largest|biggest|leading|fastest|proven|always|never|every)\b|\d",
    re.IGNORECASE,
)
COMMON_CAPITALISED = CALENDAR_WORDS | set(
    [
        "i",
        "i'm",
        "i've",
        "i'd",
        "i'll",
        "linkedin",
        "x",
        "the",
        "a",
        "an",
        "and",
        "but",
        "so",
        "if",
        "we",
        "our",
        "you",
        "ai",
        "ok",
    ]
)
SUPPORT_OVERLAP = 0.35


def _number_key(raw: str) -> str:
    digits = re.sub(r"[^\d.]", "", raw.replace(",", "")).rstrip(".")
    return digits.lstrip("0") or "0"


def numbers_in(text: str) -> set[str]:
    return {_number_key(match) for match in NUMBER.findall(text) if re.search(r"\d", match)}


def names_in(text: str) -> set[str]:
    found: set[str] = set()
    for sentence in SENTENCE.split(text):
        for match in NAME.finditer(sentence.strip()):
            words = match.group(0).strip().split(" ")
            if match.start() == 0:  # a capital at the start of a sentence says nothing
                words = words[1:]
            while words and words[0].lower() in COMMON_CAPITALISED:
                words = words[1:]
            name = " ".join(words)
            if len(name) >= 2 and name.lower() not in COMMON_CAPITALISED:
                found.add(name)
    return found


def _content_words(text: str) -> set[str]:
    return {w for w in WORD.findall(text.lower()) if w not in ENGLISH_STOP_WORDS and len(w) > 2}


def unsupported_claims(text: str, passages: Sequence[str]) -> list[str]:
    """Sentences that state a fact (numbers, comparisons, superlatives) but share few words with any passage."""
    sources = [_content_words(passage) for passage in passages]
    claims = []
    for sentence in SENTENCE.split(text):
        sentence = sentence.strip()
        words = _content_words(sentence)
        if len(words) < 4 or not CLAIM_WORDS.search(sentence):
            continue
        best = max((len(words & source) / len(words) for source in sources), default=0.0)
        if best < SUPPORT_OVERLAP:
            claims.append(sentence)
    return claims


def supported_by(text: str, passages: Sequence[str]) -> list[int]:
    """Indexes of the passages that some sentence of the text draws on (shares enough content words with)."""
    sources = [_content_words(passage) for passage in passages]
    used: set[int] = set()
    for sentence in SENTENCE.split(MARKER.sub(" ", text)):
        words = _content_words(sentence)
        if len(words) < 4:
            continue
        used |= {i for i, source in enumerate(sources) if len(words & source) / len(words) >= SUPPORT_OVERLAP}
    return sorted(used)


def check_grounding(
    text: str, passages: Sequence[str], labels: Sequence[str], own_names: Sequence[str] = ()
) -> list[Finding]:
    """Flag what the passages do not contain. `own_names` (the leader's name) are never flagged."""
    body = MARKER.sub(" ", text)
    joined = "\n".join(passages)
    lowered = joined.lower()
    findings: list[Finding] = []
    if missing := sorted(numbers_in(body) - numbers_in(joined), key=len):
        findings.append(Finding("grounding", "warn", "Numbers not in any cited passage: " + ", ".join(missing[:8])))
    own = {part.lower() for name in own_names for part in [name, *name.split()]}
    names = sorted(n for n in names_in(body) if n.lower() not in lowered and n.lower() not in own)
    if names:
        findings.append(Finding("grounding", "warn", "Names not in any cited passage: " + ", ".join(names[:8])))
    for claim in unsupported_claims(body, passages)[:3]:
        findings.append(Finding("grounding", "warn", f'Claim not supported by the passages: "{claim[:160]}"'))
    if unknown := sorted(set(MARKER.findall(text)) - set(labels)):
        findings.append(Finding("grounding", "warn", "Cites passages that do not exist: " + ", ".join(unknown)))
    if not passages:
        findings.append(Finding("grounding", "warn", "No company passages were found for this brief."))
    return findings or [Finding("grounding", "ok", "Every number, name and claim appears in the cited passages.")]
