"""Draft studio: a brief in, streamed draft variants in the leader's voice with citations and checks, then edit,
follow up, save as revisions and mark published. All work is done by the DraftingService."""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.errors import BylineError, EditConflict
from narratives.drafting.brief import make_brief
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.learning import edit_trend
from narratives.drafting.service import DraftingService, DraftPlan, paragraphs
from narratives.llm.streaming import TextStream
from ui.context import attempt, current_actor, get_engine, get_settings_cached, stop_with_error
from ui.kb_resources import knowledge_base
from workspace.people import list_leaders
from workspace.posts import mark_published

PLAN, VARIANTS, POST, EDITOR, PENDING, BASE, CONFLICT = (
    "ds_plan",
    "ds_variants",
    "ds_post",
    "ds_editor",
    "ds_editor_pending",
    "ds_base_version",
    "ds_conflict",
)
ICONS = {"ok": ":material/check_circle:", "info": ":material/info:", "warn": ":material/warning:"}
ACTIONS = {"rewrite_paragraph": "Rewrite this paragraph", "shorter": "Shorter", "more_like_me": "More like me"}

actor = current_actor()
engine = get_engine()
st.title("Draft studio")


def drafting_service() -> DraftingService:
    return open_drafting_service(get_settings_cached(), engine, kb=knowledge_base())


def stream_into_page(stream: TextStream) -> str | None:
    """Stream text as it arrives; on failure keep what arrived and show why."""
    try:
        st.write_stream(stream)
    except BylineError as exc:
        st.error(str(exc))
        return None
    if stream.truncated:
        st.warning("The model stopped at its length limit: the end may be cut off.")
    return stream.text


def show_checks(report: CheckReport, citations: list[dict[str, Any]]) -> None:
    if report.fidelity is not None:
        st.metric("Voice fidelity", f"{report.fidelity:.0f}/100")
    for finding in report.findings:
        st.markdown(f"{ICONS[finding.level]} **{finding.check}**: {finding.message}")
    if report.thread:
        with st.expander(f"X thread ({len(report.thread)} posts)"):
            for tweet in report.thread:
                st.text(tweet)
    with st.expander(f"Citations ({len(citations)})"):
        for citation in citations:
            note = " (contains instruction-like text; used as data only)" if citation["suspicious"] else ""
            st.markdown(
                f"**[{citation['label']}] {citation['title']}**, {citation['locator']}{note}  \n> {citation['quote']}"
            )


def one_variant(service: DraftingService, plan: DraftPlan, index: int) -> dict[str, Any]:
    """Stream one variant as it is written, then check it. On failure, what arrived is kept with the reason."""
    stream: TextStream | None = None
    try:
        with st.spinner("Preparing the model (the first draft starts the local engine)…"):
            stream = service.stream_variant(plan, index)
        st.write_stream(stream)
    except BylineError as exc:
        return {"text": stream.text if stream is not None else "", "error": str(exc)}
    return {
        "text": stream.text,
        "error": None,
        "truncated": stream.truncated,
        "report": service.check(plan, stream.text),
        "citations": [p.as_dict() for p in plan.citations(stream.text)],
    }


def generate(service: DraftingService, plan: DraftPlan) -> None:
    """Stream each variant into its own column, then show them all with their checks."""
    variants: list[dict[str, Any]] = []
    st.session_state[VARIANTS] = variants
    for index, column in enumerate(st.columns(plan.variants)):
        with column:
            st.subheader(f"Variant {index + 1}")
            variants.append(one_variant(service, plan, index))
    st.rerun()


def brief_form(service: DraftingService) -> None:
    leaders = attempt(lambda: list_leaders(engine, actor)) or []
    if not leaders:
        stop_with_error("No leaders are visible to you yet.")
    names = {leader.id: f"{leader.name} ({leader.title})" if leader.title else leader.name for leader in leaders}
    documents = attempt(lambda: knowledge_base().list_documents(actor)) or []
    titles = {doc.id: doc.title for doc in documents}
    with st.form("brief"):
        leader_id = st.selectbox("Leader", list(names), format_func=names.__getitem__, key="ds_leader")
        topic = st.text_input("Topic", key="ds_topic", max_chars=None)
        angle = st.text_area("Angle (optional): the point of view, story or audience", key="ds_angle")
        sources = st.multiselect(
            "Source documents (optional)", list(titles), format_func=titles.__getitem__, key="ds_sources"
        )
        left, middle, right = st.columns(3)
        channel = left.radio(
            "Channel",
            ["linkedin", "x"],
            horizontal=True,
            key="ds_channel",
            format_func={"linkedin": "LinkedIn", "x": "X"}.__getitem__,
        )
        length = middle.select_slider("Length", ["short", "medium", "long"], value="medium", key="ds_length")
        count = right.number_input("Variants", min_value=2, max_value=3, value=2, key="ds_count")
        submitted = st.form_submit_button("Draft", type="primary")
    if not submitted:
        return
    brief = attempt(
        lambda: make_brief(
            leader_id=leader_id, topic=topic, angle=angle, document_ids=tuple(sources), channel=channel, length=length
        )
    )
    plan = attempt(lambda: service.plan(actor, brief, variants=int(count))) if brief else None
    if plan is not None:
        st.session_state[PLAN] = plan
        generate(service, plan)


