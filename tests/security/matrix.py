"""One probe per service entry point that takes an actor: does this actor reach Bo's material through it?

A probe returns True when the call reached Bo's object (returned it, changed it, or went through on it), False when
the result left it out; raising PermissionDenied or NotFound also means it was blocked. Ada (a leader) and Cora
(Ada's coach, not Bo's) must never reach it; the admin must (the positive control that proves the probe really
points at Bo's object). Admin-only entry points count an admin's success as reaching.

`discover()` lists every public function and method in the service packages whose parameters include
`actor: Actor`; the test fails when one is missing from PROBES, so a new entry point needs a probe (and a guard).
"""

from __future__ import annotations

import importlib
import inspect
import itertools
import pkgutil
from collections.abc import Callable
from datetime import date, timedelta

from langchain_core.language_models.fake_chat_models import FakeListChatModel
from sqlalchemy import select

from core import audit, permissions
from core.db import unit_of_work
from core.identity import AuditEvent, Role
from core.permissions import Actor
from kb import access
from narratives.brand import demo as brand_demo
from narratives.brand import insights, matching, suggest, workbench
from narratives.brand import service as brand
from narratives.brand.content import NarrativeContent, Pillar
from narratives.brand.pillars import NarrativePillars
from narratives.drafting import learning
from narratives.drafting.brief import Brief
from narratives.drafting.checks.findings import CheckReport
from narratives.drafting.context import gather_context
from narratives.drafting.factory import open_drafting_service
from narratives.drafting.service import DraftingService, DraftPlan
from narratives.llm import active
from narratives.voice import service as voice
from narratives.voice import store as voice_store
from narratives.voice.adapter import VoiceForDrafting
from narratives.voice.importers.types import ParsedImport, ParsedPost
from tests.security.world import BO_SECRET, World
from workspace import analytics, auth, invitations, people, posts
from workspace.calendar import ical_export, rules
from workspace.calendar import service as calendar
from workspace.engagement import manual
from workspace.engagement import service as engagement
from workspace.engagement.models import ImportedRow, UtmLead
from workspace.models import Engagement, PostStatus

Probe = Callable[[World, Actor], bool]
PACKAGES = ("core", "workspace", "kb", "narratives", "app")
SKIPPED = ("app.migrations",)  # Alembic's env and revisions run migrations on import and take no actor
_serial = itertools.count(1)


def discover() -> set[str]:
    """`module.function` or `module.Class.method` for every public callable taking `actor: Actor`."""
    found: set[str] = set()
    for package in PACKAGES:
        root = importlib.import_module(package)
        for info in pkgutil.walk_packages(root.__path__, f"{package}."):
            if info.name.startswith(SKIPPED):
                continue
            module = importlib.import_module(info.name)
            for name, value in vars(module).items():
                if name.startswith("_") or getattr(value, "__module__", None) != module.__name__:
                    continue
                if inspect.isfunction(value) and _takes_actor(value):
                    found.add(f"{module.__name__}.{name}")
                elif inspect.isclass(value) and not getattr(value, "_is_protocol", False):
                    for method_name, method in vars(value).items():
                        if not method_name.startswith("_") and inspect.isfunction(method) and _takes_actor(method):
                            found.add(f"{module.__name__}.{name}.{method_name}")
    return found


def _takes_actor(function: Callable[..., object]) -> bool:
    parameter = inspect.signature(function).parameters.get("actor")
    return parameter is not None and "Actor" in str(parameter.annotation)


# --- helpers that set up a fresh object of Bo's (as the admin) so destructive probes never spoil the world --------
def fresh_bo_post(w: World, **fields: object) -> int:
    root = w.people["root"]
    fields = {"text": f"Bo's fresh post {next(_serial)}", "status": PostStatus.DRAFT, **fields}
    return posts.create_post(w.engine, root, w.bo, **fields).id  # type: ignore[arg-type]


