"""What a draft may draw on: passages focused on the brief, then the few facts the draft is planned around.

Passages: the documents the user picked come first, whatever their score; other passages must pass a relevance
floor (cosine similarity of brief and passage) and stay near the best one, at most two per document. When nothing
passes, the draft is told plainly that the knowledge base has nothing on the topic.

Facts (the plan): the passages' sentences ranked by how much of the brief they cover (TF-IDF cosine), preferring
concrete ones (numbers, names); the top few, at most two per passage, each labelled S1, S2, … Only these facts are
placed in the prompt, which keeps it short enough for a CPU model to start writing within seconds.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from sklearn.feature_extraction.text import TfidfVectorizer

from core.permissions import Actor
from kb.retrieval import SearchFilters, SearchHit
from kb.safety import looks_like_instructions
from narratives.drafting.brief import Brief
from narratives.drafting.sources import PassageSearch

RELEVANCE_FLOOR = 0.35
"""Below this cosine similarity a passage is about something else (MiniLM; unrelated demo passages score <0.3)."""
RELEVANCE_MARGIN = 0.2
PER_DOCUMENT = 2
CANDIDATES = 20
LEXICAL_WEIGHT = 0.5
FACT_CHARS = (25, 320)
FACTS_PER_PASSAGE = 2
PASSAGE_WEIGHT = 0.5
CONCRETE_BONUS = 0.05
MIN_FACT_COVER = 0.02
DUPLICATE_JACCARD = 0.6
FACTS = {("linkedin", "short"): 3, ("linkedin", "medium"): 4, ("linkedin", "long"): 5, ("x", "short"): 2}
FACTS_DEFAULT = 3
_MARKDOWN = re.compile(r"^\s*(?:#{1,6}\s+|[-*•]\s+|\d{1,2}[.)]\s+|>\s*)")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9\"“(])")
_CONCRETE = re.compile(r"\d|\b[A-Z][a-z]+[A-Z]\w*|\b[A-Z]{2,}\b")
_WORDS = re.compile(r"\w+")


@dataclass(frozen=True)
class Found:
    """A search hit, its relevance to the brief, and whether the user picked its document."""

    hit: SearchHit
    relevance: float
    picked: bool = False


def lexical_cover(query: str, texts: Sequence[str]) -> list[float]:
    """TF-IDF cosine of each text with the query, fitted on these texts (exact terms the dense model misses)."""
    if not texts:
        return []
    vectorizer = TfidfVectorizer(stop_words="english", sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([query, *texts])
    except ValueError:
        return [0.0] * len(texts)
    return [float(value) for value in (matrix[1:] @ matrix[0].T).toarray().ravel()]


def rerank(query: str, hits: Sequence[SearchHit]) -> list[Found]:
    """Hits ordered by dense similarity plus half their lexical cover of the query."""
    cover = lexical_cover(query, [hit.text for hit in hits])
    found = [Found(hit, (hit.similarity or 0.0) + LEXICAL_WEIGHT * c) for hit, c in zip(hits, cover, strict=True)]
    return sorted(found, key=lambda item: item.relevance, reverse=True)


def focused_hits(kb: PassageSearch, actor: Actor, brief: Brief, limit: int) -> list[Found]:
    """Company material plus this leader's own notes (never another leader's). Picked documents first; then, when
    the best passage clears the relevance floor, the passages near the best one (at most two per document). An
    empty list means the knowledge base has nothing on the topic."""
    picked: list[Found] = []
    if brief.document_ids:
        filters = SearchFilters(document_ids=brief.document_ids)
        hits = kb.search_for_leader(brief.query, actor, brief.leader_id, k=limit, filters=filters)
        picked = [replace(f, picked=True) for f in rerank(brief.query, hits)]
    ranked = rerank(brief.query, kb.search_for_leader(brief.query, actor, brief.leader_id, k=CANDIDATES))
    if not ranked or max(found.hit.similarity or 0.0 for found in ranked) < RELEVANCE_FLOOR:
        return picked[:limit]
    best = ranked[0].relevance
    kept = list(picked)
    for found in ranked:
        if len(kept) >= limit:
            break
        same_doc = sum(1 for item in kept if item.hit.document_id == found.hit.document_id)
        if found.hit.chunk_id in {item.hit.chunk_id for item in kept} or same_doc >= PER_DOCUMENT:
            continue
        if found.relevance >= best - RELEVANCE_MARGIN:
            kept.append(found)
    return kept


def sentences(text: str) -> list[str]:
    """Plain sentences of a passage: Markdown markers and table rows dropped, emphasis removed. A sentence that
    reads like instructions to a model is never a fact."""
    found = []
    for line in text.splitlines():
        if line.count("|") >= 2 or not line.strip():
            continue
        plain = _MARKDOWN.sub("", line).replace("**", "").replace("__", "").strip()
        found += [part.strip() for part in _SENTENCE.split(plain) if part.strip()]
    usable = [s for s in found if FACT_CHARS[0] <= len(s) <= FACT_CHARS[1] and not s.endswith(":")]
    return [s for s in usable if not looks_like_instructions(s)]


def fact_count(brief: Brief) -> int:
    return FACTS.get((brief.channel, brief.length), FACTS_DEFAULT)


def concrete(sentence: str) -> bool:
    """Does the sentence carry a number or a name (something a reader can check)?"""
    return bool(_CONCRETE.search(sentence))


@dataclass(frozen=True)
class FactCandidate:
    passage_index: int
    sentence: str
    score: float
    own: float


def _near_duplicate(sentence: str, chosen: Sequence[FactCandidate]) -> bool:
    words = set(_WORDS.findall(sentence.lower()))
    for fact in chosen:
        other = set(_WORDS.findall(fact.sentence.lower()))
        if len(words & other) / max(len(words | other), 1) >= DUPLICATE_JACCARD:
            return True
    return False


def choose_facts(query: str, passages: Sequence[tuple[str, float]], count: int) -> list[FactCandidate]:
    """The `count` best sentences of (text, relevance) passages, at most FACTS_PER_PASSAGE from one passage and no
    near-duplicates. A sentence must share words with the brief; it scores its TF-IDF cosine with the brief, a
    little more when concrete, plus half its passage's relevance."""
    candidates = [(index, sentence) for index, (text, _) in enumerate(passages) for sentence in sentences(text)]
    cover = lexical_cover(query, [sentence for _, sentence in candidates])
    ranked = sorted(
        (
            FactCandidate(
                index, sentence, own + CONCRETE_BONUS * concrete(sentence) + PASSAGE_WEIGHT * passages[index][1], own
            )
            for (index, sentence), own in zip(candidates, cover, strict=True)
            if own >= MIN_FACT_COVER
        ),
        key=lambda fact: fact.score,
        reverse=True,
    )
    chosen: list[FactCandidate] = []
    for fact in ranked:
        if len(chosen) == count:
            break
        per_passage = sum(1 for c in chosen if c.passage_index == fact.passage_index)
        if per_passage < FACTS_PER_PASSAGE and not _near_duplicate(fact.sentence, chosen):
            chosen.append(fact)
    return chosen


def relabel(passages: Sequence[object]) -> list[object]:
    """Passages numbered S1, S2, … in order (dataclasses with a `label` field)."""
    return [replace(p, label=f"S{i}") for i, p in enumerate(passages, start=1)]  # type: ignore[type-var]
