"""Clean-up before the user sees a draft: what a model adds around a post that the leader would delete anyway.

Removed, each recorded as a Change: a preamble ("Here's a LinkedIn post:"), heading and banner lines (Markdown
headings, bold or title-case lines, all-caps lines, rules), Markdown emphasis, hashtags beyond the leader's own
habit (the ones kept go on the last line), exact repeats of a sentence or of a run of eight words, and an unfinished
last sentence when the model stopped at its length limit.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

SMALL_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "as",
        "at",
        "but",
        "by",
        "for",
        "from",
        "in",
        "into",
        "of",
        "on",
        "or",
        "per",
        "the",
        "to",
        "vs",
        "via",
        "with",
        "is",
        "are",
    ]
)
PREAMBLE = re.compile(
    r"^\s*(?:sure|certainly|of course|here(?:'s| is| are)|below is|i(?:'ve| have) (?:written|drafted))\b[^\n]*"
    r"(?:post|draft|thread|tweet|version)[^\n]*[:.!]\s*$",
    re.IGNORECASE,
)
LABEL_LINE = re.compile(
    r"^\s*(?:\*\*)?(?:post|draft|linkedin post|x post|tweet|thread|title|subject)\s*:?\s*(?:\*\*)?\s*$", re.I
)
LABEL_PREFIX = re.compile(r"^\s*(?:\*\*)?(?:title|subject|headline|post)\s*:\s*(?:\*\*)?\s*", re.IGNORECASE)
HEADING = re.compile(r"^\s*#{1,6}\s")
RULE = re.compile(r"^\s*(?:[-=_*]\s*){3,}$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
HASHTAG = re.compile(r"(?<![\w#&])#([^\W\d_]\w*)")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
WORD = re.compile(r"[\w']+")
MARKER = re.compile(r"\s*\[\s*S\d+\s*\]")
RUN = 8
PAST_RUN = 6


@dataclass(frozen=True)
class Change:
    """One thing changed in a draft before the user saw it, and why."""

    kind: str
    before: str
    reason: str

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "before": self.before, "reason": self.reason}


def _title_case(line: str) -> bool:
    words = re.findall(r"[^\W\d_][\w'&/-]*", line)
    if not 2 <= len(words) <= 10 or line.rstrip().endswith((".", ",", ";", "?", "!")):
        return False
    significant = [w for w in words if w.lower() not in SMALL_WORDS]
    return len(significant) >= 2 and all(w[0].isupper() for w in significant)


def banner_reason(line: str) -> str | None:
    """Why a line is a heading or banner rather than part of the post, or None."""
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    if HEADING.match(stripped):
        return "Markdown heading"
    if RULE.match(stripped):
        return "divider line"
    if BOLD_LINE.match(stripped):
        return "bold heading line"
    if LABEL_LINE.match(stripped):
        return "label line"
    if len(letters) >= 6 and len(stripped.split()) >= 2 and all(c.isupper() for c in letters):
        return "all-caps banner"
    if not HASHTAG.sub("", stripped).strip() or stripped.startswith(("-", "•", "→", "*")):
        return None
    if _title_case(MARKER.sub("", stripped).rstrip(":")):
        return "title-case heading"
    return None


def strip_frame(text: str) -> tuple[str, list[Change]]:
    """Preambles, labels, headings and banners out; emphasis markers off; surrounding quotes off."""
    changes: list[Change] = []
    kept: list[str] = []
    lines = text.strip().strip('"“”').splitlines()
    for index, line in enumerate(lines):
        if index == 0 and PREAMBLE.match(line):
            changes.append(Change("removed", line.strip(), "the model's preamble, not part of the post"))
            continue
        reason = banner_reason(line)
        if reason:
            changes.append(Change("removed", line.strip(), f"{reason}: posts read as one voice, not a document"))
            continue
        kept.append(EMPHASIS.sub(r"\2", LABEL_PREFIX.sub("", line)))
    return "\n".join(kept), changes


def limit_hashtags(text: str, allowed: int, own: tuple[str, ...] = ()) -> tuple[str, list[Change]]:
    """Hashtag-only lines gathered at the end, at most `allowed` tags (the leader's own first); tags inside
    sentences keep their word and lose the #."""
    lines = text.splitlines()
    tag_lines = [i for i, line in enumerate(lines) if line.strip() and not HASHTAG.sub("", line).strip(" ,.·|")]
    tags = [f"#{t}" for i in tag_lines for t in HASHTAG.findall(lines[i])]
    body = [HASHTAG.sub(r"\1", line) for i, line in enumerate(lines) if i not in tag_lines]
    inline = [f"#{t}" for i, line in enumerate(lines) if i not in tag_lines for t in HASHTAG.findall(line)]
    unique = list(dict.fromkeys(t.lower() for t in tags))
    preferred = sorted(unique, key=lambda t: (t not in own, unique.index(t)))
    kept, dropped = preferred[:allowed], preferred[allowed:]
    changes = []
    if dropped:
        why = "more hashtags than the leader uses" if allowed else "the leader does not use hashtags"
        changes.append(Change("removed", " ".join(dropped), why))
    if inline:
        changes.append(Change("edited", " ".join(inline), "hashtags inside sentences turned back into words"))
    text = "\n".join(body).rstrip()
    return (f"{text}\n\n{' '.join(kept)}" if kept else text), changes


def _key(sentence: str) -> str:
    return " ".join(WORD.findall(MARKER.sub("", sentence).lower()))


def _runs(words: list[str], size: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def drop_repeats(text: str, past: Sequence[str] = ()) -> tuple[str, list[Change]]:
    """A sentence said before, or repeating an eight-word run said before, is removed; so is one sharing a six-word
    run with one of `past` (the leader's example posts: a new post should not copy an old one)."""
    seen_sentences: set[str] = set()
    past_runs = {run for post in past for run in _runs(_key(post).split(), PAST_RUN)}
    seen_runs: set[tuple[str, ...]] = set()
    changes: list[Change] = []
    out_lines = []
    for line in text.splitlines():
        kept = []
        for sentence in SENTENCE.split(line) if line.strip() else [line]:
            words = _key(sentence).split()
            runs = _runs(words)
            if len(words) >= 3 and (" ".join(words) in seen_sentences or runs & seen_runs):
                changes.append(Change("removed", sentence.strip(), "repeats what the draft already says"))
                continue
            if _runs(words, PAST_RUN) & past_runs:
                changes.append(Change("removed", sentence.strip(), "copies a sentence of a past post word for word"))
                continue
            seen_sentences.add(" ".join(words))
            seen_runs |= runs
            kept.append(sentence)
        if kept or not line.strip():
            out_lines.append(" ".join(kept))
    return "\n".join(out_lines), changes


def cut_unfinished(text: str) -> tuple[str, list[Change]]:
    """Text after the last complete sentence, when the model was cut off mid-sentence."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in ".!?\"”')" or HASHTAG.search(stripped.splitlines()[-1]):
        return text, []
    ends = [m.end() for m in re.finditer(r"[.!?][\"”')\]]*(?=\s|$)", stripped)]
    if not ends:
        return text, []
    return stripped[: ends[-1]], [Change("removed", stripped[ends[-1] :].strip(), "unfinished at the length limit")]


def squeeze(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines())).strip()
