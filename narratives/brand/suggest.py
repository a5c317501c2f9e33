"""'Suggest from material': pillars proposed by the model and proof points found in the knowledge base.

Every suggestion carries its citations; nothing is saved until the leader or coach accepts it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from langchain_openai import ChatOpenAI

from core.permissions import Actor
from kb.retrieval import SearchHit
from narratives.brand.content import Citation, NarrativeContent, Pillar, ProofPoint
from narratives.brand.matching import pillar_query
from narratives.llm.streaming import complete
from narratives.prompts import PromptBlock, escape_untrusted, get_template

PILLAR_LINE = re.compile(r"^\s*(?:[-*•]|\d+[.)])?\s*\**([^:*\n]{3,80}?)\**\s*:\s*(.+?)\s*$")
MARKER = re.compile(r"\[S(\d+)\]")
MAX_POST_CHARS = 500


class PassageSearch(Protocol):
    """Company material plus the one leader's private notes (`KnowledgeBase.search_for_leader`)."""

    def search_for_leader(self, query: str, actor: Actor, leader_id: int, *, k: int = 5) -> list[SearchHit]: ...


@dataclass(frozen=True)
class PillarSuggestion:
    pillar: Pillar
    citations: list[Citation] = field(default_factory=list)


def citation_of(hit: SearchHit) -> Citation:
    return Citation(document_id=hit.document_id, title=hit.title, locator=hit.locator, quote=hit.citation.quote[:600])


def suggest_proof_points(
    kb: PassageSearch, actor: Actor, leader_id: int, content: NarrativeContent, *, per_pillar: int = 2
) -> list[ProofPoint]:
    """Passages that back each of this leader's pillars, as cited proof points the narrative does not have yet."""
    cited = {p.citation.document_id + p.citation.locator for p in content.proof_points if p.citation}
    suggestions: list[ProofPoint] = []
    for pillar in content.pillars:
        for hit in kb.search_for_leader(pillar_query(pillar.name, pillar.thesis), actor, leader_id, k=per_pillar + 2):
            if hit.document_id + hit.locator in cited or hit.suspicious_instructions:
                continue
            cited.add(hit.document_id + hit.locator)
            point = ProofPoint(text=hit.citation.quote, pillar=pillar.name, source="kb", citation=citation_of(hit))
            suggestions.append(point)
            if sum(1 for s in suggestions if s.pillar == pillar.name) >= per_pillar:
                break
    return suggestions


def quoted_passages(hits: Sequence[SearchHit]) -> PromptBlock:
    """Passages as quoted data; `<` and `>` in titles, locators and text are escaped."""
    return PromptBlock(
        "\n".join(
            f"[S{i}] {escape_untrusted(h.title)} ({escape_untrusted(h.locator)})\n<passage>\n"
            f"{escape_untrusted(h.text)}\n</passage>"
            for i, h in enumerate(hits, 1)
        )
    )


def parse_pillar_lines(answer: str, hits: Sequence[SearchHit]) -> list[PillarSuggestion]:
    """Read `- Name: thesis [S1]` lines; lines in any other shape are ignored."""
    suggestions: list[PillarSuggestion] = []
    for line in answer.splitlines():
        match = PILLAR_LINE.match(line)
        if not match:
            continue
        numbers = {int(n) for n in MARKER.findall(match.group(2))}
        thesis = MARKER.sub("", match.group(2)).strip()[:300]
        citations = [citation_of(hits[n - 1]) for n in sorted(numbers) if 0 < n <= len(hits)]
        suggestions.append(PillarSuggestion(Pillar(name=match.group(1).strip(), thesis=thesis), citations))
    return suggestions[:5]


def suggest_pillars(
    chat: ChatOpenAI,
    kb: PassageSearch,
    actor: Actor,
    leader_id: int,
    *,
    leader_name: str,
    leader_title: str,
    content: NarrativeContent,
    past_posts: Sequence[str],
) -> list[PillarSuggestion]:
    """Ask the model for pillars grounded in the leader's expertise, past posts and company passages."""
    query = " ".join(content.expertise) or leader_title
    hits = kb.search_for_leader(query, actor, leader_id, k=6)
    messages = get_template("suggest_pillars").render(
        leader_name=leader_name,
        leader_title=leader_title,
        expertise=", ".join(content.expertise) or "not stated",
        existing_pillars=", ".join(p.name for p in content.pillars) or "none",
        past_posts="\n---\n".join(post[:MAX_POST_CHARS] for post in past_posts[:5]) or "none",
        passages=quoted_passages(hits) if hits else "none",
    )
    existing = {p.name.lower() for p in content.pillars}
    parsed = parse_pillar_lines(complete(chat, messages).text, hits)
    return [s for s in parsed if s.pillar.name.lower() not in existing]