def show_variants(service: DraftingService) -> None:
    plan: DraftPlan | None = st.session_state.get(PLAN)
    variants: list[dict[str, Any]] = st.session_state.get(VARIANTS, [])
    if plan is None or not variants:
        return
    st.caption(f"Model: {plan.model}. Drafts are suggestions: {plan.context.leader_name} edits and publishes.")
    columns = st.columns(len(variants))
    for index, (column, variant) in enumerate(zip(columns, variants, strict=True)):
        with column:
            st.subheader(f"Variant {index + 1}")
            st.markdown(variant["text"] or "_nothing arrived_")
            if variant["error"]:
                st.error(variant["error"] + " What arrived is kept above.")
                continue
            if variant["truncated"]:
                st.warning("The model stopped at its length limit: the end may be cut off.")
            show_checks(variant["report"], variant["citations"])
            if st.button("Use this draft", key=f"ds_use_{index}"):
                post = attempt(lambda v=variant, i=index: service.choose(actor, plan, i, v["text"], v["report"]))
                if post is not None:
                    st.session_state.update({POST: post.id, PENDING: post.text, BASE: post.version})
                    st.rerun()


def save(service: DraftingService, post_id: int, text: str, note: str) -> None:
    try:
        saved = service.save(actor, post_id, text, st.session_state[BASE], note=note)
    except EditConflict as conflict:
        st.error(str(conflict))
        st.session_state[CONFLICT] = conflict.current_text
        st.session_state[BASE] = conflict.current_version
        return
    except BylineError as exc:
        st.error(str(exc))
        return
    st.session_state.update({BASE: saved.version, CONFLICT: None})
    st.success(f"Saved as revision {saved.version}.")


def follow_up(service: DraftingService, post_id: int, text: str) -> None:
    action = st.selectbox("Follow-up", list(ACTIONS), format_func=ACTIONS.__getitem__, key="ds_action")
    paragraph, instruction = 0, ""
    if action == "rewrite_paragraph":
        count = max(1, len(paragraphs(text)))
        paragraph = int(st.number_input("Paragraph", 1, count, 1, key="ds_paragraph")) - 1
        instruction = st.text_input("What to change", key="ds_instruction")
    if not st.button("Apply", key="ds_apply"):
        return
    stream = attempt(
        lambda: service.follow_up(
            actor, post_id, text, st.session_state[BASE], action, paragraph=paragraph, instruction=instruction
        )
    )
    if stream is None:
        return
    st.session_state[BASE] = stream.base_version  # the editor text was kept as a revision first
    if stream_into_page(stream.stream) is not None:
        saved = attempt(lambda: service.save(actor, post_id, stream.final_text, stream.base_version, note=action))
        if saved is not None:
            st.session_state.update({PENDING: saved.text, BASE: saved.version})
            st.rerun()


def editor(service: DraftingService) -> None:
    post_id = st.session_state.get(POST)
    if post_id is None:
        return
    st.divider()
    st.subheader("Edit")
    if st.session_state.get(PENDING) is not None:
        st.session_state[EDITOR] = st.session_state.pop(PENDING)
    text = st.text_area("Post text", key=EDITOR, height=320)
    if st.session_state.get(CONFLICT):
        with st.expander("The newer saved version", expanded=True):
            st.text(st.session_state[CONFLICT])
    if st.button("Save", type="primary", key="ds_save"):
        save(service, post_id, text, "edited")
    follow_up(service, post_id, text)
    with st.form("publish"):
        url = st.text_input("Published? Paste the post's URL", key="ds_url")
        if st.form_submit_button("Mark published"):
            published = attempt(lambda: mark_published(engine, actor, post_id, url))
            if published is not None:
                st.success("Marked published: it now counts as one of the leader's past posts.")
                trend = attempt(lambda: edit_trend(engine, actor, published.leader_id)) or []
                if trend:
                    st.line_chart({"similarity to the chosen draft": [point.similarity for point in trend]})


try:
    service = drafting_service()
except BylineError as exc:
    stop_with_error(str(exc))
brief_form(service)
show_variants(service)
editor(service)
