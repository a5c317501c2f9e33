"""The Posts page's sections: filters, a board by status, a searchable list, and opening a post in its editor."""

from __future__ import annotations

from datetime import date

import streamlit as st
from sqlalchemy import Engine

from core.permissions import Actor
from narratives.lifecycle.ideas import pillar_choices
from ui.context import attempt
from ui.sections.scope import pick_leader
from workspace.models import Channel
from workspace.people import PersonView
from workspace.post_search import BOARD_STATUSES, PostFilter, board_columns, card_line, post_rows
from workspace.posts import PostView
from workspace.workflow import STATUS_LABELS

POST_PAGE = "ui/post.py"
CARDS_PER_COLUMN = 12


def open_post(post_id: int) -> None:
    """Go to the post's own page (its URL carries the post id, so it can be shared)."""
    st.switch_page(POST_PAGE, query_params={"post": str(post_id)})


def pick_filters(engine: Engine, actor: Actor, leaders: list[PersonView]) -> PostFilter:
    top = st.columns([2, 2, 1, 3])
    leader_id = pick_leader(actor, leaders, label="Leader", key="posts_leader", team="All leaders", column=top[0])
    pillars = attempt(lambda: pillar_choices(engine, actor, leader_id)) or []
    pillar = top[1].selectbox("Pillar", ["", *pillars], format_func=lambda p: p or "Any", key="posts_pillar")
    channel = top[2].selectbox("Channel", ["", *Channel], format_func=lambda c: c or "Any", key="posts_channel")
    words = top[3].text_input("Search words in titles and text", key="posts_words")
    bottom = st.columns([3, 2, 2])
    statuses = bottom[0].multiselect(
        "Status", BOARD_STATUSES, format_func=STATUS_LABELS.__getitem__, key="posts_statuses"
    )
    start: date | None = bottom[1].date_input("From", value=None, key="posts_from")
    end: date | None = bottom[2].date_input("To", value=None, key="posts_to")
    return PostFilter(leader_id, pillar, channel, tuple(statuses), start, end, words)


def show_board(posts: list[PostView], names: dict[int, str], *, team: bool) -> None:
    columns = board_columns(posts)
    for (status, items), column in zip(columns.items(), st.columns(len(columns)), strict=True):
        column.markdown(f"**{STATUS_LABELS[status].capitalize()}** ({len(items)})")
        for post in items[:CARDS_PER_COLUMN]:
            card = column.container(border=True)
            card.markdown(card_line(post, names, team=team))
            if card.button("Open", key=f"open_{post.id}"):
                open_post(post.id)
        if len(items) > CARDS_PER_COLUMN:
            column.caption(f"and {len(items) - CARDS_PER_COLUMN} more: use the list or the search")


def show_list(posts: list[PostView], names: dict[int, str]) -> None:
    if not posts:
        st.info("No post matches these filters.")
        return
    st.dataframe(post_rows(posts, names), hide_index=True)
    labels = {post.id: f"#{post.id} · {post.label or 'Untitled'}" for post in posts}
    chosen = st.selectbox("Open a post", list(labels), format_func=labels.__getitem__, key="posts_pick")
    if st.button("Open", key="posts_open"):
        open_post(chosen)
