"""Settings: what this workspace is configured to use, and (admins) which local model drafts. No secrets shown."""

from __future__ import annotations

import streamlit as st

from narratives.llm.active import active_local_model, local_model_choices, set_active_local_model
from narratives.llm.chat import model_target
from narratives.llm.engine import ENGINES
from ui.context import call_service, current_actor, get_engine, get_settings_cached

actor = current_actor()
engine = get_engine()
settings = get_settings_cached()
st.title("Settings")

st.subheader("Drafting model")
active = call_service(lambda: active_local_model(engine, settings))
target = model_target(settings, active)
st.write(target.describe())
st.caption(f"Local engine: {ENGINES.current() or 'starts with the first draft'}")
if actor.is_admin and target.kind == "local":
    choices = {choice.name: choice for choice in local_model_choices()}

    def label(name: str) -> str:
        choice = choices[name]
        return f"{choice.label} ({choice.size_mb} MB)" + ("" if choice.installed else " — not installed")

    chosen = st.selectbox("Local model", list(choices), index=list(choices).index(active), format_func=label)
    if st.button("Use this model"):
        call_service(lambda: set_active_local_model(engine, actor, chosen))
        st.success(f"The next draft uses {chosen}.")
elif target.kind != "local":
    st.caption("Chosen by configuration (OPENAI_API_KEY or BYLINE_LLM_BASE_URL); see README.")

st.subheader("Configuration")
st.caption("Set by environment variables or .streamlit/secrets.toml (see README). Secret values are never shown.")
shown = settings.public_view()
st.table({"setting": list(shown), "value": [str(value) for value in shown.values()]})
