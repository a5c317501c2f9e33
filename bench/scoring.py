"""Pure per-draft criteria for the drafting benchmark (issue 18), independent of Byline's own checks.

Numbers. A number is a run of digits (thousands commas allowed, one decimal part) that is not glued to a letter on
its left: `PE-3`, `P90`, `Q2`, `B2B` and `CT-40` are names, not numbers. Signs and units are ignored (`-40`, `40x`
and `40 MW` are all 40; `1,200` equals `1200`; `4.80` equals `4.8`) except percentages: `40%`, `40 %`, `40 percent`
and `40 pts` need a percentage of 40 in the passages, while a plain 40 may match a percentage. Ordinals count by value
(`14th` is 14). Years count. Ranges and fractions count as their parts (`1-30` is 1 and 30). A scale word or
suffix multiplies (`$1.2M`, `1.2 million` and `1,200,000` are equal) and, because such forms are rounded on
purpose, matches any passage number that rounds to it (`$96k` matches `$96,400`); plain numbers must match
exactly. Clock times compare as times (`2:30 p.m.` matches `14:30`). Not numbers: list markers at the start of a
line (`1.`, `2)`, `1/` thread counters, keycap emoji), citation markers (`[S1]`), hashtags, URLs and `24/7`.
Spelled-out numbers in a draft are not checked; spelled-out numbers in passages (`fourteen months`) ground
digits in the draft.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

TARGET_WORDS = {"short": 80, "medium": 150, "long": 250}
LENGTH_BAND = (0.5, 1.5)
X_LIMIT = 280
X_URL_WEIGHT = 23
MAX_HASHTAGS = 3
RUN_WORDS = 8
MIN_SENTENCE_WORDS = 3

MARKER = re.compile(r"[\[(]\s*S\s*\d+\s*[\])]")
URL = re.compile(r"https?://\S+|www\.\S+")
HASHTAG = re.compile(r"(?<![\w#&])#[^\W\d_]\w*")
MENTION = re.compile(r"(?<!\w)@\w+")
IDIOMS = re.compile(r"\b24/7\b")
KEYCAP = re.compile(r"\d\ufe0f?\u20e3")
THREAD_COUNTER = re.compile(r"\(\d{1,2}/\d{1,2}\)")
LINE_MARKER = re.compile(r"^([ \t]*)(?:(\d{1,2})[.)]|(\d{1,2})/(\d{1,2})?)(?=\s|$)")
TIME = re.compile(
    r"(?<![\w:.])(\d{1,2})(?::(\d{2})(?!\d)(?:\s*([ap])\.?\s?m\b\.?)?|\s*([ap])\.?\s?m\b\.?)", re.IGNORECASE
)
NUMBER = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]-)(?<![\d.])"
    r"(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(thousand|million|billion|bn|[kKMB])(?!\w)|\s?(%|percent|per cent|percentage points?|pts?|pp)(?!\w))?"
)
SCALES = {"k": 3, "K": 3, "thousand": 3, "M": 6, "million": 6, "B": 9, "bn": 9, "billion": 9}
_SMALL = re.findall(
    r"\w+",
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen",
)
_TENS = re.findall(r"\w+", "twenty thirty forty fifty sixty seventy eighty ninety")
NUMBER_WORDS = {word: value for value, word in enumerate(_SMALL)}
NUMBER_WORDS |= {word: 20 + 10 * i for i, word in enumerate(_TENS)} | {"hundred": 100, "dozen": 12}
NUMBER_WORD = re.compile(r"\b(" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")(?:-(\w+))?\b", re.I)


@dataclass(frozen=True)
class Number:
    """A number as written and its unsigned value. `kind`: plain, percent (`%`, `percent`, `pts`), scaled (`1.2M`,
    rounded to `step`) or time."""

    text: str
    value: Decimal
    kind: str = "plain"
    step: Decimal = Decimal(0)


def _strip_line_markers(text: str) -> str:
    """List markers (`1.`, `2)` counting up from 1) and thread counters (`1/`, `2/5`) at the start of a line."""
    lines, last = [], 0
    for line in text.split("\n"):
        match = LINE_MARKER.match(line)
        if match and match.group(2):
            number = int(match.group(2))
            if number in (1, last + 1):
                line, last = match.group(1) + line[match.end() :], number
        elif match and (match.group(4) is None or int(match.group(3)) <= int(match.group(4))):
            line = match.group(1) + line[match.end() :]
        lines.append(line)
    return "\n".join(lines)


def _strip_non_numbers(text: str) -> str:
    for pattern in (MARKER, URL, HASHTAG, MENTION, IDIOMS, THREAD_COUNTER, KEYCAP):
        text = pattern.sub(" ", text)
    return _strip_line_markers(text)


def _times(text: str) -> tuple[list[Number], str]:
    found: list[Number] = []

    def take(match: re.Match[str]) -> str:
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        half = (match.group(3) or match.group(4) or "").lower()
        if half:
            hour = hour % 12 + (12 if half == "p" else 0)
        found.append(Number(match.group(0), Decimal(f"{hour}.{minute:02d}"), "time", Decimal(1 if half else 0)))
        return " "

    return found, TIME.sub(take, text)


def extract_numbers(text: str) -> list[Number]:
    """Every number in `text` by the rules in the module docstring."""
    found, rest = _times(_strip_non_numbers(text))
    for match in NUMBER.finditer(rest):
        whole, decimals, scale = match.group(1), match.group(2) or "", match.group(3)
        value = Decimal(whole.replace(",", "") + decimals)
        if scale:
            shift = SCALES[scale]
            step = Decimal(1).scaleb(shift - max(len(decimals) - 1, 0))
            found.append(Number(match.group(0).strip(), value.scaleb(shift).normalize(), "scaled", step))
        else:
            found.append(Number(match.group(0).strip(), value.normalize(), "percent" if match.group(4) else "plain"))
    return found


def _word_numbers(text: str) -> list[Decimal]:
    found = []
    for match in NUMBER_WORD.finditer(text):
        value = NUMBER_WORDS[match.group(1).lower()]
        tail = NUMBER_WORDS.get((match.group(2) or "").lower())
        found.append(Decimal(value + tail if tail is not None and value >= 20 and tail < 10 else value))
    return found


def _source_values(passages: Sequence[str]) -> dict[str, set[Decimal]]:
    """Values by kind: every non-time value (scaled ones also by their written digits, `7.8 million` as 7.8, and
    spelled-out numbers), percentages, and clock times."""
    found: dict[str, set[Decimal]] = {"any": set(), "percent": set(), "time": set()}
    for passage in passages:
        for number in extract_numbers(passage):
            found["time" if number.kind == "time" else "any"].add(number.value)
            if number.kind == "percent":
                found["percent"].add(number.value)
            if number.kind == "scaled":
                found["any"].add(Decimal(re.sub(r"[^\d.]", "", number.text.split()[0].replace(",", ""))).normalize())
        found["any"].update(_word_numbers(passage))
    return found


def ungrounded_numbers(draft: str, passages: Sequence[str]) -> list[str]:
    """Numbers in the draft that no passage supports, as written in the draft (each once). A percentage needs a
    percentage in the passages (`40%` is not grounded by `40 bar`); other numbers need the value in any form."""
    values = _source_values(passages)
    missing: dict[str, None] = {}
    for number in extract_numbers(draft):
        if number.kind == "time":  # a bare `2:30` may be 02:30 or 14:30
            ok = number.value in values["time"] or (not number.step and number.value + 12 in values["time"])
        elif number.kind == "scaled":
            ok = any(abs(value - number.value) * 2 <= number.step for value in values["any"])
        else:
            ok = number.value in values["percent" if number.kind == "percent" else "any"]
        if not ok:
            missing[number.text] = None
    return list(missing)


# --- repetition ---------------------------------------------------------------------------------------------------

SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+|\n+")
WORD = re.compile(r"[\w'’]+")


def _words(text: str) -> list[str]:
    return [w.lower().replace("’", "'") for w in WORD.findall(MARKER.sub(" ", text))]


def repeated_sentences(text: str, min_words: int = MIN_SENTENCE_WORDS) -> list[str]:
    """Sentences (or lines) of at least `min_words` words that occur more than once, ignoring case and punctuation."""
    counts = Counter(" ".join(_words(s)) for s in SENTENCE_BREAK.split(text))
    return [s for s, n in counts.items() if n > 1 and len(s.split()) >= min_words]


def repeated_runs(text: str, size: int = RUN_WORDS) -> list[str]:
    """Word runs of at least `size` words that occur more than once anywhere in the text, merged into the longest
    repeated stretches (a paragraph written twice is one finding, not forty overlapping ones)."""
    words = _words(text)
    grams = [" ".join(words[i : i + size]) for i in range(len(words) - size + 1)]
    counts = Counter(grams)
    found: dict[str, None] = {}
    start = None
    for i, gram in enumerate([*grams, ""]):
        if gram and counts[gram] > 1:
            start = i if start is None else start
        elif start is not None:
            found[" ".join(words[start : i - 1 + size])] = None
            start = None
    return list(found)


# --- length -------------------------------------------------------------------------------------------------------


def word_count(text: str) -> int:
    """Words with a letter or digit; citation markers, hashtags and URLs do not count."""
    cleaned = HASHTAG.sub(" ", URL.sub(" ", MARKER.sub(" ", text)))
    return sum(1 for token in cleaned.split() if re.search(r"\w", token))


def _x_weight(char: str) -> int:
    code = ord(char)
    light = code <= 0x10FF or 0x2000 <= code <= 0x200D or 0x2010 <= code <= 0x201F or 0x2032 <= code <= 0x2037
    return 1 if light else 2


def x_length(post: str) -> int:
    """Characters as X counts them: a URL is 23, emoji and most symbols outside Latin scripts are 2."""
    text = MARKER.sub("", post).strip()
    urls = URL.findall(text)
    return X_URL_WEIGHT * len(urls) + sum(_x_weight(c) for c in URL.sub("", text))


def length_problem(channel: str, length: str, text: str, thread: Sequence[str]) -> str | None:
    """Why the draft's length misses the target, or None."""
    if channel == "x":
        posts = [p for p in (thread or [text]) if p.strip()]
        if not posts:
            return "no X post"
        long_posts = [f"post {i + 1}: {x_length(p)} chars" for i, p in enumerate(posts) if x_length(p) > X_LIMIT]
        return f"over {X_LIMIT} characters ({'; '.join(long_posts)})" if long_posts else None
    target = TARGET_WORDS[length]
    low, high = round(target * LENGTH_BAND[0]), round(target * LENGTH_BAND[1])
    words = word_count(text)
    return None if low <= words <= high else f"{words} words (target {target}: {low}-{high})"


