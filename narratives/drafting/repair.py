"""Repair, not only warn: a sentence whose numbers or names the facts given to the model do not contain is dropped,
and the draft shows what was dropped and why.

Numbers are compared by value: `1,200` is 1200, `4.80` is 4.8, `$1.2M` and `1.2 million` are 1,200,000 (and match
a fact's 1,2xx,xxx), a percentage needs the same percentage in the facts, `14:30` needs that time. A spelled-out
number in a fact (`fourteen months`) grounds the digits. Not numbers: citation markers, list markers at the start
of a line, thread counters (`2/5`), hashtags, links, `24/7`, and digits glued to a letter (`PE-3`, `Q2`, `B2B`).
Names: runs of capitalised words that are not at the start of a sentence, product-style words (`PulseLedger`)
and acronyms; a name passes when the facts, the leader's name or the leader's own past posts contain it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal, InvalidOperation

from narratives.drafting.tidy import MARKER, Change, filter_sentences

IGNORED = re.compile(r"https?://\S+|www\.\S+|(?<![\w#])#\w+|\b24/7\b|\(\d{1,2}/\d{1,2}\)|\b\d{1,2}/\d{1,2}$")
LINE_MARK = re.compile(r"^\s*(?:\d{1,2}[.)/]|[-*•→])\s+")
TIME = re.compile(r"(?<![\w.])(\d{1,2}):(\d{2})(?!\d)")
NUMBER = re.compile(
    r"(?<![^\W\d_])(?<![^\W\d_]-)(?<![\d.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(thousand|million|billion|bn|[kKMB])(?![\w])|\s?(%|percent|per cent|percentage points?|pts?)(?!\w))?"
)
SCALE = {"k": 3, "K": 3, "thousand": 3, "M": 6, "million": 6, "B": 9, "bn": 9, "billion": 9}
WORD_NUMBERS = {
    word: value
    for value, word in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
} | {"thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "hundred": 100, "dozen": 12}
SPELLED = re.compile(r"\b(" + "|".join(WORD_NUMBERS) + r")\b", re.IGNORECASE)
NAME = re.compile(r"\b(?:[A-Z][a-z]+[A-Z]\w*|[A-Z]{2,}[a-z]*\d*|[A-Z][\w'-]+(?:\s+(?:of\s+)?[A-Z][\w'-]+)+)\b")
COMMON = frozenset(["I", "I'm", "I've", "I'd", "I'll", "AI", "OK", "CEO", "CTO", "CFO", "VP", "FAQ"])


def _value(raw: str, decimals: str = "") -> Decimal:
    try:
        return Decimal(raw.replace(",", "") + decimals).normalize()
    except InvalidOperation:
        return Decimal(-1)


def numbers(text: str) -> list[tuple[str, Decimal, str]]:
    """(as written, value, kind) for every number; kind is plain, percent, scaled or time."""
    body = "\n".join(LINE_MARK.sub(" ", line) for line in IGNORED.sub(" ", MARKER.sub(" ", text)).splitlines())
    found = [(m.group(0), Decimal(int(m.group(1)) * 100 + int(m.group(2))), "time") for m in TIME.finditer(body)]
    for match in NUMBER.finditer(TIME.sub(" ", body)):
        value = _value(match.group(1), match.group(2) or "")
        if match.group(3):
            found.append((match.group(0), value.scaleb(SCALE[match.group(3)]).normalize(), "scaled"))
        else:
            found.append((match.group(0), value, "percent" if match.group(4) else "plain"))
    return found


def grounded_values(facts: Sequence[str]) -> dict[str, set[Decimal]]:
    values: dict[str, set[Decimal]] = {"any": set(), "percent": set(), "time": set()}
    for fact in facts:
        for written, value, kind in numbers(fact):
            values["time" if kind == "time" else "any"].add(value)
            if kind == "percent":
                values["percent"].add(value)
            if kind == "scaled":
                values["any"].add(_value(re.sub(r"[^\d.,]", "", written.split()[0])))
        values["any"] |= {Decimal(WORD_NUMBERS[w.lower()]) for w in SPELLED.findall(fact)}
    return values


def ungrounded_numbers(sentence: str, values: dict[str, set[Decimal]]) -> list[str]:
    missing = []
    for written, value, kind in numbers(sentence):
        if kind == "scaled":
            ok = any(v and abs(v - value) / value < Decimal("0.05") for v in values["any"] if v > 0)
        else:
            ok = value in values["percent" if kind == "percent" else kind if kind == "time" else "any"]
        if not ok:
            missing.append(written.strip())
    return missing


def ungrounded_names(sentence: str, known: str) -> list[str]:
    """Names in the sentence (not its first word) that `known` (facts, leader, past posts; lower case) lacks."""
    body = MARKER.sub(" ", sentence).strip()
    missing = []
    for match in NAME.finditer(body):
        name = match.group(0)
        if match.start() == 0:
            name = name.split(" ", 1)[1] if " " in name else ""
        if name and name not in COMMON and name.lower() not in known:
            missing.append(name)
    return missing


def repair(text: str, facts: Sequence[str], known_names: str) -> tuple[str, list[Change]]:
    """Drop every sentence with a number or name the facts do not support; `known_names` is lower-case text
    (the leader's name and past posts) whose names are the leader's own world."""
    values = grounded_values(facts)
    known = " ".join(facts).lower() + " " + known_names.lower()

    def judge(sentence: str) -> str | None:
        missing = [*ungrounded_numbers(sentence, values), *ungrounded_names(sentence, known)]
        return f"not in the facts given: {', '.join(missing)}" if missing else None

    return filter_sentences(text, judge)
