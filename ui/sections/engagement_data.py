"""Analytics sections for the figures themselves: import with a preview, manual matching, corrections, manual
entry, and leads from tagged links."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from core.csv_safe import to_safe_csv
from core.errors import BylineError
from core.inert_markdown import inert
from core.permissions import Actor
from ui.context import attempt, call_service
from ui.sections.scope import pick_leader
from ui.sections.tips import show_tips
from workspace.engagement import manual
from workspace.engagement.parsing import KINDS, parse_upload
from workspace.engagement.service import import_engagement
from workspace.engagement.utm import tag_url
from workspace.people import PersonView
from workspace.posts import PostView, list_posts
from workspace.tips.service import tips_after_import


def download(frame: pd.DataFrame, name: str) -> None:
    st.download_button(
        f"Download {name} (CSV)", to_safe_csv(frame), file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}"
    )


def import_section(engine: Engine, actor: Actor, leaders: list[PersonView], max_bytes: int) -> None:
    st.subheader("Import engagement")
    kind = st.selectbox("Kind of export", list(KINDS), format_func=KINDS.get, key="imp_kind")
    owner = pick_leader(actor, leaders, label="Whose analytics", key="imp_owner", team="Company Page")
    upload = st.file_uploader("Export file", type=["xlsx", "xls", "csv"], key="imp_file")
    if upload is None:
        return
    try:
        preview = parse_upload(upload.getvalue(), upload.name, kind=kind, max_bytes=max_bytes)
    except BylineError as exc:  # a file that cannot be read at all: say why, keep the rest of the page
        st.error(inert(str(exc)))
        return
    st.write(
        f"Recognised as **{KINDS.get(preview.kind, preview.kind)}**: {len(preview.posts)} posts, "
        f"{len(preview.days)} daily rows, {len(preview.problems)} problems."
    )
    for note in preview.notes:
        st.caption(inert(note))
    if preview.problems:
        st.dataframe(pd.DataFrame([vars(p) for p in preview.problems]), hide_index=True)
    if st.button("Import", key="imp_go"):
        report = call_service(
            lambda: import_engagement(
                engine, actor, upload.getvalue(), upload.name, leader_id=owner, kind=kind, max_bytes=max_bytes
            )
        )
        company = f", {report.company} Company Page posts" if report.company else ""
        st.success(
            f"Imported: {report.matched} posts matched, {report.unmatched} kept for manual matching{company}, "
            f"{report.days} daily rows."
        )
        show_tips(engine, actor, attempt(lambda: tips_after_import(engine, actor, owner)), "import")


def unmatched_section(engine: Engine, actor: Actor) -> None:
    rows = call_service(lambda: manual.unmatched_rows(engine, actor))
    st.subheader(f"Unmatched rows ({len(rows)})")
    if not rows:
        st.caption("Every imported row is matched to a post.")
        return
    st.dataframe(pd.DataFrame(rows), hide_index=True)
    published = call_service(lambda: list_posts(engine, actor, statuses=("published",)))
    if not published:
        return
    row_id = st.selectbox("Row", [r["row_id"] for r in rows], key="um_row")
    post = st.selectbox("Is this post", published, format_func=lambda p: p.label, key="um_post")
    if st.button("Match", key="um_go"):
        call_service(lambda: manual.match_row(engine, actor, row_id, post.id))
        st.rerun()


def corrections_section(engine: Engine, actor: Actor, leader_id: int | None) -> None:
    st.subheader("Correct figures")
    table = call_service(lambda: manual.engagement_table(engine, actor, leader_id))
    if table.empty:
        st.caption("No figures yet.")
    else:
        locked = [c for c in table.columns if c not in manual.EDITABLE]
        edited = st.data_editor(table, disabled=locked, hide_index=True, key="eng_editor", num_rows="fixed")
        changes = manual.changed_rows(table, edited)
        if changes and st.button(f"Save {len(changes)} corrected rows", key="eng_save"):
            call_service(lambda: manual.save_corrections(engine, actor, changes))
            st.rerun()
        download(table, "engagement")
    published = call_service(lambda: list_posts(engine, actor, statuses=("published",)))
    if published:
        manual_entry_form(engine, actor, published)


def manual_entry_form(engine: Engine, actor: Actor, published: list[PostView]) -> None:
    with st.form("manual_entry"):
        st.markdown("**Enter figures by hand**")
        post = st.selectbox("Post", published, format_func=lambda p: p.label)
        day = st.date_input("Figures as of", value=datetime.now(UTC).date())
        cols = st.columns(5)
        counts = {name: col.number_input(name, 0, step=1) for name, col in zip(manual.EDITABLE, cols, strict=True)}
        if st.form_submit_button("Save figures"):
            figures = {name: int(value) for name, value in counts.items()}
            call_service(lambda: manual.record_manual(engine, actor, post.id, day, **figures))
            st.rerun()


def leads_section(engine: Engine, actor: Actor, max_bytes: int) -> None:
    st.subheader("Leads from links")
    with st.form("utm"):
        url = st.text_input("Link in the draft", "https://")
        cols = st.columns(4)
        source = cols[0].text_input("utm_source", "linkedin")
        medium = cols[1].text_input("utm_medium", "social")
        campaign = cols[2].text_input("utm_campaign", "")
        content = cols[3].text_input("utm_content (e.g. byline-post-12)", "")
        if st.form_submit_button("Tag link"):
            st.code(tag_url(url, source=source, medium=medium, campaign=campaign, content=content))
    upload = st.file_uploader("Clicks and leads by UTM (CSV)", type=["csv"], key="leads_file")
    if upload is not None and st.button("Import leads", key="leads_go"):
        report = call_service(lambda: manual.import_leads(engine, actor, upload.getvalue(), max_bytes=max_bytes))
        st.success(f"{report.stored} rows stored, {report.linked_to_posts} linked to posts.")
        for problem in report.problems[:30]:
            st.warning(inert(problem))
