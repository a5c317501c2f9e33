"""Clean-up before the user sees a draft: what a model adds around a post that the leader would delete anyway.

Removed, each recorded as a Change: a preamble ("Here's a LinkedIn post:"), heading and banner lines (Markdown
headings, bold or title-case lines, all-caps lines, rules), Markdown emphasis, hashtags beyond the leader's own
habit (the ones kept go on the last line), exact repeats of a sentence or of a run of eight words, and an unfinished
last sentence when the model stopped at its length limit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
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
NUMBERED = re.compile(r"^(\s*)(\d{1,2})([.)]\s)")
LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•→➜▪])(?:\s+|$)")
RULE = re.compile(r"^\s*(?:[-=_*]\s*){3,}$")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(.+?)\1\s*:?\s*$")
EMPHASIS = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
HASHTAG = re.compile(r"(?<![\w#&])#([^\W\d_]\w*)")
TAIL_TAGS = re.compile(r"(?:(?<=\s)|^)(?:#[^\W\d_]\w*[\s,.·|]*)+$")
SENTENCE = re.compile(r"(?<=[.!?])\s+(?=\S)")
WORD = re.compile(r"[\w']+")
MARKER = re.compile(r"\s*\[\s*S\d+\s*\]")
RUN = 8
LONG_LINE = 14
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
    if stripped and not any(c.isalnum() for c in stripped):
        return "a line with no words"
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


def _split_tail_tags(line: str) -> tuple[str, list[str]]:
    """A line's text and the run of hashtags it ends with (a line of hashtags only is all tail)."""
    match = TAIL_TAGS.search(line)
    if not match:
        return line, []
    return line[: match.start()].rstrip(), [f"#{tag}" for tag in HASHTAG.findall(match.group(0))]


def limit_hashtags(text: str, allowed: int, own: tuple[str, ...] = ()) -> tuple[str, list[Change]]:
    """Hashtags that end a line gathered on the last line, at most `allowed` of them (the leader's own first);
    hashtags inside a sentence keep their word and lose the #."""
    body: list[str] = []
    tags: list[str] = []
    inline: list[str] = []
    for line in text.splitlines():
        rest, tail = _split_tail_tags(line)
        tags += tail
        inline += [f"#{tag}" for tag in HASHTAG.findall(rest)]
        if rest.strip() or not tail:
            body.append(HASHTAG.sub(r"\1", rest))
    unique = list(dict.fromkeys(tag.lower() for tag in tags))
    preferred = sorted(unique, key=lambda tag: (tag not in own, unique.index(tag)))
    kept, dropped = preferred[:allowed], preferred[allowed:]
    changes = []
    if dropped:
        why = "more hashtags than the leader uses" if allowed else "the leader does not use hashtags"
        changes.append(Change("removed", " ".join(dropped), why))
    if inline:
        changes.append(Change("edited", " ".join(inline), "hashtags inside sentences turned back into words"))
    joined = "\n".join(body).rstrip()
    return (f"{joined}\n\n{' '.join(kept)}" if kept else joined), changes


def _key(sentence: str) -> str:
    return " ".join(WORD.findall(MARKER.sub("", sentence).lower()))


def _runs(words: list[str], size: int = RUN) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + size]) for i in range(len(words) - size + 1)}


def filter_sentences(text: str, judge: Callable[[str], str | None]) -> tuple[str, list[Change]]:
    """Remove each sentence for which `judge` gives a reason. A list marker opening a line ("2.", "→") stays with
    the line's first sentence; a line left with no sentence goes."""
    changes: list[Change] = []
    lines = []
    for line in text.splitlines():
        marker = LIST_MARK.match(line)
        prefix, rest = (marker.group(0), line[marker.end() :]) if marker else ("", line)
        kept = []
        for sentence in SENTENCE.split(rest) if rest.strip() else []:
            if reason := judge(sentence):
                changes.append(Change("removed", sentence.strip(), reason))
            else:
                kept.append(sentence)
        if kept:
            lines.append(prefix + " ".join(kept))
        elif not line.strip() or not rest.strip():
            lines.append(line if not rest.strip() and not prefix else "")
    return "\n".join(lines), changes