# --- headings, banners and hashtags ----------------------------------------------------------------------------------

MINOR_WORDS = frozenset(re.findall(r"\w+", "a an and as at but by for from in into of on or per the to vs via with"))
LIST_START = re.compile(r"^\s*(?:[-*•→➜▪–—>]|\d{1,2}[.)])\s")
BOLD_LINE = re.compile(r"^\s*(\*\*|__)(?=\S)(.+?)(?<=\S)\1\s*:?\s*$")
TITLE_WORD = re.compile(r"[^\W\d_][\w'’&/-]*")


def _title_case(line: str) -> bool:
    if LIST_START.match(line) or line.rstrip().endswith((".", ",", ";")):
        return False
    words = TITLE_WORD.findall(line)
    if not 2 <= len(words) <= 12 or (len(words) < 3 and not line.rstrip().endswith(":")):
        return False
    significant = [w for w in words if w.lower() not in MINOR_WORDS]
    return len(significant) >= 2 and all(w[0].isupper() for w in significant)


def banner_reason(line: str, last: bool = False) -> str | None:
    """Why a line is a heading or banner, or None. `last`: the post's last non-empty line (a hashtag line is fine)."""
    stripped = line.strip()
    letters = [c for c in stripped if c.isalpha()]
    if not stripped:
        return None
    if re.match(r"#{1,6}\s", stripped):
        return "markdown heading"
    if re.fullmatch(r"(?:[=\-_*]\s*){3,}", stripped):
        return "rule or heading underline"
    if HASHTAG.match(stripped):
        only_tags = not HASHTAG.sub("", stripped).strip(" \t,.·|")
        if not only_tags:
            return "line opens with hashtags"
        return None if last else "hashtag line before the end"
    if BOLD_LINE.match(stripped):
        return "bold line"
    if len(letters) >= 8 and len(stripped.split()) >= 2 and all(c.isupper() for c in letters):
        return "all-caps line"
    if _title_case(stripped):
        return "title-case line"
    return None


def banner_lines(post: str) -> list[tuple[str, str]]:
    """(line, reason) for every heading or banner line of one post."""
    lines = [line for line in post.splitlines() if line.strip()]
    found = []
    for i, line in enumerate(lines):
        reason = banner_reason(line, last=i == len(lines) - 1)
        if reason:
            found.append((line.strip(), reason))
    return found


def hashtags(text: str) -> list[str]:
    return HASHTAG.findall(text)
