"""Voice: import a leader's past posts, see their voice card, and score any text against their voice."""

from __future__ import annotations

import altair as alt
import streamlit as st

from narratives.lifecycle.onboarding import confirm_voice_card
from narratives.voice.importers import ParsedImport, parse_files, parse_plain_text
from narratives.voice.preview import accepted_table, export_csv, openings_table, rejected_table
from narratives.voice.service import leader_exemplars, leader_profile, score_text
from narratives.voice.store import import_posts
from ui.context import attempt, call_service, current_actor, get_engine, get_settings_cached, succeeded
from workspace.people import list_leaders

PREVIEW_KEY = "voice_preview"
actor = current_actor()
engine = get_engine()
st.title("Voice")


def read_upload() -> ParsedImport | None:
    uploads = st.file_uploader(
        "LinkedIn Shares.csv or export .zip, X archive tweets.js / note-tweet.js, or .txt / .md",
        type=["csv", "zip", "js", "txt", "md", "markdown"],
        accept_multiple_files=True,
    )
    pasted = st.text_area("…or paste posts (one per block, separated by blank lines or ---)", height=150)
    channel = st.radio("Channel for pasted posts", ["linkedin", "x"], horizontal=True)
    if not st.button("Preview import"):
        return None
    max_bytes = get_settings_cached().max_upload_mb * 1_048_576
    if uploads:
        return attempt(lambda: parse_files({f.name: f.getvalue() for f in uploads}, max_bytes=max_bytes))
    if pasted.strip():
        return parse_plain_text(pasted, channel)
    st.warning("Choose a file or paste some posts first.")
    return None


def show_preview(leader_id: int) -> None:
    stored = st.session_state.get(PREVIEW_KEY)
    if not stored or stored[0] != leader_id:
        return
    parsed: ParsedImport = stored[1]
    st.subheader(f"{len(parsed.posts)} posts will be imported, {len(parsed.rejected)} rows rejected")
    accepted = accepted_table(parsed)
    st.dataframe(accepted, hide_index=True)
    st.download_button("Download preview (CSV)", export_csv(accepted), "voice-import-preview.csv", "text/csv")
    if parsed.rejected:
        st.caption("Rejected rows and why")
        st.dataframe(rejected_table(parsed), hide_index=True)
    if st.button("Confirm import", type="primary", disabled=not parsed.posts):
        counts = attempt(lambda: import_posts(engine, actor, leader_id, parsed))
        if counts:
            del st.session_state[PREVIEW_KEY]
            st.success(
                f"Added {counts.added} posts; {counts.already_present} were already here; {counts.rejected} rejected."
            )


def show_card(leader_id: int) -> None:
    profile = attempt(lambda: leader_profile(engine, actor, leader_id))
    if profile is None:
        return
    st.caption(f"From {profile.posts} past posts (reshares left out)")
    st.markdown("\n".join(f"- {line}" for line in profile.card()))
    left, right = st.columns(2)
    lengths = (
        alt.Chart(profile.lengths)
        .mark_bar()
        .encode(
            x=alt.X("words:Q", bin=alt.Bin(maxbins=20), title="Words per post"), y=alt.Y("count():Q", title="Posts")
        )
    )
    left.altair_chart(lengths.properties(height=220, title="Post length"), use_container_width=True)
    openings = (
        alt.Chart(openings_table(profile))
        .mark_bar()
        .encode(x=alt.X("share:Q", axis=alt.Axis(format="%"), title="Share of posts"), y=alt.Y("opening:N", title=None))
    )
    right.altair_chart(openings.properties(height=220, title="How posts open"), use_container_width=True)
    if (actor.person_id == leader_id or actor.is_admin) and st.button("This is how I write: confirm the voice card"):
        confirmed = succeeded(lambda: confirm_voice_card(engine, actor, leader_id, posts_counted=profile.posts))
        if confirmed:
            st.success("Voice card confirmed.")


def show_scoring(leader_id: int) -> None:
    text = st.text_area("Text to score against this voice", height=180)
    if st.button("Score text") and text.strip():
        result = attempt(lambda: score_text(engine, actor, leader_id, text))
        if result:
            st.metric("Voice fidelity", f"{result.score:.0f} / 100")
            st.markdown("\n".join(f"- {reason}" for reason in result.reasons) or "Fits the usual voice.")
    topic = st.text_input("Find past posts on a topic")
    if topic.strip():
        for exemplar in attempt(lambda: leader_exemplars(engine, actor, leader_id, topic)) or []:
            st.text(exemplar.text[:600])


leaders = call_service(lambda: list_leaders(engine, actor))
if not leaders:
    st.info("No leaders to show yet.")
    st.stop()
names = {leader.id: leader.name for leader in leaders}
leader_id = st.selectbox("Leader", list(names), format_func=lambda key: names[key])
import_tab, card_tab, score_tab = st.tabs(["Import past posts", "Voice card", "Score a text"])
with import_tab:
    parsed = read_upload()
    if parsed is not None:
        st.session_state[PREVIEW_KEY] = (leader_id, parsed)
    show_preview(leader_id)
with card_tab:
    show_card(leader_id)
with score_tab:
    show_scoring(leader_id)
