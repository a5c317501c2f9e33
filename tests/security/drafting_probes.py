"""Probes for the drafting steps that take an actor (issue 18's focused passages, facts plan, per-leader prompt
prefix and warm-up), by the rules of matrix.py: a probe returns True when the call reached Bo's object (his private
note's text, his pillars, his voice)."""

from __future__ import annotations

from narratives.brand.pillars import NarrativePillars
from narratives.drafting.brief import Brief
from narratives.drafting.context import DEFAULT_LIMITS, plan_facts, voice_context
from narratives.drafting.material import focused_hits
from tests.security.matrix import Probe, _bo_voice, _calls, _drafting, _reached_secret
from tests.security.world import World

ZEBRA = "Zebra initiative"


def _bo_brief(w: World) -> Brief:
    return Brief(leader_id=w.bo, topic=ZEBRA)


def _plan_facts(w: World, a: object) -> bool:
    facts, reserve = plan_facts(a, _bo_brief(w), w.kb, DEFAULT_LIMITS)  # type: ignore[arg-type]
    return _reached_secret([fact.text for fact in [*facts, *reserve]])


def _focused_hits(w: World, a: object) -> bool:
    return _reached_secret([found.hit.text for found in focused_hits(w.kb, a, _bo_brief(w), 6)])  # type: ignore[arg-type]


def _voice_context(w: World, a: object) -> bool:
    """The per-leader prompt prefix: with Bo's voice in hand, may the actor still add Bo's pillars to it?"""
    return _calls(
        lambda: voice_context(
            a,  # type: ignore[arg-type]
            _bo_brief(w),
            ("Bo", "leader"),
            voice=_bo_voice(w),  # type: ignore[arg-type]
            pillars=NarrativePillars(w.engine),
            limits=DEFAULT_LIMITS,
        )
    )


PROBES: dict[str, Probe] = {
    "narratives.drafting.context.plan_facts": _plan_facts,
    "narratives.drafting.material.focused_hits": _focused_hits,
    "narratives.drafting.context.voice_context": _voice_context,
    "narratives.drafting.service.DraftingService.warm": lambda w, a: _calls(lambda: _drafting(w).warm(a, w.bo)),
    "narratives.drafting.service.DraftingService.warm_in_background": lambda w, a: _calls(
        lambda: _drafting(w).warm_in_background(a, w.bo, "x")
    ),
}

INNER = {
    "narratives.drafting.follow_ups.follow_up_request": (
        "builds a follow-up for a Post DraftingService.follow_up loaded with load_visible_post in its unit of work"
    ),
}
