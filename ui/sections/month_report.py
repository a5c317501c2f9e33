"""The month on the Analytics page: KPIs per leader, for the program and the Company Page, each goal met or missed,
and the monthly report to download as PDF or slides (the same figures, from the same service)."""

from __future__ import annotations

from datetime import UTC, datetime

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from app.report.content import build_report
from app.report.pdf import report_pdf
from app.report.slides import report_pptx
from core.inert_markdown import inert
from core.permissions import Actor
from ui.context import attempt, call_service
from workspace.program.service import kpi_table, month_figures
from workspace.program.views import recent_months, report_file_name

FORMATS = {
    "pdf": ("PDF", report_pdf, "application/pdf"),
    "pptx": ("slides", report_pptx, "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
}
READY = "an_report_ready"


def month_section(engine: Engine, actor: Actor, leader_id: int | None, owner: str) -> None:
    months = recent_months(datetime.now(UTC).date())
    month = st.selectbox("Month", months, index=1, key="an_month")
    figures = call_service(lambda: month_figures(engine, actor, month, leader_id))
    st.subheader(f"{figures.period.label}: key figures")
    st.caption("Reach = impressions of the posts published in the month; engagement rate = engagements / impressions.")
    st.dataframe(pd.DataFrame(kpi_table(figures)), hide_index=True)
    for item in figures.owners:
        if item.checks:
            st.markdown(f"**Goals: {inert(item.owner)}**")
            st.dataframe(pd.DataFrame([check.row() for check in item.checks]), hide_index=True)
    report_buttons(engine, actor, leader_id, month, owner)


def report_buttons(engine: Engine, actor: Actor, leader_id: int | None, month: str, owner: str) -> None:
    """Prepare the report on request (charts take a few seconds), then offer it for download."""
    key = (leader_id, month)
    columns = st.columns(len(FORMATS))
    for column, (extension, (label, writer, mime)) in zip(columns, FORMATS.items(), strict=True):
        ready = st.session_state.get(READY, {})
        if ready.get((key, extension)) is None:
            if column.button(f"Prepare report ({label})", key=f"an_prepare_{extension}"):
                with st.spinner("Writing the report…"):
                    report = attempt(lambda: build_report(engine, actor, month, leader_id))
                if report is not None:
                    st.session_state[READY] = {**ready, (key, extension): writer(report)}
                    st.rerun()
            continue
        column.download_button(
            f"Download report ({label})",
            ready[(key, extension)],
            report_file_name(owner, month, extension),
            mime=mime,
            key=f"an_download_{extension}",
            on_click="ignore",  # a download needs no rerun (a rerun could swap the file out under the browser)
        )
