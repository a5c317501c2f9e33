"""Schedule and publish from the post: a date and time with the leader's own best weekday and hour suggested, the
cadence warnings shown before saving, unschedule; then the final text (links tagged), the network's compose page, and
the post's URL to mark it published."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.permissions import Actor
from narratives.drafting.learning import edit_trend
from ui.context import attempt
from ui.sections.post_review import flash
from workspace import publishing, scheduling
from workspace.models import PostStatus
from workspace.posts import PostView


def _default_moment(post: PostView, suggestion: scheduling.SlotSuggestion | None) -> datetime:
    if post.scheduled_at is not None:
        return post.scheduled_at.astimezone(UTC)
    tomorrow = datetime.now(UTC).date() + timedelta(days=1)
    return suggestion.next_moment(tomorrow - timedelta(days=1)) if suggestion else datetime.combine(tomorrow, time(9))


def schedule_panel(engine: Engine, actor: Actor, post: PostView) -> None:
    if post.status == PostStatus.PUBLISHED:
        st.markdown(f"Published {post.published_at:%a %d %b %Y %H:%M} UTC · [{post.url}]({post.url})")
        measured = attempt(lambda: publishing.post_figures(engine, actor, post.id))
        st.markdown(f"**Figures:** {measured.label}" if measured else "No figures yet: import an export in Analytics.")
        return
    if actor.role == Role.COACH:
        when = f"{post.scheduled_at:%a %d %b %H:%M} UTC" if post.scheduled_at else "not scheduled"
        st.caption(f"Planned: {when}. The leader schedules their own posts.")
        return
    suggestion = attempt(lambda: scheduling.suggest_slot(engine, actor, post.leader_id))
    if suggestion is not None:
        st.info(f"Best time from the leader's own analytics: {suggestion.label}.")
    else:
        st.caption("Not enough measured posts yet to suggest a best time.")
    default = _default_moment(post, suggestion)
    left, right = st.columns(2)
    day = left.date_input("Date", value=default.date(), key=f"sched_day_{post.id}")
    moment = right.time_input("Time (UTC)", value=default.time().replace(tzinfo=None), key=f"sched_time_{post.id}")
    when = datetime.combine(day, moment or time(9), tzinfo=UTC)
    for reason in attempt(lambda: scheduling.preview(engine, actor, post.id, when)) or []:
        st.warning(reason, icon="⚠️")
    if post.status not in (PostStatus.APPROVED, PostStatus.SCHEDULED):
        st.caption("Not approved yet: saving gives it a planned date; it becomes scheduled once approved.")
    left, right = st.columns(2)
    if left.button("Schedule", type="primary", key=f"schedule_{post.id}"):
        saved = attempt(lambda: scheduling.schedule(engine, actor, post.id, when))
        if saved is not None:
            flash(f"Planned for {when:%a %d %b %H:%M} UTC; the post is {saved.status_label}.")
    if post.scheduled_at is not None and right.button("Unschedule", key=f"unschedule_{post.id}"):
        saved = attempt(lambda: scheduling.unschedule(engine, actor, post.id))
        if saved is not None:
            flash(f"Taken off the calendar; the post is {saved.status_label}.")


def publish_panel(engine: Engine, actor: Actor, post: PostView) -> None:
    """Byline never posts: copy the text, post it on the network, paste the link back."""
    if post.status == PostStatus.PUBLISHED or actor.role == Role.COACH or not post.text.strip():
        return
    kit = attempt(lambda: publishing.publish_kit(engine, actor, post.id))
    if kit is None:
        return
    st.caption("1. Copy the final text (links carry UTM tags so clicks and leads trace back to this post).")
    st.code(kit.text, language=None, wrap_lines=True)
    st.link_button(f"2. Open {kit.network} to post it", kit.compose_url)
    url = st.text_input("3. Paste the link of the published post", key=f"publish_url_{post.id}")
    if st.button("Mark published", key=f"publish_{post.id}"):
        published = attempt(lambda: publishing.mark_published(engine, actor, post.id, url))
        if published is not None:
            trend = attempt(lambda: edit_trend(engine, actor, published.leader_id)) or []
            note = f" Drafts kept {trend[-1].similarity:.0%} of their words." if trend else ""
            flash("Marked published: it now counts as one of the leader's past posts." + note)
