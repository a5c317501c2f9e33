"""Engagement figures as tables for the Analytics page (full analytics arrive with the calendar issue)."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine, func, select

from workspace.db import unit_of_work
from workspace.models import Engagement, Person, Post
from workspace.permissions import Actor, visible_leader_ids

COLUMNS = ["leader", "posts", "impressions", "engagements", "engagement_rate"]


def engagement_by_leader(engine: Engine, actor: Actor) -> pd.DataFrame:
    """Per visible leader: posts with figures, impressions, engagements and engagement rate."""
    engagements = Engagement.reactions + Engagement.comments + Engagement.reposts + Engagement.clicks
    with unit_of_work(engine) as session:
        allowed = visible_leader_ids(session, actor)
        query = (
            select(
                Person.name,
                func.count(func.distinct(Post.id)),
                func.coalesce(func.sum(Engagement.impressions), 0),
                func.coalesce(func.sum(engagements), 0),
            )
            .join(Post, Post.leader_id == Person.id)
            .join(Engagement, Engagement.post_id == Post.id)
            .where(Person.id.in_(allowed))
            .group_by(Person.name)
            .order_by(Person.name)
        )
        rows = session.execute(query).all()
    frame = pd.DataFrame(rows, columns=COLUMNS[:4])
    frame["engagement_rate"] = (frame["engagements"] / frame["impressions"].where(frame["impressions"] > 0)).round(4)
    return frame
