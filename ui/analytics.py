"""Analytics: charts per leader and for the team (never a volume leaderboard), engagement imports with a
preview of problems and unmatched rows, manual matching and correction, and leads from tagged links."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st

from core.errors import BylineError
from core.identity import Role
from core.permissions import Actor
from narratives.drafting.learning import edit_trend
from ui.context import call_service, current_actor, get_engine, get_settings_cached
from workspace.analytics import compute, data_version, load_data
from workspace.engagement import charts, manual
from workspace.engagement.csv_safe import to_safe_csv
from workspace.engagement.parsing import KINDS, parse_upload
from workspace.engagement.service import import_engagement
from workspace.engagement.utm import tag_url
from workspace.people import list_leaders
from workspace.posts import list_posts

actor = current_actor()
engine = get_engine()
max_bytes = get_settings_cached().max_upload_mb * 1024 * 1024
st.title("Analytics")
leaders = call_service(lambda: list_leaders(engine, actor))
names = {leader.id: leader.name for leader in leaders}


@st.cache_data(show_spinner=False, max_entries=64)
def cached_tables(
    version: tuple[object, ...], leader_id: int | None, actor_id: int, _actor: Actor
) -> dict[str, pd.DataFrame]:
    """Computed once per data version and viewer (the key changes whenever figures or posts change)."""
    return compute(load_data(get_engine(), _actor, leader_id))


def download(frame: pd.DataFrame, name: str) -> None:
    st.download_button(
        f"Download {name} (CSV)", to_safe_csv(frame), file_name=f"{name}.csv", mime="text/csv", key=f"csv_{name}"
    )


def table_with_download(frame: pd.DataFrame, name: str) -> None:
    with st.expander(f"Table: {name.replace('_', ' ')}"):
        st.dataframe(frame, hide_index=True)
        download(frame, name)


def show_charts(leader_id: int | None) -> None:
    version = call_service(lambda: data_version(engine, actor))
    tables = call_service(lambda: cached_tables(version, leader_id, actor.person_id, actor))
    if tables["posts"].empty or not (tables["posts"]["impressions"] > 0).any():
        st.info("No engagement figures yet. Import an export below or enter figures by hand.")
        return
    st.caption("Engagement rate = (reactions + comments + reposts + clicks) / impressions. Times are UTC.")
    st.altair_chart(charts.rate_over_time(tables["over_time"]), width="stretch")
    table_with_download(tables["over_time"], "rate_over_time")
    left, right = st.columns(2)
    left.altair_chart(charts.rate_by(tables["by_pillar"], "pillar", "By pillar"), width="stretch")
    right.altair_chart(charts.rate_by(tables["by_channel"], "channel", "By channel"), width="stretch")
    st.altair_chart(charts.weekday_hour(tables["by_slot"]), width="stretch")
    st.markdown("**Each leader's own best times** (highest engagement rate, their posts only)")
    st.dataframe(tables["best_times"], hide_index=True)
    st.altair_chart(charts.rate_by(tables["originals_vs_reshares"], "kind", "Originals vs reshares"), width="stretch")
    if not tables["followers"].empty:
        st.altair_chart(charts.followers(tables["followers"]), width="stretch")
    st.altair_chart(charts.consistency(tables["consistency"]), width="stretch")
    for name in ("by_pillar", "by_channel", "best_times", "followers", "consistency", "posts"):
        table_with_download(tables[name], name)
    show_edit_trend(leader_id)


def show_edit_trend(leader_id: int | None) -> None:
    if leader_id is None:
        st.caption("Choose a leader to see how much their drafts were edited before publishing.")
        return
    points = call_service(lambda: edit_trend(engine, actor, leader_id))
    if points:
        frame = pd.DataFrame([vars(point) for point in points])
        st.altair_chart(charts.edit_trend(frame), width="stretch")


def import_section() -> None:
    st.subheader("Import engagement")
    kind = st.selectbox("Kind of export", list(KINDS), format_func=KINDS.get, key="imp_kind")
    options: list[int | None] = [leader.id for leader in leaders]
    if actor.role != Role.LEADER:
        options.append(None)
    owner = st.selectbox(
        "Whose analytics", options, format_func=lambda i: "Company Page" if i is None else names[i], key="imp_owner"
    )
    upload = st.file_uploader("Export file", type=["xlsx", "xls", "csv"], key="imp_file")
    if upload is None:
        return
    try:
        preview = parse_upload(upload.getvalue(), upload.name, kind=kind, max_bytes=max_bytes)
    except BylineError as exc:  # a file that cannot be read at all: say why, keep the rest of the page
        st.error(str(exc))
        return
    st.write(
        f"Recognised as **{KINDS.get(preview.kind, preview.kind)}**: {len(preview.posts)} posts, "
        f"{len(preview.days)} daily rows, {len(preview.problems)} problems."
    )
    for note in preview.notes:
        st.caption(note)
    if preview.problems:
        st.dataframe(pd.DataFrame([vars(p) for p in preview.problems]), hide_index=True)
    if st.button("Import", key="imp_go"):
        report = call_service(
            lambda: import_engagement(
                engine, actor, upload.getvalue(), upload.name, leader_id=owner, kind=kind, max_bytes=max_bytes
            )
        )
        st.success(
            f"Imported: {report.matched} posts matched, {report.unmatched} kept for manual matching, "
            f"{report.days} daily rows."
        )


def unmatched_section() -> None:
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
    post = st.selectbox(
        "Is this post",
        published,
        format_func=lambda p: f"{p.published_at:%d %b %Y} · {p.title or p.text[:60]}",
        key="um_post",
    )
    if st.button("Match", key="um_go"):
        call_service(lambda: manual.match_row(engine, actor, row_id, post.id))
        st.rerun()


def corrections_section(leader_id: int | None) -> None:
    st.subheader("Correct figures")
    table = call_service(lambda: manual.engagement_table(engine, actor, leader_id))
    if table.empty:
        st.caption("No figures yet.")
    else:
        locked = [c for c in table.columns if c not in manual.EDITABLE]
        edited = st.data_editor(table, disabled=locked, hide_index=True, key="eng_editor", num_rows="fixed")
        changes = _changes(table, edited)
        if changes and st.button(f"Save {len(changes)} corrected rows", key="eng_save"):
            call_service(lambda: manual.save_corrections(engine, actor, changes))
            st.rerun()
        download(table, "engagement")
    manual_entry_form()


def _changes(before: pd.DataFrame, after: pd.DataFrame) -> dict[int, dict[str, object]]:
    changes: dict[int, dict[str, object]] = {}
    for (_, old), (_, new) in zip(before.iterrows(), after.iterrows(), strict=True):
        diff = {c: new[c] for c in manual.EDITABLE if str(old[c]) != str(new[c])}
        if diff:
            changes[int(old["id"])] = diff
    return changes


def manual_entry_form() -> None:
    published = call_service(lambda: list_posts(engine, actor, statuses=("published",)))
    if not published:
        return
    with st.form("manual_entry"):
        st.markdown("**Enter figures by hand**")
        post = st.selectbox(
            "Post", published, format_func=lambda p: f"{p.published_at:%d %b %Y} · {p.title or p.text[:60]}"
        )
        day = st.date_input("Figures as of", value=datetime.now(UTC).date())
        cols = st.columns(5)
        counts = {name: col.number_input(name, 0, step=1) for name, col in zip(manual.EDITABLE, cols, strict=True)}
        if st.form_submit_button("Save figures"):
            call_service(
                lambda: manual.record_manual(engine, actor, post.id, day, **{k: int(v) for k, v in counts.items()})
            )
            st.rerun()


def leads_section() -> None:
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
            st.warning(problem)


scope_options: list[int | None] = [leader.id for leader in leaders]
if actor.role != Role.LEADER:
    scope_options = [None, *scope_options]
scope = st.selectbox(
    "Show", scope_options, format_func=lambda i: "Whole team" if i is None else names[i], key="an_scope"
)
charts_tab, import_tab, fix_tab, leads_tab = st.tabs(["Charts", "Import", "Correct figures", "Leads from links"])
with charts_tab:
    show_charts(scope)
with import_tab:
    import_section()
    unmatched_section()
with fix_tab:
    corrections_section(scope)
with leads_tab:
    leads_section()
