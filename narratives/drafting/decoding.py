"""How a draft is decoded: a token budget from the length target, a penalty on repeats, and stop sequences."""

from __future__ import annotations

from langchain_openai import ChatOpenAI

from narratives.drafting.brief import Brief

FREQUENCY_PENALTY = 0.3
STOP = ["\nNote:", "\n(Note", "\n**Note", "\n---\n", "\n\n\n\n"]
X_TOKENS = {"short": 100, "medium": 160, "long": 230}


def max_tokens(brief: Brief) -> int:
    """Room for the upper end of the length band (1.5x the target words, about 1.3 tokens a word) and no more:
    a model that runs on is cut at a sentence end instead of repeating itself."""
    if brief.channel == "x":
        return X_TOKENS[brief.length]
    return int(brief.target_words * 1.9) + 30


def tuned(chat: ChatOpenAI) -> ChatOpenAI:
    """The chat model with the draft's repeat penalty and stop sequences (both standard OpenAI parameters)."""
    return chat.model_copy(update={"frequency_penalty": FREQUENCY_PENALTY, "stop": STOP})
