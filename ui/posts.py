"""Posts: every post the signed-in person may see, on a board by status or in a searchable list (leader, pillar,
channel, status, date, words); write a post without AI or capture an idea. Each post opens on its own page."""

from __future__ import annotations

import streamlit as st

from ui.context import call_service, current_actor, get_engine
from ui.sections import post_board, post_new
from workspace.people import list_leaders
from workspace.post_search import search_posts

actor = current_actor()
engine = get_engine()
st.title("Posts")
leaders = call_service(lambda: list_leaders(engine, actor))
if not leaders:
    st.info("No leaders are visible to you yet.")
    st.stop()
names = {leader.id: leader.name for leader in leaders}
filters = post_board.pick_filters(engine, actor, leaders)
found = call_service(lambda: search_posts(engine, actor, filters))
team = filters.leader_id is None and len(leaders) > 1

board, listing, write, idea = st.tabs(["Board", "List", "Write a post", "Capture an idea"])
with board:
    post_board.show_board(found, names, team=team)
with listing:
    post_board.show_list(found, names)
with write:
    post_new.new_post(engine, actor, leaders)
with idea:
    post_new.new_idea(engine, actor, leaders)
