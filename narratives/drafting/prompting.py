"""Fill the prompt templates from a brief and its context (the templates themselves live in prompts/)."""

from __future__ import annotations

from collections.abc import Sequence

from langchain_core.messages import BaseMessage

from narratives.drafting.brief import Brief
from narratives.drafting.context import DEFAULT_LIMITS, ContextLimits, DraftContext, Passage, quoted_passages
from narratives.drafting.sources import format_list
from narratives.prompts import PromptBlock, escape_untrusted, get_template

VARIANT_STYLES = (
    "Open with a short, concrete moment from the work.",
    "Open with one clear, specific claim.",
    "Open with a question the reader cares about.",
)
CHANNEL_RULES = {
    "linkedin": "This is for LinkedIn: at most 3,000 characters, short paragraphs, at most 3 hashtags, no links.",
    "x": "This is for X: one post of at most 280 characters, at most 2 hashtags.",
}


def exemplar_block(exemplars: Sequence[str], max_chars: int = ContextLimits.exemplar_chars) -> PromptBlock:
    """Past posts as quoted data; `<` and `>` inside them are escaped so a post cannot close its tag."""
    if not exemplars:
        return PromptBlock("(none)")
    return PromptBlock(
        "\n\n".join(f"<past_post>\n{escape_untrusted(text[:max_chars])}\n</past_post>" for text in exemplars)
    )


def pillar_block(context: DraftContext) -> str:
    return format_list([f"{p.name}: {p.thesis}" for p in context.pillars])


def draft_messages(
    brief: Brief, context: DraftContext, variant: int, limits: ContextLimits = DEFAULT_LIMITS
) -> list[BaseMessage]:
    return get_template("draft_post").render(
        leader_name=context.leader_name,
        leader_title=context.leader_title,
        voice_card=format_list(context.voice_card, "(no past posts imported yet)"),
        pillars=pillar_block(context),
        exemplars=exemplar_block(context.exemplars, limits.exemplar_chars),
        passages=quoted_passages(context.passages, limits.passage_chars),
        topic=brief.topic,
        angle=brief.angle or "(the leader's own view)",
        channel="LinkedIn" if brief.channel == "linkedin" else "X",
        channel_rules=CHANNEL_RULES[brief.channel],
        length_words=brief.target_words,
        variant_style=VARIANT_STYLES[variant % len(VARIANT_STYLES)],
    )


def rewrite_messages(
    name: str, card: Sequence[str], passages: Sequence[Passage], post: str, paragraph: str, instruction: str
) -> list[BaseMessage]:
    return get_template("rewrite_paragraph").render(
        leader_name=name,
        voice_card=format_list(card),
        passages=quoted_passages(list(passages)),
        post_text=post,
        paragraph=paragraph,
        instruction=instruction or "make it clearer and more concrete",
    )


def shorter_messages(name: str, post: str, channel: str) -> list[BaseMessage]:
    target = max(25, int(len(post.split()) * 0.6))
    return get_template("shorter").render(
        leader_name=name, post_text=post, target_words=target, channel_rules=CHANNEL_RULES.get(channel, "")
    )


def more_like_me_messages(
    name: str, card: Sequence[str], exemplars: Sequence[str], deviations: Sequence[str], post: str
) -> list[BaseMessage]:
    return get_template("more_like_me").render(
        leader_name=name,
        voice_card=format_list(card),
        exemplars=exemplar_block(exemplars),
        deviations=format_list(deviations, "(no measured deviations: keep it close)"),
        post_text=post,
    )
