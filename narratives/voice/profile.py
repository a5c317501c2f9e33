"""A leader's voice profile from their own posts, and the plain-language voice card."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer, TfidfVectorizer

from core.errors import ValidationFailed
from narratives.voice.features import TextStats, measure, words

MIN_POSTS = 3
TOKEN_PATTERN = r"(?u)\b[^\W\d_][\w'’]+\b"


@dataclass(frozen=True)
class VoiceProfile:
    """What a leader's own posts show about how they write."""

    posts: int
    words_median: float
    words_p10: float
    words_p90: float
    words_per_sentence: float
    reading_grade: float
    line_breaks_per_post: float
    list_share: float
    emoji_per_post: float
    emoji_share: float
    hashtags_per_post: float
    openings: dict[str, float]
    closes_with_question: float
    closes_with_call_to_comment: float
    pronouns: dict[str, float]
    signature_phrases: list[str]
    topics: list[str]
    vocabulary: frozenset[str] = field(repr=False)
    lengths: pd.DataFrame = field(repr=False)

    def card(self) -> list[str]:
        """The voice card: short sentences a comms person can read at a glance."""
        return voice_card(self)


def _share(flags: Sequence[bool]) -> float:
    return float(np.mean(flags)) if flags else 0.0


def signature_phrases(texts: Sequence[str], limit: int = 10) -> list[str]:
    """Word 2-3-grams the leader reuses across posts (not only function words), most frequent first."""
    if len(texts) < 2:
        return []
    vectorizer = CountVectorizer(ngram_range=(2, 3), min_df=2, binary=True, token_pattern=TOKEN_PATTERN)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:
        return []
    counts = np.asarray(matrix.sum(axis=0)).ravel()
    names = vectorizer.get_feature_names_out()
    ranked = [names[i] for i in np.argsort(-counts, kind="stable")]
    content = [phrase for phrase in ranked if not set(phrase.split()) <= ENGLISH_STOP_WORDS]
    return content[:limit]


def topics(texts: Sequence[str], limit: int = 8) -> list[str]:
    """Words that carry the leader's subjects: highest summed TF-IDF, stop words removed."""
    vectorizer = TfidfVectorizer(stop_words="english", token_pattern=TOKEN_PATTERN, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform(texts)
    except ValueError:
        return []
    weights = np.asarray(matrix.sum(axis=0)).ravel()
    names = vectorizer.get_feature_names_out()
    return [names[i] for i in np.argsort(-weights, kind="stable")[:limit]]


def _openings(stats: Sequence[TextStats]) -> dict[str, float]:
    counts = Counter(item.opening for item in stats)
    return {kind: counts[kind] / len(stats) for kind in ("question", "story", "bold claim", "number", "plain")}


def build_profile(texts: Sequence[str]) -> VoiceProfile:
    """Profile a leader from their own past posts (at least three)."""
    texts = [text for text in texts if text.strip()]
    if len(texts) < MIN_POSTS:
        raise ValidationFailed(f"A voice profile needs at least {MIN_POSTS} past posts; {len(texts)} given.")
    stats = [measure(text) for text in texts]
    lengths = [item.words for item in stats]
    total_words = max(sum(lengths), 1)
    vocabulary = {token.lower().strip("'’") for text in texts for token in words(text)}
    return VoiceProfile(
        posts=len(texts),
        words_median=float(np.median(lengths)),
        words_p10=float(np.percentile(lengths, 10)),
        words_p90=float(np.percentile(lengths, 90)),
        words_per_sentence=statistics.fmean(item.words_per_sentence for item in stats),
        reading_grade=statistics.fmean(item.reading_grade for item in stats),
        line_breaks_per_post=statistics.fmean(item.line_breaks for item in stats),
        list_share=_share([item.list_lines >= 2 for item in stats]),
        emoji_per_post=statistics.fmean(item.emoji for item in stats),
        emoji_share=_share([item.emoji > 0 for item in stats]),
        hashtags_per_post=statistics.fmean(item.hashtags for item in stats),
        openings=_openings(stats),
        closes_with_question=_share([item.closes_with_question for item in stats]),
        closes_with_call_to_comment=_share([item.closes_with_call_to_comment for item in stats]),
        pronouns={
            key: sum(getattr(item, f"pronoun_{key}") * item.words for item in stats) / total_words
            for key in ("i", "we", "you")
        },
        signature_phrases=signature_phrases(texts),
        topics=topics(texts),
        vocabulary=frozenset(vocabulary),
        lengths=pd.DataFrame(
            {
                "post": range(1, len(texts) + 1),
                "words": lengths,
                "words_per_sentence": [round(item.words_per_sentence, 1) for item in stats],
            }
        ),
    )


def _habit(share: float, what: str) -> str:
    if share >= 0.6:
        return f"Usually {what} ({share:.0%} of posts)"
    if share >= 0.2:
        return f"Sometimes {what} ({share:.0%} of posts)"
    if share > 0:
        return f"Rarely {what} ({share:.0%} of posts)"
    return f"Never {what}"


def _length_line(profile: VoiceProfile) -> str:
    wps = profile.words_per_sentence
    style = "Short punchy lines" if wps < 12 else "Medium-length sentences" if wps < 20 else "Long, flowing sentences"
    return f"{style} (avg {wps:.0f} words per sentence)"


def voice_card(profile: VoiceProfile) -> list[str]:
    """Plain-language sentences describing the voice."""
    lines = [
        _length_line(profile),
        f"Posts run {profile.words_p10:.0f}-{profile.words_p90:.0f} words (typically {profile.words_median:.0f})",
        f"Reads at about US grade {profile.reading_grade:.0f}",
    ]
    top_open, share = max(profile.openings.items(), key=lambda item: item[1])
    for kind, value in profile.openings.items():
        if kind != "plain" and value >= 0.2:
            lines.append(f"Opens with a {kind} in {value:.0%} of posts")
    if top_open == "plain" and share > 0.6:
        lines.append("Usually opens with a plain statement")
    if profile.closes_with_question >= 0.2:
        lines.append(f"Signs off with a question in {profile.closes_with_question:.0%} of posts")
    if profile.closes_with_call_to_comment >= 0.2:
        lines.append(f"Asks readers to comment in {profile.closes_with_call_to_comment:.0%} of posts")
    lines.append(_habit(profile.emoji_share, "uses emoji"))
    lines.append(_habit(profile.list_share, "uses lists"))
    if profile.hashtags_per_post >= 0.5:
        lines.append(f"Adds about {profile.hashtags_per_post:.0f} hashtags per post")
    main = max(profile.pronouns, key=lambda key: profile.pronouns[key])
    lines.append(
        f"Writes mostly as '{main.upper() if main == 'i' else main}' "
        f"(I {profile.pronouns['i']:.1%}, we {profile.pronouns['we']:.1%}, you {profile.pronouns['you']:.1%})"
    )
    if profile.signature_phrases:
        lines.append("Signature phrases: " + ", ".join(f"'{phrase}'" for phrase in profile.signature_phrases[:5]))
    if profile.topics:
        lines.append("Writes about: " + ", ".join(profile.topics[:6]))
    return lines
