"""Calendar: upcoming and recent posts per leader (the full calendar arrives with its own issue)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from ui.context import call_service, current_actor, get_engine
from workspace.people import list_leaders
from workspace.posts import list_posts

actor = current_actor()
st.title("Calendar")
leaders = call_service(lambda: list_leaders(get_engine(), actor))
names = {leader.id: leader.name for leader in leaders}
posts = call_service(
    lambda: list_posts(get_engine(), actor, statuses=("idea", "draft", "in_review", "approved", "scheduled"))
)
if not posts:
    st.info("No planned posts yet.")
else:
    table = pd.DataFrame(
        [
            {
                "when": p.scheduled_at,
                "leader": names.get(p.leader_id, ""),
                "channel": p.channel,
                "status": p.status,
                "title": p.title,
                "pillar": p.pillar,
            }
            for p in posts
        ]
    ).sort_values("when")
    st.dataframe(table, hide_index=True)