def drop_repeats(text: str, past: Sequence[str] = (), facts: Sequence[str] = ()) -> tuple[str, list[Change]]:
    """A sentence said before, or repeating an eight-word run said before, is removed; so is one sharing a six-word
    run with one of `past` (the leader's example posts: a new post should not copy an old one) unless the run is in
    one of the `facts` the draft was given."""
    seen_sentences: set[str] = set()
    allowed = {run for fact in facts for run in _runs(_key(fact).split(), PAST_RUN)}
    past_runs = {run for post in past for run in _runs(_key(post).split(), PAST_RUN)} - allowed
    seen_runs: set[tuple[str, ...]] = set()

    def judge(sentence: str) -> str | None:
        nonlocal seen_runs
        words = _key(sentence).split()
        runs = _runs(words)
        if len(words) >= 3 and (" ".join(words) in seen_sentences or runs & seen_runs):
            return "repeats what the draft already says"
        if _runs(words, PAST_RUN) & past_runs:
            return "copies a sentence of a past post word for word"
        seen_sentences.add(" ".join(words))
        seen_runs |= runs
        return None

    return filter_sentences(text, judge)


def drop_dangling_labels(text: str) -> tuple[str, list[Change]]:
    """A line ending in a colon ("What twelve weeks cannot show:") with nothing under it is removed."""
    lines = text.splitlines()
    changes: list[Change] = []
    kept: list[str] = []
    for index, line in enumerate(lines):
        following = next((later for later in lines[index + 1 :] if later.strip()), "")
        if line.rstrip().endswith(":") and (not following or following.rstrip().endswith(":")):
            changes.append(Change("removed", line.strip(), "a lead-in with nothing after it"))
            continue
        kept.append(line)
    return "\n".join(kept), changes


def cut_unfinished(text: str) -> tuple[str, list[Change]]:
    """Text after the last complete sentence, when the model was cut off mid-sentence."""
    stripped = text.rstrip()
    if not stripped or stripped[-1] in ".!?\"”')" or HASHTAG.search(stripped.splitlines()[-1]):
        return text, []
    ends = [m.end() for m in re.finditer(r"[.!?][\"”')\]]*(?=\s|$)", stripped)]
    if not ends:
        return text, []
    return stripped[: ends[-1]], [Change("removed", stripped[ends[-1] :].strip(), "unfinished at the length limit")]


def break_lines(text: str) -> tuple[str, list[Change]]:
    """For a leader who writes in short lines: a line of several sentences and over LONG_LINE words is broken after
    each sentence (the words stay as they are)."""
    lines, broken = [], 0
    for line in text.splitlines():
        parts = SENTENCE.split(line.strip())
        if len(line.split()) > LONG_LINE and len(parts) > 1 and not LIST_MARK.match(line):
            lines += parts
            broken += 1
        else:
            lines.append(line)
    if not broken:
        return text, []
    return "\n".join(lines), [Change("edited", f"{broken} long line(s)", "one sentence per line, as the leader writes")]


def renumber_lists(text: str) -> str:
    """Numbered lines counted 1, 2, 3 again in each run of them (after a removed item the list would skip)."""
    lines, count = [], 0
    for line in text.splitlines():
        match = NUMBERED.match(line)
        if match:
            count += 1
            line = f"{match.group(1)}{count}{match.group(3)}{line[match.end() :]}"
        elif line.strip():
            count = 0
        lines.append(line)
    return "\n".join(lines)


def squeeze(text: str) -> str:
    return re.sub(r"\n{3,}", "\n\n", "\n".join(line.rstrip() for line in text.splitlines())).strip()
