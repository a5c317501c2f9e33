"""How a draft is decoded: a token budget from the length target, a penalty on repeats, and stop sequences."""

from __future__ import annotations

import re

from langchain_openai import ChatOpenAI

from narratives.drafting.brief import Brief
from narratives.llm.streaming import RETRY

FREQUENCY_PENALTY = 0.3
STOP = ["\nNote:", "\n(Note", "\n**Note", "\n---\n", "\n\n\n\n"]
X_TOKENS = {"short": 100, "medium": 160, "long": 230}
RUN = 8
REFUSAL = re.compile(
    r"\s*(?:(?:(?:I'?m |I am )?sorry,? (?:but )?)?I(?: can(?:no|')t| cannot| am unable to|'m unable to| won'?t)"
    r" (?:assist|help|write|do|comply|fulfil|provide)|As an AI)",
    re.IGNORECASE,
)
REFUSAL_CHARS = 20
SHORT = 0.6
WORD = re.compile(r"[\w']+")


def max_tokens(brief: Brief) -> int:
    """Room for about 1.15x the target words (about 1.25 tokens a word) and no more: a model that runs on is cut at
    a sentence end instead of repeating itself or passing 1.5x the target."""
    if brief.channel == "x":
        return X_TOKENS[brief.length]
    return int(brief.target_words * 1.45) + 20


def too_short(brief: Brief, text: str) -> bool:
    """A LinkedIn draft under 60% of its target words (an X post has no floor)."""
    return brief.channel == "linkedin" and len(text.split()) < SHORT * brief.target_words


def more_tokens(brief: Brief, text: str) -> int:
    """Tokens for continuing a short draft up to about its target."""
    return max(40, int((brief.target_words - len(text.split())) * 1.4))


def runaway(text: str) -> str | None:
    """ "repeat" once the model starts writing an eight-word run it already wrote (small models loop; everything
    after the first loop is thrown away by the clean-up anyway, so stop paying for it)."""
    words = WORD.findall(text.lower())
    if len(words) < 2 * RUN:
        return None
    last = tuple(words[-RUN:])
    earlier = {tuple(words[i : i + RUN]) for i in range(len(words) - RUN)}
    return "repeat" if last in earlier else None


def declined(text: str) -> bool:
    """Does the answer open with a refusal ("I'm sorry, but I can't assist with that")? Code-tuned small models
    sometimes decline a writing request; another seed usually writes it."""
    return bool(REFUSAL.match(text)) and len(text) >= REFUSAL_CHARS


def watch(text: str) -> str | None:
    """While a draft streams: RETRY on a refusal, "repeat" on a runaway loop, else None."""
    if len(text) <= 2 * REFUSAL_CHARS and declined(text):
        return RETRY
    return runaway(text)


def tuned(chat: ChatOpenAI) -> ChatOpenAI:
    """The chat model with the draft's repeat penalty and stop sequences (both standard OpenAI parameters)."""
    return chat.model_copy(update={"frequency_penalty": FREQUENCY_PENALTY, "stop": STOP})