def fresh_person(w: World, role: Role = Role.LEADER) -> int:
    number = next(_serial)
    invitation = invitations.invite_person(
        w.engine,
        w.people["root"],
        handle=f"p{number}",
        name=f"P{number}",
        email=f"p{number}@byline.example",
        role=role,
        method=invitations.SignInMethod.SSO,
    )
    return invitation.person.id


def _fresh_bo_row(w: World) -> int:
    with unit_of_work(w.engine) as session:
        row = ImportedRow(fingerprint=f"x|{w.bo}|fresh{next(_serial)}", source="x", leader_id=w.bo, metrics={})
        session.add(row)
        session.flush()
        return row.id


def _sign_out(w: World, a: Actor) -> bool:
    """Signing out touches the signed-in person only: did it record anything about Bo?"""
    auth.sign_out(w.engine, a)
    with unit_of_work(w.engine) as session:
        event = session.scalars(select(AuditEvent).order_by(AuditEvent.id.desc())).first()
        return event is not None and (event.actor_id == w.bo or event.target == "bo")


def _drafting(w: World) -> DraftingService:
    return open_drafting_service(w.settings, w.engine, kb=w.kb, chat=lambda *_: FakeListChatModel(responses=["x"]))  # type: ignore[arg-type, return-value]


def _bo_plan(w: World) -> DraftPlan:
    return _drafting(w).plan(w.people["root"], Brief(leader_id=w.bo, topic="Zebra initiative"), use_voice=False)


def _reached_secret(texts: list[str]) -> bool:
    return any("Quagga" in text for text in texts)


def _with_session(w: World, action: Callable[[object], object]) -> object:
    with unit_of_work(w.engine) as session:
        return action(session)


def _calls(action: Callable[[], object]) -> bool:
    action()
    return True


def _bo_engagement_impressions(w: World) -> int:
    with unit_of_work(w.engine) as session:
        return int(session.scalar(select(Engagement.impressions).where(Engagement.id == w.ids["bo_engagement"])) or 0)


def _data_version_moves(w: World, a: Actor) -> bool:
    """Does the actor's analytics cache key change when only Bo's figures change?"""
    before = analytics.data_version(w.engine, a)
    with unit_of_work(w.engine) as session:
        session.add(UtmLead(day=date.today(), utm_campaign=f"bo-{next(_serial)}", leader_id=w.bo, clicks=1))
    return analytics.data_version(w.engine, a) != before


def _import_engagement(w: World, a: Actor) -> bool:
    header = "Post id,Date,Post text,Post Link,Impressions,Likes\n"
    data = f'1,"Sun, Sep 13, 2026",x,https://x.com/bo/status/{next(_serial)},5,1\n'.encode()
    report = engagement.import_engagement(w.engine, a, header.encode() + data, "x.csv", leader_id=w.bo)
    return report.batch_id > 0


def _import_leads(w: World, a: Actor) -> bool:
    scheduled = w.ids["bo_scheduled"]
    data = f"Date,utm_campaign,utm_content,Clicks,Leads\n2026-11-20,bo-campaign,byline-post-{scheduled},1,0\n"
    report = manual.import_leads(w.engine, a, data.encode())
    return report.linked_to_posts > 0


def _voice_import(w: World, a: Actor) -> bool:
    parsed = ParsedImport(
        "paste", [ParsedPost(text=f"Imported {next(_serial)}", channel="linkedin", origin="paste")], []
    )
    return voice_store.import_posts(w.engine, a, w.bo, parsed).added == 1


def _ics(w: World, a: Actor) -> bool:
    data = b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:z\r\nDTSTART;VALUE=DATE:20270101\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
    rules.import_blocked_days(w.engine, a, w.bo, data, "z.ics")
    return True


def _fresh_block(w: World) -> int:
    event = f"BEGIN:VEVENT\r\nUID:f{next(_serial)}\r\nDTSTART;VALUE=DATE:20270202\r\nEND:VEVENT\r\n"
    data = f"BEGIN:VCALENDAR\r\n{event}END:VCALENDAR\r\n"
    rules.import_blocked_days(w.engine, w.people["root"], w.bo, data.encode(), "f.ics")
    return max(int(b["id"]) for b in rules.blocked_days(w.engine, w.people["root"], w.bo))  # type: ignore[call-overload]


