"""A leader's writing habits as concrete instructions a model can follow, and their most typical posts.

Measured on the leader's own past posts for one channel (all their posts when they have fewer than three there):
typical length, sentence length, how lines break, lists and their markers, how posts open and end, emoji and
hashtags, and whether they write as "I" or "we". The typical posts are the ones closest to the leader's median
form; they do not depend on the topic, so a prompt built from them is the same for every brief.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from narratives.voice.features import EMOJI, HASHTAG, LIST_LINE, measure, sentences, words

MIN_CHANNEL_POSTS = 3
SHORT_LINE_WORDS = 14
ARROW = re.compile(r"^\s*(→|->|➜)", re.MULTILINE)
NUMBERED = re.compile(r"^\s*\d{1,2}[.)]\s", re.MULTILINE)
BULLET = re.compile(r"^\s*[-*•▪]\s", re.MULTILINE)


@dataclass(frozen=True)
class Habits:
    """What the leader's posts on one channel show, and the instructions built from it."""

    typical_words: int
    max_hashtags: int
    hashtags: tuple[str, ...]
    uses_emoji: bool
    lines: list[str]
    short_lines: bool = False
    """Writes one or two short sentences per line (a line break after almost every sentence)."""
    form: str = ""
    """Sentence length and line breaks in one line: repeated beside each brief, where a small model reads it last."""


def channel_posts(posts: Sequence[tuple[str, str]], channel: str) -> list[str]:
    """The texts of (text, channel) posts on this channel, or every text when the channel has too few."""
    mine = [text for text, where in posts if where == channel and text.strip()]
    return mine if len(mine) >= MIN_CHANNEL_POSTS else [text for text, _ in posts if text.strip()]


def _share(flags: Sequence[bool]) -> float:
    return sum(flags) / len(flags) if flags else 0.0


def writes_short_lines(texts: Sequence[str]) -> bool:
    per_line = [len(words(line)) for text in texts for line in text.splitlines() if words(line)]
    return statistics.median(per_line or [0]) <= SHORT_LINE_WORDS


def _line_habit(short: bool) -> str:
    if short:
        return "Writes in short lines: one or two short sentences per line, a blank line between groups of lines."
    return "Writes short paragraphs of two to four sentences, separated by a blank line."


def _opening_habit(texts: Sequence[str]) -> str:
    kinds = Counter(measure(text).opening for text in texts)
    kind, count = kinds.most_common(1)[0]
    examples = [first for text in typical_posts(texts, 6) if (first := (sentences(text) or [""])[0])]
    plain = [f'"{line[:80]}"' for line in examples if not re.search(r"\d", line)][:2]
    shown = f" For example: {' / '.join(plain)}" if plain else ""
    if kind == "number" and count / len(texts) >= 0.4:
        return "Often opens with one number on its own line (taken from the facts), then says what it means." + shown
    if kind in ("bold claim", "question", "story") and count / len(texts) >= 0.3:
        return f"Often opens with a {kind} in one short line." + shown
    return "Opens with a plain, direct statement." + shown


def _list_habit(texts: Sequence[str]) -> str:
    with_lists = [t for t in texts if len(LIST_LINE.findall(t)) >= 2]
    if len(with_lists) / len(texts) < 0.2:
        return "Does not use bullet points or numbered lists."
    marks = Counter(
        "arrows (→)" if ARROW.search(t) else "numbered lines (1. 2. 3.)" if NUMBERED.search(t) else "bullets (-)"
        for t in with_lists
    )
    share = len(with_lists) / len(texts)
    return f"Adds a short list in {share:.0%} of posts, written with {marks.most_common(1)[0][0]}."


def _ending_habit(texts: Sequence[str]) -> str:
    closes = [measure(t).closes_with_question for t in texts]
    share = _share(closes)
    if share >= 0.5:
        return f"Ends {share:.0%} of posts with a direct question to readers."
    return "Ends on a short, firm line of their own, not a question to readers."


def _hashtag_habit(texts: Sequence[str]) -> tuple[str, int, tuple[str, ...]]:
    counts = [len(HASHTAG.findall(t)) for t in texts]
    typical = round(statistics.median(counts)) if counts else 0
    tags = Counter(tag.lower() for t in texts for tag in HASHTAG.findall(t))
    favourite = tuple(tag for tag, _ in tags.most_common(4))
    if typical == 0:
        return "Uses no hashtags.", 0, favourite
    plural = "s" if typical > 1 else ""
    line = f"Ends with {typical} hashtag{plural} on the last line, such as {' '.join(favourite[:3])}."
    return line, min(3, typical), favourite


def _emoji_habit(texts: Sequence[str]) -> tuple[str, bool]:
    share = _share([bool(EMOJI.search(t)) for t in texts])
    if share < 0.2:
        return "Never uses emoji.", False
    seen = Counter(e for t in texts for e in EMOJI.findall(t))
    return f"Uses one emoji in about {share:.0%} of posts, such as {' '.join(e for e, _ in seen.most_common(3))}.", True


def _person_habit(texts: Sequence[str]) -> str:
    stats = [measure(t) for t in texts]
    i_rate, we_rate = statistics.fmean(s.pronoun_i for s in stats), statistics.fmean(s.pronoun_we for s in stats)
    if i_rate > 1.5 * we_rate:
        return "Writes in the first person singular: 'I', 'my'."
    return "Writes as 'we' for the team's work; uses 'I' only for a personal view."


def measure_habits(posts: Sequence[tuple[str, str]], channel: str) -> Habits | None:
    """Habits on one channel from (text, channel) posts; None without enough posts."""
    texts = channel_posts(posts, channel)
    if len(texts) < MIN_CHANNEL_POSTS:
        return None
    stats = [measure(t) for t in texts]
    typical = round(statistics.median(s.words for s in stats))
    wps = statistics.fmean(s.words_per_sentence for s in stats)
    hashtag_line, max_tags, tags = _hashtag_habit(texts)
    emoji_line, emoji = _emoji_habit(texts)
    lines = [
        f"Sentences average {wps:.0f} words.",
        _line_habit(short := writes_short_lines(texts)),
        _opening_habit(texts),
        _list_habit(texts),
        _ending_habit(texts),
        _person_habit(texts),
        emoji_line,
        hashtag_line,
    ]
    return Habits(typical, max_tags, tags, emoji, lines, short, " ".join(lines[:2]))


def _shape(text: str) -> tuple[float, float]:
    stats = measure(text)
    lines = max(1, len([line for line in text.splitlines() if line.strip()]))
    return stats.words_per_sentence, stats.words / lines


def typical_posts(texts: Sequence[str], k: int) -> list[str]:
    """k posts in the leader's usual form (sentence length and words per line nearest the median, the closer
    half of the posts), spread over their lengths (shortest first), so examples show how length follows the brief.
    The same texts always give the same posts."""
    if not texts or k <= 0:
        return []
    shapes = [_shape(text) for text in texts]
    medians = [statistics.median(shape[i] for shape in shapes) for i in range(2)]
    spreads = [statistics.pstdev(shape[i] for shape in shapes) or 1.0 for i in range(2)]

    def distance(index: int) -> float:
        return sum(abs(shapes[index][i] - medians[i]) / spreads[i] for i in range(2))

    close = sorted(range(len(texts)), key=lambda i: (distance(i), i))[: max(k, (len(texts) + 1) // 2)]
    by_length = sorted(close, key=lambda i: (len(texts[i].split()), i))
    picks = [by_length[round(q * (len(by_length) - 1) / max(k - 1, 1))] for q in range(k)] if k > 1 else close[:1]
    return [texts[i] for i in dict.fromkeys(picks)]
