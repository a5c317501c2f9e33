"""Per-text style measurements shared by the voice profile, the voice card and the fidelity model."""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass

import regex
import textstat

SENTENCE_END = re.compile(r"(?<=[.!?…])[\"'”’)\]]*\s+|\n+")
WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{N}'’\-]*")
EMOJI = regex.compile(r"\p{Extended_Pictographic}")
HASHTAG = re.compile(r"(?<!\w)#\w+")
MENTION = re.compile(r"(?<!\w)@\w+")
LIST_LINE = regex.compile(r"^\s*([-*•▪►→]|\d+[.)]|\p{Extended_Pictographic})\s+", regex.MULTILINE)
URL = re.compile(r"https?://\S+")
QUOTATION = re.compile(r"[\"“][^\"“”\n]{1,600}[\"”]")
QUOTED_PLACEHOLDER = '" Q "'
NUMBER_OPENING = re.compile(r"^\W*\d")
STORY_OPENING = re.compile(
    r"^\W*(yesterday|last (week|month|year|night)|today|this (morning|week)|years ago|when i|i remember|"
    r"a few (days|weeks|months|years) ago|in \d{4}|once|i was|we were)\b",
    re.IGNORECASE,
)
CLAIM_OPENING = re.compile(
    r"^\W*(stop|most|nobody|no one|everyone|never|always|the (truth|secret|best|biggest)|unpopular opinion|"
    r"hot take|here'?s the thing|\w+ is (dead|broken|overrated))\b",
    re.IGNORECASE,
)
CALL_TO_COMMENT = re.compile(
    r"\b(comment|let me know|tell me|share (your|below)|thoughts\?|what do you think|drop (a|your)|agree\?|"
    r"in the comments|reply)\b",
    re.IGNORECASE,
)
PRONOUNS = {
    "i": {"i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "i'll", "i’ll", "me", "my", "mine", "myself"},
    "we": {"we", "we're", "we’re", "we've", "we’ve", "we'll", "we’ll", "us", "our", "ours", "ourselves"},
    "you": {"you", "you're", "you’re", "you've", "you’ve", "you'll", "you’ll", "your", "yours", "yourself"},
}


def sentences(text: str) -> list[str]:
    """Sentences and stand-alone lines (social posts often use a line as a sentence)."""
    return [part.strip() for part in SENTENCE_END.split(URL.sub(" ", text)) if part and WORD.search(part)]


def words(text: str) -> list[str]:
    return WORD.findall(URL.sub(" ", text))


def paragraphs(text: str) -> list[str]:
    return [block for block in re.split(r"\n\s*\n", text) if block.strip()]


def outside_quotations(text: str) -> str:
    """The text with each quotation ("...", “...” within a line) replaced by a placeholder.

    Quoted words are someone else's voice (a customer, the CEO, a source): the attribution model
    learns the writer from what is left, and still sees how often and where they quote.
    """
    return QUOTATION.sub(QUOTED_PLACEHOLDER, text)


@dataclass(frozen=True)
class TextStats:
    """Measurements of one text."""

    chars: int
    words: int
    sentences: int
    words_per_sentence: float
    word_length: float
    line_breaks: int
    paragraphs: int
    list_lines: int
    emoji: int
    hashtags: int
    mentions: int
    links: int
    questions: int
    exclamations: int
    pronoun_i: float
    pronoun_we: float
    pronoun_you: float
    reading_grade: float
    opening: str
    closes_with_question: bool
    closes_with_call_to_comment: bool


def opening_kind(text: str) -> str:
    """How the post opens: question, number, story, bold claim, or plain."""
    first = sentences(text)[:1]
    if not first:
        return "plain"
    line = first[0]
    if line.rstrip().endswith("?"):
        return "question"
    if NUMBER_OPENING.match(line):
        return "number"
    if STORY_OPENING.match(line):
        return "story"
    if CLAIM_OPENING.match(line) or (len(words(line)) <= 8 and line.rstrip().endswith(("!", "."))):
        return "bold claim"
    return "plain"


def _closing(text: str) -> tuple[bool, bool]:
    body = HASHTAG.sub("", URL.sub("", text)).strip()
    last = (sentences(body) or [""])[-1]
    return last.rstrip().endswith("?"), bool(CALL_TO_COMMENT.search(last))


def measure(text: str) -> TextStats:
    """All measurements for one text. Reading grade uses textstat's syllable-free ARI (works offline)."""
    tokens = [token.lower() for token in words(text)]
    parts = sentences(text)
    count = max(len(tokens), 1)
    closes_question, closes_call = _closing(text)
    return TextStats(
        chars=len(text),
        words=len(tokens),
        sentences=len(parts),
        words_per_sentence=statistics.fmean([len(words(part)) for part in parts]) if parts else 0.0,
        word_length=statistics.fmean([len(token) for token in tokens]) if tokens else 0.0,
        line_breaks=text.count("\n"),
        paragraphs=len(paragraphs(text)),
        list_lines=len(LIST_LINE.findall(text)),
        emoji=len(EMOJI.findall(text)),
        hashtags=len(HASHTAG.findall(text)),
        mentions=len(MENTION.findall(text)),
        links=len(URL.findall(text)),
        questions=text.count("?"),
        exclamations=text.count("!"),
        pronoun_i=sum(token in PRONOUNS["i"] for token in tokens) / count,
        pronoun_we=sum(token in PRONOUNS["we"] for token in tokens) / count,
        pronoun_you=sum(token in PRONOUNS["you"] for token in tokens) / count,
        reading_grade=float(textstat.automated_readability_index(text)) if tokens else 0.0,
        opening=opening_kind(text),
        closes_with_question=closes_question,
        closes_with_call_to_comment=closes_call,
    )


STYLE_FIELDS = (
    "words_per_sentence",
    "word_length",
    "pronoun_i",
    "pronoun_we",
    "pronoun_you",
    "reading_grade",
)


def line_shape(text: str) -> dict[str, float]:
    """How text is broken into lines (paragraphs in most exports): length, spread, one-sentence lines."""
    lines = [line for line in text.splitlines() if words(line)]
    per_line = [len(words(line)) for line in lines] or [0]
    per_sentence = [len(words(part)) for part in sentences(text)] or [0]
    return {
        "words_per_line": statistics.fmean(per_line),
        "words_per_line_spread": statistics.pstdev(per_line),
        "first_line_words": float(per_line[0]),
        "one_sentence_lines": statistics.fmean(len(sentences(line)) <= 1 for line in lines) if lines else 0.0,
        "sentence_spread": statistics.pstdev(per_sentence),
    }


def style_rates(stats: TextStats, text: str = "") -> dict[str, float]:
    """Length-independent numbers for the attribution model (rates per word, sentence or line)."""
    per_word = 1.0 / max(stats.words, 1)
    rates = {name: float(getattr(stats, name)) for name in STYLE_FIELDS}
    rates.update(line_shape(text))
    rates.update(
        line_breaks=stats.line_breaks * per_word,
        list_lines=stats.list_lines * per_word,
        emoji=stats.emoji * per_word,
        hashtags=stats.hashtags * per_word,
        mentions=stats.mentions * per_word,
        questions=stats.questions * per_word,
        exclamations=stats.exclamations * per_word,
    )
    return rates
