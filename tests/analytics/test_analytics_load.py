"""Analytics loading on SQLite and PostgreSQL: figures summed in SQL per post and source, one figure set per
post, visibility per actor, and loads larger than one fetch batch."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
from sqlalchemy import Engine, insert, select

from core.db import unit_of_work
from core.permissions import Actor
from workspace import analytics
from workspace.models import Engagement, Post

MONDAY = datetime(2026, 11, 2, 8, tzinfo=UTC)


def add_posts(engine: Engine, leader: Actor, count: int, *, pillar: str = "Edge") -> list[int]:
    """Published posts, one a day from MONDAY, titled 'Post 0', 'Post 1', ..."""
    rows = [
        {
            "leader_id": leader.person_id,
            "channel": "linkedin",
            "status": "published",
            "pillar": pillar,
            "title": f"Post {n}",
            "published_at": MONDAY + timedelta(days=n),
            "is_reshare": False,
        }
        for n in range(count)
    ]
    with unit_of_work(engine) as session:
        session.execute(insert(Post), rows)
        query = select(Post.id).where(Post.leader_id == leader.person_id).order_by(Post.id)
        return list(session.scalars(query))[-count:]


def add_figures(engine: Engine, rows: list[dict[str, object]]) -> None:
    defaults = {"reactions": 0, "comments": 0, "reposts": 0, "clicks": 0, "engagement_rate": None}
    with unit_of_work(engine) as session:
        session.execute(insert(Engagement), [{**defaults, **row} for row in rows])


def test_daily_rows_are_summed_per_source_and_the_biggest_source_counts(
    engine: Engine, people: dict[str, Actor]
) -> None:
    ada, bo = people["ada"], people["bo"]
    two_sources, unmeasured, one_source = add_posts(engine, ada, 3)
    (theirs,) = add_posts(engine, bo, 1, pillar="Data")
    day = MONDAY + timedelta(days=1)
    add_figures(
        engine,
        [
            # two days from one source (summed: 150 impressions, 3 engagements), a source without impressions ...
            {"post_id": two_sources, "day": day, "source": "creator", "impressions": 100, "reactions": 3},
            {"post_id": two_sources, "day": day + timedelta(days=1), "source": "creator", "impressions": 50},
            {"post_id": two_sources, "day": day, "source": "creator_b", "impressions": 0, "comments": 2},
            # ... and a bigger source with a rate only: 400 impressions x 2.5% = 10 engagements
            {"post_id": two_sources, "day": day, "source": "manual", "impressions": 400, "engagement_rate": 0.025},
            {"post_id": one_source, "day": day, "source": "manual", "impressions": 200, "reactions": 6, "clicks": 1},
            {"post_id": theirs, "day": day, "source": "manual", "impressions": 90, "reactions": 9},
        ],
    )
    posts = analytics.load_data(engine, ada).posts
    figures = posts.set_index("post_id")[["impressions", "engagements"]]
    assert figures.to_dict("index") == {
        two_sources: {"impressions": 400, "engagements": 10},
        one_source: {"impressions": 200, "engagements": 7},
        unmeasured: {"impressions": 0, "engagements": 0},
    }
    assert list(posts["post_id"]) == [two_sources, one_source, unmeasured]  # most impressions first
    assert set(posts["leader"]) == {"Ada"}
    tables = analytics.compute(analytics.load_data(engine, people["root"]), today=MONDAY + timedelta(weeks=2))
    assert tables["by_pillar"].to_dict("records") == [
        {"pillar": "Data", "posts": 1, "impressions": 90, "engagements": 9, "engagement_rate": 0.1},
        {"pillar": "Edge", "posts": 2, "impressions": 600, "engagements": 17, "engagement_rate": 0.0283},
    ]
    assert list(analytics.load_data(engine, people["cora"]).posts["leader"].unique()) == ["Ada"]


def test_load_larger_than_one_fetch_batch(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    count = 2 * analytics.BATCH_ROWS + 7
    ids = add_posts(engine, ada, count)
    add_figures(
        engine,
        [
            {"post_id": post_id, "day": MONDAY, "source": "bench", "impressions": 100 + n, "reactions": n % 5}
            for n, post_id in enumerate(ids)
        ],
    )
    posts = analytics.load_data(engine, ada).posts
    assert len(posts) == count and posts["post_id"].is_unique
    assert posts["impressions"].sum() == sum(100 + n for n in range(count))
    assert posts["engagements"].sum() == sum(n % 5 for n in range(count))
    assert posts["impressions"].is_monotonic_decreasing
    assert isinstance(posts["published_at"].dtype, pd.DatetimeTZDtype) and str(posts["published_at"].dt.tz) == "UTC"
    assert posts["post_id"].dtype == "int64" and posts["is_reshare"].dtype == bool
    assert pd.api.types.is_string_dtype(posts["title"])
    weekly = analytics.compute(analytics.load_data(engine, ada))["over_time"]
    assert weekly["posts"].sum() == count
