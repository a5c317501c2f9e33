"""Demo engagement: writes a LinkedIn creator analytics workbook per demo leader (the documented layout) from
the demo's published posts, and imports it through the real importer, so the demo's charts come from an
imported export (including daily impressions and follower growth)."""

from __future__ import annotations

import io
from datetime import UTC, date, datetime, timedelta

from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from workspace.engagement.service import import_engagement
from workspace.models import Channel, Engagement, Post, PostStatus

DAYS = 90
TopPost = tuple[str, date, int, int]  # url, day, engagements, impressions


def _text_date(day: date) -> str:
    return f"{day.month}/{day.day}/{day.year}"


def creator_workbook(top: list[TopPost], today: date, seed: int) -> bytes:
    """A creator analytics workbook: DISCOVERY, ENGAGEMENT, TOP POSTS, FOLLOWERS, DEMOGRAPHICS."""
    first = today - timedelta(days=DAYS - 1)
    days = [first + timedelta(days=n) for n in range(DAYS)]
    book = Workbook()
    discovery = book.active
    discovery.title = "DISCOVERY"
    discovery.append(["Overall Performance", f"{_text_date(first)} - {_text_date(today)}"])
    discovery.append(["Impressions", float(sum(300 + (n * 37 + seed) % 400 for n in range(DAYS)))])
    engagement = book.create_sheet("ENGAGEMENT")
    engagement.append(["Date", "Impressions", "Engagements"])
    for n, day in enumerate(days):
        impressions = 300 + (n * 37 + seed) % 400
        engagement.append([_text_date(day), float(impressions), float(round(impressions * 0.03))])
    posts = book.create_sheet("TOP POSTS")
    posts.append(["Maximum of 50 posts available to include in this list"])
    posts.append([])
    posts.append(["Post URL", "Post publish date", "Engagements", None, "Post URL", "Post publish date", "Impressions"])
    by_engagement = sorted(top, key=lambda p: -p[2])[:50]
    by_impressions = sorted(top, key=lambda p: -p[3])[:50]
    for left, right in zip(by_engagement, by_impressions, strict=True):
        posts.append(
            [left[0], _text_date(left[1]), float(left[2]), None, right[0], _text_date(right[1]), float(right[3])]
        )
    followers = book.create_sheet("FOLLOWERS")
    followers.append([f"Total followers on {_text_date(today)}:", 1200 + seed])
    followers.append([])
    followers.append(["Date", "New followers"])
    for n, day in enumerate(days):
        followers.append([_text_date(day), float(1 + (n * 7 + seed) % 6)])
    demographics = book.create_sheet("DEMOGRAPHICS")
    demographics.append(["Top Demographics", "Value", "Percentage"])
    demographics.append(["Job titles", "Plant Manager", 0.0699])
    demographics.append(["Locations", "Columbus, Ohio", "< 1%"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _top_posts(engine: Engine, leader_id: int) -> list[TopPost]:
    engaged = Engagement.reactions + Engagement.comments + Engagement.reposts + Engagement.clicks
    query = (
        select(Post.url, Post.published_at, func.sum(engaged), func.sum(Engagement.impressions))
        .join(Engagement, Engagement.post_id == Post.id)
        .where(Post.leader_id == leader_id, Post.status == PostStatus.PUBLISHED, Post.channel == Channel.LINKEDIN)
        .where(Post.url.is_not(None))
        .group_by(Post.id, Post.url, Post.published_at)
    )
    with unit_of_work(engine) as session:
        return [(url, when.date(), int(e or 0), int(i or 0)) for url, when, e, i in session.execute(query)]


def import_demo_engagement(engine: Engine, admin: Actor, today: date | None = None) -> int:
    """Import one generated creator workbook per leader; returns the number of posts matched."""
    today = today or datetime.now(UTC).date()
    with unit_of_work(engine) as session:
        leaders = list(session.execute(select(Person.id, Person.handle).where(Person.role == Role.LEADER)))
    matched = 0
    for leader_id, handle in leaders:
        data = creator_workbook(_top_posts(engine, leader_id), today, seed=leader_id * 13)
        report = import_engagement(engine, admin, data, f"Content_{handle}_demo.xlsx", leader_id=leader_id, today=today)
        matched += report.matched
    return matched
