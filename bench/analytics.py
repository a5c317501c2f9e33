"""Analytics compute time with 20 leaders x 3 years of daily engagement rows (one post a day each).

    .venv/bin/python bench/analytics.py [--leaders 20] [--days 1095] [--runs 5]

Reports, per Analytics page rerun: the uncached cost (data changed: load + compute) and the cached cost
(the page only asks for the data version, then st.cache_data returns the computed tables).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import Engine, insert, select

from app.schema import open_database
from core.db import unit_of_work
from core.identity import Person, Role
from core.permissions import Actor
from core.settings import Settings
from workspace.analytics import compute, data_version, load_data
from workspace.models import Engagement, Post
from workspace.program.metrics import Metric
from workspace.program.models import Goal, scope_key


def _people(leaders: int) -> list[dict[str, object]]:
    def person(handle: str, role: Role) -> dict[str, object]:
        return {
            "handle": handle,
            "name": handle.title(),
            "email": f"{handle}@bench.example",
            "role": role,
            "password_hash": "x",
            "quiet_weekdays": [],
        }

    return [person(f"leader{n:02d}", Role.LEADER) for n in range(leaders)] + [person("admin", Role.ADMIN)]


def _weekly_goal(leader_id: int) -> dict[str, object]:
    return {"scope": scope_key(leader_id), "leader_id": leader_id, "metric": Metric.POSTS_PER_WEEK, "target": 3.0}


def _posts(leader_ids: list[int], days: int) -> list[dict[str, object]]:
    start = datetime(2023, 11, 23, tzinfo=UTC)
    return [
        {
            "leader_id": leader_id,
            "channel": "linkedin" if day % 3 else "x",
            "status": "published",
            "pillar": f"Pillar {day % 4}",
            "published_at": start + timedelta(days=day, hours=7 + day % 10),
            "is_reshare": day % 7 == 0,
            "title": f"Post {day}",
        }
        for leader_id in leader_ids
        for day in range(days)
    ]


def seed(engine: Engine, leaders: int, days: int) -> Actor:
    """One published post per leader per day, each with one engagement row."""
    with unit_of_work(engine) as session:
        session.execute(insert(Person), _people(leaders))
        leader_ids = list(session.scalars(select(Person.id).where(Person.role == Role.LEADER)))
        session.execute(insert(Goal), [_weekly_goal(leader_id) for leader_id in leader_ids])
        session.execute(insert(Post), _posts(leader_ids, days))
        figures = [
            {
                "post_id": post_id,
                "day": day,
                "source": "bench",
                "impressions": 500 + post_id % 900,
                "reactions": post_id % 40,
                "comments": post_id % 7,
                "reposts": post_id % 3,
                "clicks": post_id % 11,
            }
            for post_id, day in session.execute(select(Post.id, Post.published_at))
        ]
        session.execute(insert(Engagement), figures)
        return Actor.of(session.scalars(select(Person).where(Person.role == Role.ADMIN)).one())


def timed(action: Callable[[], object], runs: int) -> float:
    samples = []
    for _ in range(runs):
        began = time.perf_counter()
        action()
        samples.append((time.perf_counter() - began) * 1000)
    return statistics.median(samples)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--leaders", type=int, default=20)
    parser.add_argument("--days", type=int, default=3 * 365)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        engine = open_database(Settings(BYLINE_DATA_DIR=Path(folder)))
        actor = seed(engine, args.leaders, args.days)
        rows = args.leaders * args.days
        cache: dict[tuple[object, ...], object] = {}

        def rerun_cached() -> None:
            key = data_version(engine, actor)
            if key not in cache:
                cache[key] = compute(load_data(engine, actor))

        uncached = timed(lambda: compute(load_data(engine, actor)), args.runs)
        load_only = timed(lambda: load_data(engine, actor), args.runs)
        rerun_cached()
        cached = timed(rerun_cached, args.runs)
        print(f"{args.leaders} leaders x {args.days} days = {rows:,} posts and engagement rows (SQLite)")
        print(f"uncached rerun (load + compute): {uncached:7.1f} ms  (load alone {load_only:.1f} ms)")
        print(f"cached rerun (data version + st.cache_data hit): {cached:7.1f} ms")
        verdict = "met" if max(cached, uncached) < 300 else "met when cached" if cached < 300 else "missed"
        print(f"target < 300 ms per rerun: {verdict}")
        engine.dispose()


if __name__ == "__main__":
    main()
