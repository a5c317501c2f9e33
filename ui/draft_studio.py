"""Draft studio: a brief in (typed, or a post's brief when opened from it), streamed draft variants in the leader's
voice with citations and checks, then edit, follow up and save as revisions; the post's own page reviews, schedules
and publishes it. All work is done by the DraftingService."""

from __future__ import annotations

import streamlit as st

from core.errors import BylineError
from narratives.drafting.brief import make_brief
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.service import DraftingService
from ui.context import attempt, current_actor, get_engine, get_settings_cached, stop_with_error
from ui.kb_resources import knowledge_base
from ui.sections import draft_variants, post_editor, tips
from ui.sections.post_editor import STUDIO_FOR
from workspace.people import list_leaders

PLAN, VARIANTS, POST, TARGET = "ds_plan", "ds_variants", "ds_post", "ds_target"
CHANNELS = {"linkedin": "LinkedIn", "x": "X"}

actor = current_actor()
engine = get_engine()
st.title("Draft studio")


def prefill(titles: dict[str, str]) -> None:
    """Opened from a post (an idea, or a draft asking for variants): its brief fills the form, the variant fills it."""
    values = st.session_state.pop(STUDIO_FOR, None)
    if values:
        sources = [doc for doc in values["document_ids"] if doc in titles]
        st.session_state.update(
            {"ds_leader": values["leader_id"], "ds_topic": values["topic"], "ds_angle": values["angle"]}
        )
        st.session_state.update({"ds_sources": sources, "ds_channel": values["channel"], TARGET: values})
    if target := st.session_state.get(TARGET):
        st.info(f"Drafting for the post “{target['topic']}”: the variant you keep fills that post.")


def brief_form(service: DraftingService) -> None:
    leaders = attempt(lambda: list_leaders(engine, actor)) or []
    if not leaders:
        stop_with_error("No leaders are visible to you yet.")
    names = {leader.id: f"{leader.name} ({leader.title})" if leader.title else leader.name for leader in leaders}
    documents = attempt(lambda: knowledge_base().list_documents(actor)) or []
    titles = {doc.id: doc.title for doc in documents}
    prefill(titles)
    left, right = st.columns([3, 1])
    leader_id = left.selectbox("Leader", list(names), format_func=names.__getitem__, key="ds_leader")
    channel = right.radio("Channel", list(CHANNELS), horizontal=True, key="ds_channel", format_func=CHANNELS.get)
    service.warm_in_background(actor, leader_id, channel)  # the model reads the leader's voice while you type
    with st.form("brief"):
        topic = st.text_input("Topic", key="ds_topic", max_chars=None)
        angle = st.text_area("Angle (optional): the point of view, story or audience", key="ds_angle")
        sources = st.multiselect(
            "Source documents (optional)", list(titles), format_func=titles.__getitem__, key="ds_sources"
        )
        left, right = st.columns(2)
        length = left.select_slider("Length", ["short", "medium", "long"], value="medium", key="ds_length")
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
        st.session_state[VARIANTS] = draft_variants.generate(service, plan)
        st.rerun()


try:
    service = open_drafting_service(get_settings_cached(), engine, kb=knowledge_base())
except BylineError as exc:
    stop_with_error(str(exc))
brief_form(service)
if st.session_state.get(PLAN) is not None and st.session_state.get(VARIANTS):
    plan, variants, target = st.session_state[PLAN], st.session_state[VARIANTS], st.session_state.get(TARGET)
    tips.variant_tips(engine, actor, plan.brief.leader_id, plan.brief.channel, [(v.text, v.report) for v in variants])
    chosen = draft_variants.show_variants(service, actor, plan, variants, target)
    if chosen is not None:
        st.session_state[POST] = chosen.id
        st.session_state.pop(TARGET, None)
        post_editor.open_in_editor(chosen)
        st.rerun()
if st.session_state.get(POST) is not None:
    st.divider()
    post_editor.editor(engine, actor, st.session_state[POST], service)
    st.page_link(
        "ui/post.py",
        label="Open the post: review, schedule, publish",
        query_params={"post": str(st.session_state[POST])},
    )
