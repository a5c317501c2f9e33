"""Draft studio sections: stream each variant into its column, then show every variant with its checks and
citations, and start a post from the one the leader keeps."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import streamlit as st

from core.errors import BylineError
from core.inert_markdown import inert
from core.permissions import Actor
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.service import DraftingService, DraftPlan
from narratives.drafting.tidy import Change
from narratives.drafting.views import change_lines, changes_label
from narratives.llm.streaming import TextStream
from ui.context import attempt
from workspace.posts import PostView

ICONS = {"ok": ":material/check_circle:", "info": ":material/info:", "warn": ":material/warning:"}


@dataclass
class Variant:
    """One streamed variant: its text, or what arrived before a failure and why."""

    text: str
    error: str | None = None
    report: CheckReport | None = None
    citations: list[dict[str, Any]] = field(default_factory=list)
    changes: list[Change] = field(default_factory=list)


def show_stream(stream: TextStream) -> str:
    """Model output as plain text while it arrives (never Markdown: no image is fetched, no link is made)."""
    box = st.empty()
    for _ in stream:
        box.text(stream.text)
    return stream.text


def stream_into_page(stream: TextStream) -> str | None:
    """Stream text as it arrives; on failure keep what arrived and show why."""
    try:
        show_stream(stream)
    except BylineError as exc:
        st.error(inert(str(exc)))
        return None
    if stream.truncated:
        st.warning("The model stopped at its length limit: the end may be cut off.")
    return stream.text


def show_checks(report: CheckReport, citations: list[dict[str, Any]]) -> None:
    if report.fidelity is not None:
        st.metric("Voice fidelity", f"{report.fidelity:.0f}/100")
    for finding in report.findings:
        st.markdown(f"{ICONS[finding.level]} **{finding.check}**: {inert(finding.message)}")
    if report.thread:
        with st.expander(f"X thread ({len(report.thread)} posts)"):
            for tweet in report.thread:
                st.text(tweet)
    with st.expander(f"Citations ({len(citations)})"):
        for citation in citations:
            note = " (contains instruction-like text; used as data only)" if citation["suspicious"] else ""
            source = f"\\[{citation['label']}\\] {inert(citation['title'])}"
            st.markdown(f"**{source}**, {inert(citation['locator'])}{note}  \n> {inert(citation['quote'])}")


def stream_variant(service: DraftingService, plan: DraftPlan, index: int) -> Variant:
    """Stream one variant as it is written, then check it. On failure, what arrived is kept with the reason."""
    stream: TextStream | None = None
    try:
        with st.spinner("Preparing the model (the first draft starts the local engine)…"):
            stream = service.stream_variant(plan, index)
        show_stream(stream)
    except BylineError as exc:
        return Variant(stream.text if stream is not None else "", error=str(exc))
    finished = service.finish(plan, stream.text, truncated=stream.truncated)
    if service.needs_more(plan, finished):
        more = service.extend(plan, index, finished.text)
        try:
            st.write_stream(more)
            finished = service.finish_more(plan, finished, more)
        except BylineError:
            pass  # the model failed while lengthening it: the shorter draft stays
    if service.candidates > 1:
        with st.spinner(f"Writing {service.candidates - 1} more and keeping the one the checks like best…"):
            finished = service.best_of(plan, index, finished)
    citations = [p.as_dict() for p in plan.citations(finished.text)]
    return Variant(finished.text, report=finished.report, citations=citations, changes=finished.changes)


def generate(service: DraftingService, plan: DraftPlan) -> list[Variant]:
    """Stream each variant into its own column as it is written."""
    variants: list[Variant] = []
    for index, column in enumerate(st.columns(plan.variants)):
        with column:
            st.subheader(f"Variant {index + 1}")
            variants.append(stream_variant(service, plan, index))
    return variants


def show_variants(
    service: DraftingService, actor: Actor, plan: DraftPlan, variants: list[Variant], into: dict[str, int] | None = None
) -> PostView | None:
    """Every variant with its checks; returns the post started (or, `into` a post, filled) from the kept variant."""
    target = into or {}
    st.caption(inert(f"Model: {plan.model}. Drafts are suggestions: {plan.context.leader_name} edits and publishes."))
    for index, (column, variant) in enumerate(zip(st.columns(len(variants)), variants, strict=True)):
        with column:
            st.subheader(f"Variant {index + 1}")
            if variant.text:
                st.text(variant.text)
            else:
                st.markdown("_nothing arrived_")
            if variant.error or variant.report is None:
                st.error(inert(f"{variant.error} What arrived is kept above."))
                continue
            with st.expander(changes_label(variant.changes)):
                for line in change_lines(variant.changes):
                    st.text(line)
            show_checks(variant.report, variant.citations)
            if st.button("Use this draft", key=f"ds_use_{index}"):
                report = variant.report
                post = attempt(
                    lambda v=variant, i=index, r=report: service.choose(
                        actor,
                        plan,
                        i,
                        v.text,
                        r,
                        post_id=target.get("post_id"),
                        base_version=target.get("base_version", 0),
                    )
                )
                if post is not None:
                    return post
    return None
