"""Settings: what this workspace is configured to use. Secrets are never shown."""

from __future__ import annotations

import streamlit as st

from ui.context import current_actor, get_settings_cached

actor = current_actor()
st.title("Settings")
settings = get_settings_cached()
st.caption(
    "Configured by environment variables or .streamlit/secrets.toml (see README). Secret values are never shown."
)
st.table({"setting": list(settings.public_view()), "value": [str(v) for v in settings.public_view().values()]})
