"""Analytics: engagement per leader (charts by pillar, channel and time arrive with the calendar issue)."""

from __future__ import annotations

import streamlit as st

from ui.context import call_service, current_actor, get_engine
from workspace.analytics import engagement_by_leader

actor = current_actor()
st.title("Analytics")
table = call_service(lambda: engagement_by_leader(get_engine(), actor))
if table.empty:
    st.info("No engagement figures yet. Import past posts on the Voice page or add figures by hand.")
else:
    st.dataframe(table, hide_index=True)
    st.caption("Engagement rate = (reactions + comments + reposts + clicks) / impressions. No volume leaderboards.")
