"""Demo engagement: writes a LinkedIn creator analytics workbook per demo leader (the documented layout) from
the demo's published posts, a Company Page workbook and a leads CSV by UTM tag, and imports each through the real
importer, so the demo's charts come from imported exports (daily impressions, follower growth, the brand's own
page, and leads traced to posts)."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, timedelta

from openpyxl import Workbook
from sqlalchemy import Engine, func, select

from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from workspace.engagement.manual import import_leads
from workspace.engagement.service import import_engagement
from workspace.engagement.utm import post_content_tag
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
        followers.append([_text_date(day), float(1 + (n * 7 + seed) % 6 + seed % 5)])
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
    import_engagement(engine, admin, company_workbook(today), "Vantrell_company_page_demo.xlsx", today=today)
    import_leads(engine, admin, leads_csv(_linked_posts(engine, today), today), today=today)
    return matched


def company_workbook(today: date) -> bytes:
    """A Company Page export: the brand's posts (two a week) and its new followers per day."""
    book = Workbook()
    posts = book.active
    posts.title = "All posts"
    posts.append(["Aggregated data for all posts, exported by LinkedIn"])
    posts.append(["Update title", "Update link", "Created date", "Impressions", "Clicks", "Likes", "Comments"])
    for n in range(DAYS // 3):
        day = today - timedelta(days=3 * n + 1)
        link = f"https://www.linkedin.com/feed/update/urn:li:activity:{7390000000000000000 + n}"
        figures = [900 + (n * 211) % 1400, 9 + n % 7, 14 + n % 11, n % 4]
        posts.append([f"Vantrell update {n + 1}", link, _text_date(day), *figures])
    followers = book.create_sheet("New followers")
    followers.append(["Date", "Total followers"])
    for n in range(DAYS):
        followers.append([_text_date(today - timedelta(days=n)), 4 + (n * 5) % 9])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _linked_posts(engine: Engine, today: date) -> list[tuple[int, date, str]]:
    """Published LinkedIn posts of the last DAYS days: (id, day, pillar)."""
    since = datetime.combine(today - timedelta(days=DAYS), datetime.min.time(), tzinfo=UTC)
    query = (
        select(Post.id, Post.published_at, Post.pillar)
        .where(Post.status == PostStatus.PUBLISHED, Post.channel == Channel.LINKEDIN, Post.published_at >= since)
        .order_by(Post.id)
    )
    with unit_of_work(engine) as session:
        return [(post_id, when.date(), pillar) for post_id, when, pillar in session.execute(query)]


def leads_csv(posts: list[tuple[int, date, str]], today: date) -> bytes:
    """Clicks and leads by UTM tag, as a web analytics tool exports them: one row per post the day after it went
    out (utm_content names the post), and the company newsletter's untagged campaign."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["Date", "utm_source", "utm_medium", "utm_campaign", "utm_content", "Clicks", "Leads"])
    for post_id, day, pillar in posts:
        campaign = "-".join(pillar.lower().split()[:3]) or "thought-leadership"
        lead_day = min(day + timedelta(days=1), today)
        writer.writerow(
            [
                lead_day.isoformat(),
                "linkedin",
                "social",
                campaign,
                post_content_tag(post_id),
                18 + (post_id * 7) % 40,
                (post_id * 3) % 5,
            ]
        )
    for n in range(0, DAYS, 14):
        writer.writerow([(today - timedelta(days=n)).isoformat(), "newsletter", "email", "vantrell-monthly", "", 60, 2])
    return buffer.getvalue().encode("utf-8")
