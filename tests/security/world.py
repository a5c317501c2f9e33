"""A small workspace where two leaders each hold something the other must never reach.

Admin `root`; coach `cora` (assigned to `ada` only); coach `dee` (assigned to both leaders); leaders `ada` and `bo`;
`newbie`, an admin still on a temporary password (no access until it is changed).
Bo owns posts (draft, scheduled, published), a narrative, published past posts, a private "not for circulation"
note in the knowledge base, engagement rows, a lead, a blocked day, a draft generation, goals and a dismissed tip.
The company owns a Company Page post, a day of Company Page figures and the program's goals (comms staff and admins
see them, leaders do not). Real SQLite, real Chroma, the real MiniLM embedder.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine

from app.schema import open_database
from core.db import unit_of_work
from core.identity import CoachAssignment, Role
from core.permissions import Actor
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.factory import open_knowledge_base
from kb.models import private_to
from kb.service import KnowledgeBase
from narratives.brand.content import NarrativeContent, Pillar
from narratives.brand.service import save_narrative
from narratives.drafting.models import DraftGeneration
from tests.conftest import TEST_PASSWORD
from workspace.calendar.models import BlockedDay
from workspace.engagement.models import DailyMetric, ImportedRow, UtmLead
from workspace.engagement.service import COMPANY
from workspace.models import Comment, Engagement, PostStatus
from workspace.people import add_person
from workspace.posts import add_post
from workspace.program.metrics import Metric
from workspace.program.models import Goal, TipDismissal, scope_key

BO_SECRET = "Not for circulation: the Zebra initiative replaces the Pulse gateway in 2031, codename Quagga."
ADA_SECRET = "Ada's private note: the Zebra initiative budget review moves to March."
COMPANY_DOC = "# Zebra platform overview\n\nThe Zebra platform connects plant sensors to the Pulse cloud.\n"
PAST_POSTS = [
    "Shipping beats planning. We moved the gateway release up a week and nobody missed the extra meeting.",
    "Three things I learned running on-call for a year: sleep matters, runbooks rot, and alerts lie.",
    "Our customers do not want dashboards. They want the one number that tells them to act today.",
    "Edge devices fail in boring ways. Boring failures deserve boring, well-tested recovery paths.",
    "I asked the plant manager what she would cut. Her answer saved more energy than our model did.",
    "Open protocols won. The sooner vendors admit it, the sooner plants stop paying integration tax.",
]
ACTIVITY = "https://www.linkedin.com/feed/update/urn:li:activity:"
ZEBRA = Pillar(name="Zebra platform", thesis="The Zebra initiative and the Pulse gateway roadmap")
COMPANY_POST = "Company Page: the Zebra platform launch, from the brand's own page."
BO_TIP = "first_draft_edit_it"


@dataclass
class World:
    settings: Settings
    engine: Engine
    kb: KnowledgeBase
    people: dict[str, Actor]
    bo_doc: str = ""
    company_doc: str = ""
    ids: dict[str, int] = field(default_factory=dict)

    @property
    def bo(self) -> int:
        return self.people["bo"].person_id

    @property
    def ada(self) -> int:
        return self.people["ada"].person_id


def _people(engine: Engine) -> dict[str, Actor]:
    roles = [("root", Role.ADMIN), ("cora", Role.COACH), ("dee", Role.COACH), ("ada", Role.LEADER), ("bo", Role.LEADER)]
    roles.append(("newbie", Role.ADMIN))  # invited as an admin, still on the temporary password: no access yet
    with unit_of_work(engine) as session:
        people = {
            handle: add_person(
                session,
                handle=handle,
                name=handle.title(),
                email=f"{handle}@byline.example",
                role=role,
                password=TEST_PASSWORD,
                must_change_password=handle == "newbie",
            )
            for handle, role in roles
        }
        for coach, leader in (("cora", "ada"), ("dee", "ada"), ("dee", "bo")):
            session.add(CoachAssignment(coach_id=people[coach].id, leader_id=people[leader].id))
        return {handle: Actor.of(person) for handle, person in people.items()}


def _posts(world: World) -> None:
    admin = world.people["root"]
    now = datetime.now(UTC)
    with unit_of_work(world.engine) as session:
        for leader, handle in ((world.bo, "bo"), (world.ada, "ada")):
            for index, text in enumerate(PAST_POSTS):
                past = add_post(
                    session,
                    admin,
                    leader,
                    text=f"{text} ({handle})",
                    status=PostStatus.PUBLISHED,
                    published_at=now - timedelta(days=30 + index),
                    url=f"{ACTIVITY}{7_000_000_000_000 + leader * 100 + index}",
                )
                session.add(Engagement(post_id=past.id, day=now, source="manual", impressions=50 + index, reactions=2))
        draft = add_post(
            session,
            admin,
            world.bo,
            text="Bo's unannounced Zebra draft: the Quagga codename.",
            status=PostStatus.DRAFT,
            title="Bo draft about Quagga",
        )
        scheduled = add_post(
            session,
            admin,
            world.bo,
            text="Bo's scheduled post on open protocols.",
            status=PostStatus.SCHEDULED,
            title="Bo scheduled",
            scheduled_at=now + timedelta(days=2),
        )
        ada_draft = add_post(
            session, admin, world.ada, text="Ada's draft on Zebra sensors.", status=PostStatus.DRAFT, title="Ada draft"
        )
        session.add(Comment(post_id=draft.id, author_id=admin.person_id, text="Bo-only comment"))
        figures = Engagement(post_id=scheduled.id, day=now, source="manual", impressions=100, reactions=5)
        session.add(figures)
        session.add(
            DraftGeneration(
                post_id=draft.id,
                leader_id=world.bo,
                created_by=admin.person_id,
                model="test",
                text="generated",
                brief={},
                citations=[],
            )
        )
        row = ImportedRow(
            fingerprint=f"x|{world.bo}|unmatched",
            source="x",
            leader_id=world.bo,
            url=None,
            day=date.today(),
            text="Bo unmatched row",
            metrics={"impressions": 7},
        )
        session.add(row)
        session.add(
            UtmLead(
                day=date.today(),
                utm_campaign="bo-campaign",
                utm_content=f"byline-post-{scheduled.id}",
                clicks=9,
                leads=3,
                post_id=scheduled.id,
                leader_id=world.bo,
            )
        )
        blocked = BlockedDay(leader_id=world.bo, day=date.today() + timedelta(days=3), summary="Bo holiday", uid="b1")
        session.add(blocked)
        session.flush()
        world.ids.update(
            bo_draft=draft.id,
            bo_scheduled=scheduled.id,
            ada_draft=ada_draft.id,
            bo_engagement=figures.id,
            bo_row=row.id,
            bo_blocked=blocked.id,
        )


def _company_and_goals(world: World) -> None:
    """The company's own figures and goals, and Bo's goals and dismissed tip."""
    today = date.today()
    with unit_of_work(world.engine) as session:
        page_row = ImportedRow(
            fingerprint="linkedin_page|None|url:zebra-launch",
            source="linkedin_page",
            leader_id=None,
            match_method=COMPANY,
            url=f"{ACTIVITY}7390000000000000001",
            day=today,
            text=COMPANY_POST,
            metrics={"impressions": 900, "reactions": 12},
        )
        session.add(page_row)
        session.add(DailyMetric(leader_id=None, day=today, source="linkedin_page", impressions=900, new_followers=4))
        for leader_id in (world.bo, None):
            for metric, target in ((Metric.POSTS_PER_WEEK, 2.0), (Metric.REACH_PER_MONTH, 5000.0)):
                scope = scope_key(leader_id)
                session.add(Goal(scope=scope, leader_id=leader_id, metric=metric.value, target=target, note=""))
        session.add(TipDismissal(person_id=world.bo, tip_id=BO_TIP))
        session.flush()
        world.ids["company_row"] = page_row.id


def build_world(data_dir: Path, embedder: LocalMiniLMEmbeddings) -> World:
    settings = Settings(BYLINE_DATA_DIR=str(data_dir))
    engine = open_database(settings)
    people = _people(engine)
    kb = open_knowledge_base(settings, engine, embedder)
    world = World(settings, engine, kb, people)
    world.company_doc = str(kb.ingest_bytes("zebra.md", COMPANY_DOC.encode(), actor=people["root"]).document_id)
    bo_note = kb.ingest_bytes("bo-note.md", BO_SECRET.encode(), actor=people["bo"], visibility=private_to("bo"))
    world.bo_doc = str(bo_note.document_id)
    kb.ingest_bytes("ada-note.md", ADA_SECRET.encode(), actor=people["ada"], visibility=private_to("ada"))
    for handle in ("ada", "bo"):
        leader = people[handle]
        save_narrative(engine, leader, leader.person_id, NarrativeContent(pillars=[ZEBRA]), base_version=0)
    _posts(world)
    _company_and_goals(world)
    return world