def _assign(w: World, a: Actor) -> bool:
    coach = fresh_person(w, Role.COACH) if a.is_admin else a.person_id
    people.assign_coach(w.engine, a, coach, w.bo)
    return True


PILLAR = Pillar(name="Quagga codename", thesis="Not for circulation: the Zebra initiative replaces the Pulse gateway")
ZEBRA = NarrativeContent(pillars=[PILLAR], expertise=["Zebra initiative"])
ENTRY = {"pillars": [{"name": PILLAR.name, "thesis": PILLAR.thesis}]}

PROBES: dict[str, Probe] = {
    # core
    "core.audit.recent_events": lambda w, a: bool(audit.recent_events(w.engine, a)),
    "core.permissions.visible_leader_ids": lambda w, a: (
        w.bo
        in _with_session(  # type: ignore[operator]
            w,
            lambda s: permissions.visible_leader_ids(s, a),  # type: ignore[arg-type]
        )
    ),
    "core.permissions.require_leader_access": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: permissions.require_leader_access(s, a, w.bo))  # type: ignore[arg-type]
    ),
    "core.permissions.require_admin": lambda w, a: _calls(lambda: permissions.require_admin(a)),
    # knowledge base
    "kb.access.readable_visibilities": lambda w, a: (
        "private:bo" in _with_session(w, lambda s: access.readable_visibilities(s, a))
    ),  # type: ignore[arg-type, operator]
    "kb.access.leader_visibilities": lambda w, a: (
        "private:bo" in _with_session(w, lambda s: access.leader_visibilities(s, a, w.bo))
    ),  # type: ignore[arg-type, operator]
    "kb.service.KnowledgeBase.visibility_choices": lambda w, a: "private:bo" in w.kb.visibility_choices(a),
    "kb.service.KnowledgeBase.ingest_bytes": lambda w, a: _calls(
        lambda: w.kb.ingest_bytes(
            f"n{next(_serial)}.md", f"note {next(_serial)}".encode(), actor=a, visibility="private:bo"
        )
    ),
    "kb.service.KnowledgeBase.replace_document": lambda w, a: _calls(
        lambda: w.kb.replace_document(a, w.bo_doc, "bo-note.md", BO_SECRET.encode())
    ),
    "kb.service.KnowledgeBase.search": lambda w, a: _reached_secret(
        [h.text for h in w.kb.search("Zebra Quagga 2031", a, k=20)]
    ),
    "kb.service.KnowledgeBase.search_for_leader": lambda w, a: _reached_secret(
        [h.text for h in w.kb.search_for_leader("Zebra Quagga 2031", a, w.bo, k=20)]
    ),
    "kb.service.KnowledgeBase.nearest_for_leader": lambda w, a: (
        w.bo_doc in {n.document_id for n in w.kb.nearest_for_leader("Zebra Quagga", a, w.bo, n=20)}
    ),
    "kb.service.KnowledgeBase.list_documents": lambda w, a: w.bo_doc in {d.id for d in w.kb.list_documents(a)},
    "kb.service.KnowledgeBase.delete_document": lambda w, a: _calls(
        lambda: w.kb.delete_document(
            a,
            str(
                w.kb.ingest_bytes(
                    f"d{next(_serial)}.md",
                    f"doomed {next(_serial)}".encode(),
                    actor=w.people["bo"],
                    visibility="private:bo",
                ).document_id
            ),
        )
    ),
    "kb.service.KnowledgeBase.retag_document": lambda w, a: _calls(lambda: w.kb.retag_document(a, w.bo_doc, ["bo"])),
    # workspace: people, auth, home, analytics
    "workspace.auth.sign_out": _sign_out,
    "workspace.people.change_role": lambda w, a: _calls(
        lambda: people.change_role(w.engine, a, fresh_person(w), Role.ADMIN)
    ),
    "workspace.people.set_active": lambda w, a: _calls(lambda: people.set_active(w.engine, a, fresh_person(w), False)),
    "workspace.people.assign_coach": _assign,
    "workspace.people.list_people": lambda w, a: w.bo in {p.id for p in people.list_people(w.engine, a)},
    "workspace.people.list_leaders": lambda w, a: w.bo in {p.id for p in people.list_leaders(w.engine, a)},
    "workspace.analytics.data_version": _data_version_moves,
    "workspace.analytics.load_data": lambda w, a: (
        w.bo in analytics.load_data(w.engine, a).leaders or _calls(lambda: analytics.load_data(w.engine, a, w.bo))
    ),
    "workspace.analytics.engagement_by_leader": lambda w, a: (
        "Bo" in set(analytics.engagement_by_leader(w.engine, a).get("leader", []))
    ),
    # posts
    "workspace.posts.load_visible_post": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: posts.load_visible_post(s, a, w.ids["bo_draft"]))  # type: ignore[arg-type]
    ),
    "workspace.posts.add_post": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: posts.add_post(s, a, w.bo, text="planted"))  # type: ignore[arg-type]
    ),
    "workspace.posts.create_post": lambda w, a: _calls(lambda: posts.create_post(w.engine, a, w.bo, text="planted")),
    "workspace.posts.get_post": lambda w, a: _calls(lambda: posts.get_post(w.engine, a, w.ids["bo_draft"])),
    "workspace.posts.save_text": lambda w, a: _calls(
        lambda: posts.save_text(w.engine, a, fresh_bo_post(w), "overwritten", base_version=1)
    ),
    "workspace.posts.delete_post": lambda w, a: _calls(lambda: posts.delete_post(w.engine, a, fresh_bo_post(w))),
    "workspace.posts.list_posts": lambda w, a: (
        any(p.leader_id == w.bo for p in posts.list_posts(w.engine, a))
        or _calls(lambda: posts.list_posts(w.engine, a, leader_id=w.bo))
    ),
    # calendar
    "workspace.calendar.ical_export.export_ics": lambda w, a: (
        b"Bo scheduled" in ical_export.export_ics(w.engine, a)
        or _calls(lambda: ical_export.export_ics(w.engine, a, leader_id=w.bo))
    ),
    "workspace.calendar.rules.get_settings": lambda w, a: _calls(lambda: rules.get_settings(w.engine, a, w.bo)),
    "workspace.calendar.rules.update_settings": lambda w, a: _calls(
        lambda: rules.update_settings(w.engine, a, w.bo, quiet_weekdays=[], min_gap_hours=18)
    ),
    "workspace.calendar.rules.import_blocked_days": _ics,
    "workspace.calendar.rules.blocked_days": lambda w, a: _calls(lambda: rules.blocked_days(w.engine, a, w.bo)),
    "workspace.calendar.rules.remove_blocked_day": lambda w, a: _calls(
        lambda: rules.remove_blocked_day(w.engine, a, _fresh_block(w))
    ),
    "workspace.calendar.service.calendar_view": lambda w, a: (
        any(
            item.leader_id == w.bo
            for item in calendar.calendar_view(
                w.engine, a, start=date.today(), end=date.today() + timedelta(days=7)
            ).items
        )
        or _calls(lambda: calendar.calendar_view(w.engine, a, start=date.today(), end=date.today(), leader_id=w.bo))
    ),
    # engagement
    "workspace.engagement.manual.unmatched_rows": lambda w, a: (
        w.ids["bo_row"] in {r["row_id"] for r in manual.unmatched_rows(w.engine, a)}
    ),
    "workspace.engagement.manual.match_row": lambda w, a: _calls(
        lambda: manual.match_row(w.engine, a, _fresh_bo_row(w), w.ids["bo_scheduled"])
    ),
    "workspace.engagement.manual.engagement_table": lambda w, a: (
        w.ids["bo_engagement"] in set(manual.engagement_table(w.engine, a)["id"])
        or _calls(lambda: manual.engagement_table(w.engine, a, w.bo))
    ),
    "workspace.engagement.manual.save_corrections": lambda w, a: _calls(
        lambda: manual.save_corrections(
            w.engine, a, {w.ids["bo_engagement"]: {"impressions": _bo_engagement_impressions(w)}}
        )
    ),
    "workspace.engagement.manual.record_manual": lambda w, a: _calls(
        lambda: manual.record_manual(
            w.engine, a, w.ids["bo_scheduled"], date.today() - timedelta(days=1), impressions=1
        )
    ),
    "workspace.engagement.manual.import_leads": _import_leads,
    "workspace.engagement.service.import_engagement": _import_engagement,
    # narratives
    "narratives.brand.service.get_narrative": lambda w, a: _calls(lambda: brand.get_narrative(w.engine, a, w.bo)),
    "narratives.brand.service.save_narrative": lambda w, a: _calls(
        lambda: brand.save_narrative(
            w.engine, a, w.bo, ZEBRA, base_version=brand.get_narrative(w.engine, w.people["root"], w.bo).version
        )
    ),
    "narratives.brand.service.narrative_history": lambda w, a: _calls(
        lambda: brand.narrative_history(w.engine, a, w.bo)
    ),
    "narratives.brand.pillars.NarrativePillars.pillars": lambda w, a: _calls(
        lambda: NarrativePillars(w.engine).pillars(a, w.bo)
    ),
    "narratives.brand.insights.pillar_coverage": lambda w, a: _calls(
        lambda: insights.pillar_coverage(w.engine, a, w.bo)
    ),
    "narratives.brand.insights.team_pillars": lambda w, a: (
        w.bo in {p.leader_id for p in insights.team_pillars(w.engine, a)}
    ),
    "narratives.brand.insights.material_matches": lambda w, a: (
        w.bo_doc in {f.document_id for f in insights.material_matches(w.engine, a, w.kb)}
    ),
    "narratives.brand.insights.last_post_day": lambda w, a: _calls(lambda: insights.last_post_day(w.engine, a, w.bo)),
    "narratives.brand.insights.fresh_material_for": lambda w, a: _calls(
        lambda: insights.fresh_material_for(w.engine, a, w.bo, w.kb)
    ),
    "narratives.brand.matching.pillar_fits": lambda w, a: (
        w.bo_doc in {f.document_id for f in matching.pillar_fits(w.kb, a, [matching.LeaderPillars(w.bo, "Bo", ZEBRA)])}
    ),
    "narratives.brand.suggest.suggest_proof_points": lambda w, a: (
        w.bo_doc in {p.citation.document_id for p in suggest.suggest_proof_points(w.kb, a, w.bo, ZEBRA) if p.citation}
    ),
    "narratives.brand.suggest.suggest_pillars": lambda w, a: (
        w.bo_doc
        in {
            c.document_id
            for s in suggest.suggest_pillars(
                FakeListChatModel(responses=["- Zebra: roadmap [S1] [S2] [S3] [S4] [S5] [S6]"]),  # type: ignore[arg-type]
                w.kb,
                a,
                w.bo,
                leader_name="Bo",
                leader_title="CTO",
                content=ZEBRA,
                past_posts=[],
            )
            for c in s.citations
        }
    ),
    "narratives.brand.workbench.suggest_from_material": lambda w, a: _calls(
        lambda: workbench.suggest_from_material(w.engine, a, w.bo, w.kb, None)
    ),
    "narratives.brand.workbench.accept_suggestions": lambda w, a: _calls(
        lambda: workbench.accept_suggestions(
            w.engine,
            a,
            w.bo,
            base_version=brand.get_narrative(w.engine, w.people["root"], w.bo).version,
            pillars=[],
            proof_points=[],
        )
    ),
    "narratives.brand.demo.cited_proof_point": lambda w, a: (
        (p := brand_demo.cited_proof_point(w.kb, a, w.bo, PILLAR)) is not None
        and p.citation is not None
        and p.citation.document_id == w.bo_doc
    ),
    "narratives.brand.demo.narrative_from_demo": lambda w, a: (
        w.bo_doc
        in {
            p.citation.document_id
            for p in brand_demo.narrative_from_demo(ENTRY, w.kb, a, w.bo).proof_points
            if p.citation
        }
    ),
    "narratives.drafting.context.gather_context": lambda w, a: (
        w.bo_doc
        in {
            p.document_id
            for p in gather_context(
                a,
                Brief(leader_id=w.bo, topic="Zebra initiative Quagga"),
                ("Bo", "CTO"),
                kb=w.kb,
                voice=_bo_voice(w),
                pillars=NarrativePillars(w.engine),
                use_voice=False,
            ).passages
        }
    ),
    "narratives.drafting.learning.edit_trend": lambda w, a: _calls(lambda: learning.edit_trend(w.engine, a, w.bo)),
    "narratives.drafting.service.DraftingService.plan": lambda w, a: _calls(
        lambda: _drafting(w).plan(a, Brief(leader_id=w.bo, topic="Zebra"), use_voice=False)
    ),
    "narratives.drafting.service.DraftingService.choose": lambda w, a: _calls(
        lambda: _drafting(w).choose(a, _bo_plan(w), 0, "chosen text", CheckReport(findings=[]))
    ),
    "narratives.drafting.service.DraftingService.save": lambda w, a: _calls(
        lambda: _drafting(w).save(a, fresh_bo_post(w), "saved text", 1)
    ),
    "narratives.drafting.service.DraftingService.generation": lambda w, a: _calls(
        lambda: _drafting(w).generation(a, w.ids["bo_draft"])
    ),
    "narratives.drafting.service.DraftingService.follow_up": lambda w, a: _calls(
        lambda: _drafting(w).follow_up(a, fresh_bo_post(w, text="Bo's words."), "Bo's words.", 1, "shorter")
    ),
    "narratives.llm.active.set_active_local_model": lambda w, a: _calls(
        lambda: active.set_active_local_model(w.engine, a, "smollm2-135m")
    ),
    # voice
    "narratives.voice.adapter.VoiceForDrafting.for_leader": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: VoiceForDrafting().for_leader(s, a, w.bo))  # type: ignore[arg-type]
    ),
    "narratives.voice.service.leader_profile": lambda w, a: _calls(lambda: voice.leader_profile(w.engine, a, w.bo)),
    "narratives.voice.service.score_text": lambda w, a: _calls(lambda: voice.score_text(w.engine, a, w.bo, "Ship it.")),
    "narratives.voice.service.leader_exemplars": lambda w, a: _calls(
        lambda: voice.leader_exemplars(w.engine, a, w.bo, "gateway")
    ),
    "narratives.voice.store.import_posts": _voice_import,
    "narratives.voice.store.load_voice_texts": lambda w, a: _calls(
        lambda: _with_session(w, lambda s: voice_store.load_voice_texts(s, a, w.bo))  # type: ignore[arg-type]
    ),
    "narratives.voice.store.leader_post_texts": lambda w, a: _calls(
        lambda: voice_store.leader_post_texts(w.engine, a, w.bo)
    ),
    "narratives.voice.store.voice_corpus": lambda w, a: _calls(lambda: voice_store.voice_corpus(w.engine, a, w.bo)),
}


def _bo_voice(w: World) -> object:
    with unit_of_work(w.engine) as session:
        return VoiceForDrafting().for_leader(session, w.people["root"], w.bo)


SELF_ONLY = {"workspace.auth.sign_out"}
"""Entry points that act on the signed-in person alone: there is no other leader's object to reach."""

INNER = {
    "workspace.posts.write_revision": "writes to a Post the caller loaded with load_visible_post in its unit of work",
    "workspace.posts.keep_editor_text": "writes to a Post the caller loaded with load_visible_post in its unit of work",
}
"""Helpers inside a caller's unit of work that receive an object already loaded through a guard (one check per
user action, as tests/drafting/test_pipeline.py holds), and the workflow's rules that decide on such an object and
return only a decision (lifecycle_probes.INNER). No page calls them, so none can hand them another leader's object
or id."""
