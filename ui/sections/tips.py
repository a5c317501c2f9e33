"""Tips in context: a tip card with its advice, why it matters and a button to stop showing it; the moments come
from workspace.tips (the draft studio's variants, the post editor, the calendar, an engagement import); and, for
coaches and admins, which tips their leaders dismissed."""

from __future__ import annotations

import pandas as pd
import streamlit as st
from sqlalchemy import Engine

from core.identity import Role
from core.permissions import Actor
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.checks.lingo import check_lingo
from ui.context import attempt
from workspace.tips.library import Tip
from workspace.tips.service import dismiss_tip, dismissed_by_leaders, tips_for_draft, tips_for_post


def show_tips(engine: Engine, actor: Actor, tips: list[Tip] | None, key: str) -> None:
    for tip in tips or []:
        with st.container(border=True):
            st.markdown(f":material/lightbulb: **Tip: {tip.title}**  \n{tip.advice}")
            st.caption(f"Why: {tip.why}")
            if st.button("Don't show this tip again", key=f"tip_{key}_{tip.id}"):
                attempt(lambda t=tip: dismiss_tip(engine, actor, t.id))
                st.rerun()


def lingo_warned(report: CheckReport | None) -> bool:
    return report is not None and any(finding.level == "warn" for finding in report.by_check("lingo"))


def variant_tips(
    engine: Engine, actor: Actor, leader_id: int, channel: str, texts_and_reports: list[tuple[str, CheckReport | None]]
) -> None:
    """Tips for the variants on screen: the longest text, and a lingo or pitch warning on any of them."""
    if not texts_and_reports:
        return
    longest = max((text for text, _ in texts_and_reports), key=len)
    warned = any(lingo_warned(report) for _, report in texts_and_reports)
    tips = attempt(lambda: tips_for_draft(engine, actor, leader_id, longest, channel=channel, lingo_warning=warned))
    show_tips(engine, actor, tips, "variants")


def editor_tips(engine: Engine, actor: Actor, post_id: int, text: str) -> None:
    warned = any(finding.level == "warn" for finding in check_lingo(text))
    show_tips(
        engine, actor, attempt(lambda: tips_for_post(engine, actor, post_id, text, lingo_warning=warned)), "editor"
    )


def dismissed_section(engine: Engine, actor: Actor) -> None:
    if actor.role == Role.LEADER:
        return
    rows = attempt(lambda: dismissed_by_leaders(engine, actor)) or []
    with st.expander(f"Tips your leaders dismissed ({len(rows)})"):
        if rows:
            st.dataframe(pd.DataFrame(rows), hide_index=True)
        else:
            st.caption("None yet. Leaders can dismiss a tip they no longer need; it shows up here.")
