"""Example turns for the draft prompt: each of the leader's typical past posts answers a request shaped like a real
brief (its own number- and name-bearing sentences as the facts, its first sentence as the topic, its length), so
the model sees the leader's form and sees that numbers come from the facts."""

from __future__ import annotations

import re
from collections.abc import Sequence

from langchain_core.messages import BaseMessage

from narratives.prompts import get_template

SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“])")
LIST_MARK = re.compile(r"^\s*(?:\d{1,2}[.)]|[-*•→➜])\s+")
FACTUAL = re.compile(r"\d|\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{2,}\b")
EXAMPLE_FACTS = 6
MIN_TOPIC_WORDS = 4
X_WORDS = 45
X_CHARS = 280
NO_FACTS = "(none: write the leader's view from experience, with no numbers, names, dates or results.)"


def trim_to_sentence(text: str, max_chars: int) -> str:
    """The text cut after the last sentence that fits in `max_chars` (whole when it fits)."""
    if len(text) <= max_chars:
        return text.strip()
    cut = text[:max_chars]
    end = max(cut.rfind(". "), cut.rfind(".\n"), cut.rfind("? "), cut.rfind("!\n"))
    return (cut[: end + 1] if end > 0 else cut).strip()


def example_length_rule(post: str, channel: str) -> str:
    words = len(post.split())
    if channel == "x":
        return f"Write one X post of at most {X_WORDS} words (under 280 characters)."
    target = max(10, round(words, -1))
    return f"Write about {target} words, no more than {target + target // 4}."


def post_sentences(post: str) -> list[str]:
    """Sentences of a post, list markers and hashtag lines left out."""
    found = []
    for line in post.splitlines():
        line = LIST_MARK.sub("", line).strip()
        if line and not line.startswith("#"):
            found += [part.strip() for part in SENTENCE.split(line) if len(part.split()) >= 2]
    return found


def example_facts(sentences: Sequence[str]) -> str:
    """Every sentence of the post that carries a number or a name, as the facts it was written from."""
    chosen = [s for s in sentences if FACTUAL.search(s)][:EXAMPLE_FACTS]
    lines = [f'[S{i}] "{" ".join(s.split())}"' for i, s in enumerate(chosen, start=1)]
    return "\n".join(lines) or NO_FACTS


def example_turns(posts: Sequence[str], channel: str, max_chars: int, form: str = "") -> list[BaseMessage]:
    """A request (with the leader's `form` line, as real requests have it) and the leader's own post as the
    answer, for each post."""
    turns: list[BaseMessage] = []
    template = get_template("draft_example")
    limit = min(max_chars, X_CHARS) if channel == "x" else max_chars
    for raw in posts:
        post = trim_to_sentence(raw, limit)
        sentences = post_sentences(post)
        topic = next((s for s in sentences if len(s.split()) >= MIN_TOPIC_WORDS), sentences[0] if sentences else post)
        turns += template.render(
            facts=example_facts(sentences),
            topic=topic[:120],
            length_rule=example_length_rule(post, channel),
            form=form,
            post=post,
        )
    return turns
