"""Probes for the accounts and program entry points (people and invitations, set-up, goals, the program's figures,
the Company Page, tips, the monthly report), by the rules of matrix.py: a probe returns True when the call reached
Bo's object.

COMPANY_PROBES point at what belongs to the company, not to a leader: the Company Page's figures and the program's
goals. A leader (Ada) must not reach them; comms staff (Cora, a coach) and admins must.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select

from app.report import cli as report_cli
from app.report import content as report
from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor, require_staff
from narratives.drafting.learning import read_edit_trend
from tests.conftest import TEST_PASSWORD
from tests.security.matrix import Probe, _calls, _serial, _with_session, fresh_person
from tests.security.world import BO_TIP, COMPANY_POST, World
from workspace import analytics, auth, invitations, people, people_todo, setup
from workspace.engagement.demo import company_workbook
from workspace.engagement.service import import_engagement
from workspace.program import company, goals
from workspace.program import service as program
from workspace.program.metrics import Metric
from workspace.program.models import TipDismissal
from workspace.tips import service as tips
from workspace.tips.library import tips_library

MONTH = date.today().strftime("%Y-%m")
NEW_PASSWORD = "Quietly-folded-lanterns-41"


def _bo_password_hash(w: World) -> str | None:
    with unit_of_work(w.engine) as session:
        return session.scalar(select(Person.password_hash).where(Person.id == w.bo))


def _change_own_password(w: World, a: Actor) -> bool:
    """Changing one's own password (and back): did Bo's password change?"""
    before = _bo_password_hash(w)
    auth.change_own_password(w.engine, w.settings, a, TEST_PASSWORD, NEW_PASSWORD)
    auth.change_own_password(w.engine, w.settings, a, NEW_PASSWORD, TEST_PASSWORD)
    return _bo_password_hash(w) != before


def _dismiss_tip(w: World, a: Actor) -> bool:
    """Dismissing a tip for oneself: did anything change among Bo's dismissals?"""
    other = next(tip.id for tip in tips_library().tips if tip.id != BO_TIP)
    tips.dismiss_tip(w.engine, a, other)
    with unit_of_work(w.engine) as session:
        query = select(func.count(TipDismissal.id)).where(TipDismissal.person_id == w.bo)
        return session.scalar(query) != 1


def _unassign(w: World, a: Actor) -> bool:
    coach = fresh_person(w, Role.COACH)
    people.assign_coach(w.engine, w.people["root"], coach, w.bo)
    people.unassign_coach(w.engine, a, coach, w.bo)
    return True


def _clear_goal(w: World, a: Actor, leader_id: int | None) -> bool:
    root = w.people["root"]
    goals.set_goal(w.engine, root, leader_id, Metric.ENGAGEMENT_RATE, 0.05)
    goals.clear_goal(w.engine, a, leader_id, Metric.ENGAGEMENT_RATE)
    return Metric.ENGAGEMENT_RATE not in goals.goals_for(w.engine, root, leader_id)


def _month(w: World, a: Actor, leader_id: int | None = None) -> program.MonthFigures:
    return program.month_figures(w.engine, a, MONTH, leader_id)


def _read_month(w: World, a: Actor) -> program.MonthFigures:
    def read(session: object) -> program.MonthFigures:
        data = analytics.read_data(session, a)  # type: ignore[arg-type]
        return program.read_month(session, a, program.month_period(MONTH), data, team=True)  # type: ignore[arg-type]

    return _with_session(w, read)  # type: ignore[return-value]


def _write_report(w: World, a: Actor) -> bool:
    out = w.settings.data_dir / f"report-{next(_serial)}.pdf"
    return report_cli.write_report(w.engine, a, MONTH, "bo", out) > 0


def _company_titles(w: World, a: Actor, *, in_session: bool) -> set[str]:
    def read(session: object) -> company.CompanyData:
        return company.read_company(session, a)  # type: ignore[arg-type]

    data = _with_session(w, read) if in_session else company.load_company(w.engine, a)
    return set(data.posts["title"])  # type: ignore[attr-defined]


