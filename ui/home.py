"""Home: the signed-in person's to-do list (per role), their onboarding checklist, and the pilot group."""

from __future__ import annotations

import streamlit as st

from narratives.lifecycle.todo import todo_for
from ui.context import call_service, current_actor, get_engine
from ui.sections.todo import show_checklist, show_pilot, show_section

actor = current_actor()
st.title(f"Welcome, {actor.name}")
todo = call_service(lambda: todo_for(get_engine(), actor))
if todo.is_empty:
    st.success("Nothing needs your attention right now.")
for section in todo.sections:
    show_section(section)
if todo.checklist is not None and todo.checklist.next_step is not None:
    show_checklist(todo.checklist)
show_pilot(todo.pilot)