PROBES: dict[str, Probe] = {
    # accounts: admin-only entry points (an admin's success is reaching)
    "workspace.invitations.invite_person": lambda w, a: _calls(
        lambda: invitations.invite_person(
            w.engine,
            a,
            handle=f"i{next(_serial)}",
            name="Invited",
            email=f"i{next(_serial)}@byline.example",
            role=Role.ADMIN,
            method=invitations.SignInMethod.SSO,
        )
    ),
    "workspace.invitations.reset_password": lambda w, a: _calls(
        lambda: invitations.reset_password(w.engine, a, fresh_person(w))
    ),
    "workspace.invitations.unlock_account": lambda w, a: _calls(
        lambda: invitations.unlock_account(w.engine, a, fresh_person(w))
    ),
    "workspace.people.coach_assignments": lambda w, a: any(
        leader.id == w.bo for _, leader in people.coach_assignments(w.engine, a)
    ),
    "workspace.people.unassign_coach": _unassign,
    "workspace.people_todo.leaders_without_coach": lambda w, a: _calls(
        lambda: people_todo.leaders_without_coach(w.engine, a)
    ),
    "workspace.people_todo.pending_invitations": lambda w, a: _calls(
        lambda: people_todo.pending_invitations(w.engine, a)
    ),
    "workspace.people_todo.locked_accounts": lambda w, a: _calls(lambda: people_todo.locked_accounts(w.engine, a)),
    "workspace.people_todo.awaiting_role": lambda w, a: _calls(lambda: people_todo.awaiting_role(w.engine, a)),
    "workspace.setup.set_self_register_domains": lambda w, a: _calls(
        lambda: setup.set_self_register_domains(w.engine, a, "zebra.example")
    ),
    # the signed-in person alone
    "workspace.auth.change_own_password": _change_own_password,
    "workspace.tips.service.dismiss_tip": _dismiss_tip,
    # Bo's figures, goals and tips
    "workspace.analytics.read_data": lambda w, a: (
        w.bo in _with_session(w, lambda s: analytics.read_data(s, a).leaders)  # type: ignore[arg-type, attr-defined, operator]
        or _calls(lambda: _with_session(w, lambda s: analytics.read_data(s, a, w.bo)))  # type: ignore[arg-type]
    ),
    "narratives.drafting.learning.read_edit_trend": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: read_edit_trend(s, a, w.bo))  # type: ignore[arg-type]
    ),
    "workspace.program.goals.check_read": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: goals.check_read(s, a, w.bo))  # type: ignore[arg-type]
    ),
    "workspace.program.goals.goals_for": lambda w, a: bool(goals.goals_for(w.engine, a, w.bo)),
    "workspace.program.goals.set_goal": lambda w, a: _calls(
        lambda: goals.set_goal(w.engine, a, w.bo, Metric.LEADS_PER_MONTH, float(next(_serial) % 50))
    ),
    "workspace.program.goals.set_goals": lambda w, a: (
        goals.set_goals(w.engine, a, w.bo, {Metric.FOLLOWERS_PER_MONTH: float(next(_serial) % 90 + 1)}) > 0
    ),
    "workspace.program.goals.clear_goal": lambda w, a: _clear_goal(w, a, w.bo),
    "workspace.program.service.goal_tracking": lambda w, a: _calls(lambda: program.goal_tracking(w.engine, a, w.bo)),
    "workspace.program.service.month_figures": lambda w, a: (
        any(owner.leader_id == w.bo for owner in _month(w, a).owners) or _calls(lambda: _month(w, a, w.bo))
    ),
    "workspace.program.service.read_month": lambda w, a: any(
        owner.leader_id == w.bo for owner in _read_month(w, a).owners
    ),
    "workspace.tips.service.dismissed_by_leaders": lambda w, a: any(
        row["leader"] == "Bo" for row in tips.dismissed_by_leaders(w.engine, a)
    ),
    "workspace.tips.service.tips_after_import": lambda w, a: _calls(lambda: tips.tips_after_import(w.engine, a, w.bo)),
    "workspace.tips.service.tips_for_draft": lambda w, a: _calls(
        lambda: tips.tips_for_draft(w.engine, a, w.bo, "A draft.", channel="linkedin", lingo_warning=False)
    ),
    "workspace.tips.service.tips_for_post": lambda w, a: _calls(
        lambda: tips.tips_for_post(w.engine, a, w.ids["bo_draft"], "A draft.", lingo_warning=False)
    ),
    "workspace.tips.service.tips_for_week": lambda w, a: _calls(lambda: tips.tips_for_week(w.engine, a, w.bo)),
    # the monthly report (app/report)
    "app.report.content.build_report": lambda w, a: (
        any(row["owner"] == "Bo" for row in report.build_report(w.engine, a, MONTH).kpis)
        or _calls(lambda: report.build_report(w.engine, a, MONTH, w.bo))
    ),
    "app.report.cli.write_report": _write_report,
}

SELF_ONLY = {"workspace.auth.change_own_password", "workspace.tips.service.dismiss_tip"}

COMPANY_PROBES: dict[str, Probe] = {
    "core.permissions.require_staff": lambda w, a: _calls(lambda: require_staff(a)),
    "workspace.program.company.load_company": lambda w, a: COMPANY_POST in _company_titles(w, a, in_session=False),
    "workspace.program.company.read_company": lambda w, a: COMPANY_POST in _company_titles(w, a, in_session=True),
    "workspace.program.goals.check_read": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: goals.check_read(s, a, None))  # type: ignore[arg-type]
    ),
    "workspace.program.goals.goals_for": lambda w, a: bool(goals.goals_for(w.engine, a, None)),
    "workspace.program.goals.set_goal": lambda w, a: _calls(
        lambda: goals.set_goal(w.engine, a, None, Metric.LEADS_PER_MONTH, float(next(_serial) % 50))
    ),
    "workspace.program.goals.set_goals": lambda w, a: (
        goals.set_goals(w.engine, a, None, {Metric.FOLLOWERS_PER_MONTH: float(next(_serial) % 90 + 1)}) > 0
    ),
    "workspace.program.goals.clear_goal": lambda w, a: _clear_goal(w, a, None),
    "workspace.program.service.goal_tracking": lambda w, a: _calls(lambda: program.goal_tracking(w.engine, a, None)),
    "workspace.program.service.month_figures": lambda w, a: any(owner.is_company for owner in _month(w, a).owners),
    "workspace.program.service.read_month": lambda w, a: any(owner.is_company for owner in _read_month(w, a).owners),
    "workspace.tips.service.tips_after_import": lambda w, a: _calls(lambda: tips.tips_after_import(w.engine, a, None)),
    "workspace.engagement.service.import_engagement": lambda w, a: (
        import_engagement(w.engine, a, company_workbook(date.today()), "page.xlsx").company > 0
    ),
    "app.report.content.build_report": lambda w, a: any(
        owner.is_company for owner in report.build_report(w.engine, a, MONTH).month.owners
    ),
}
"""Entry points whose object is the company's. Leaders are refused; coaches and admins reach it."""
