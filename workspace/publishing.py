"""Publishing stays manual: Byline hands over the final text (links tagged with UTM parameters) and a link to the
network's own compose page; the leader posts it and pastes the post's URL back, which marks it published."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import quote, urlparse

from sqlalchemy import Engine, func, select

from core.db import unit_of_work
from core.errors import ValidationFailed
from core.permissions import Actor
from workspace import workflow
from workspace.engagement.utm import tag_links_in_text
from workspace.models import Channel, Engagement, Post
from workspace.posts import PostView, current_text, load_visible_post
from workspace.workflow import Move

COMPOSE_PAGES = {
    Channel.LINKEDIN: "https://www.linkedin.com/feed/?shareActive=true&text={text}",
    Channel.X: "https://x.com/intent/tweet?text={text}",
}
NETWORK_NAMES = {Channel.LINKEDIN: "LinkedIn", Channel.X: "X"}


@dataclass(frozen=True)
class PostFigures:
    """A published post's figures, as Analytics counts them (the source with the most impressions)."""

    source: str
    impressions: int
    engagements: int

    @property
    def label(self) -> str:
        rate = f" ({self.engagements / self.impressions:.1%})" if self.impressions else ""
        return f"{self.impressions:,} impressions, {self.engagements:,} engagements{rate} · from {self.source}"


@dataclass(frozen=True)
class PublishKit:
    """What the leader needs to post it themselves."""

    text: str
    compose_url: str
    network: str


def campaign_of(pillar: str) -> str:
    """The UTM campaign for a post: its pillar as a slug (or `byline` without one)."""
    slug = re.sub(r"[^a-z0-9]+", "-", pillar.lower()).strip("-")
    return slug[:60] or "byline"


def compose_url(channel: str, text: str) -> str:
    return COMPOSE_PAGES[Channel(channel)].format(text=quote(text, safe=""))


def publish_kit(engine: Engine, actor: Actor, post_id: int) -> PublishKit:
    """The final text with every link tagged (source = network, medium = social, campaign = pillar, content = post)."""
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        text = current_text(post)
        if not text.strip():
            raise ValidationFailed("This post has no text to publish yet.")
        tagged = tag_links_in_text(text, post_id=post.id, source=post.channel, campaign=campaign_of(post.pillar))
        return PublishKit(tagged, compose_url(post.channel, tagged), NETWORK_NAMES[Channel(post.channel)])


def check_post_url(url: str) -> str:
    """The cleaned link of a published post, or ValidationFailed."""
    cleaned = url.strip()
    parts = urlparse(cleaned)
    if parts.scheme not in ("http", "https") or not parts.netloc or len(cleaned) > 500:
        raise ValidationFailed("Paste the full link of the published post (starting with https://).")
    return cleaned


def mark_published(
    engine: Engine, actor: Actor, post_id: int, url: str, published_at: datetime | None = None
) -> PostView:
    """The leader (or an admin) posted it on the network themselves: record the URL and time. Byline never posts.
    From then on its text counts as one of the leader's past posts."""
    link = check_post_url(url)
    with unit_of_work(engine) as session:
        post = load_visible_post(session, actor, post_id)
        workflow.check_move(session, actor, post, Move.PUBLISH)
        if not current_text(post).strip():
            raise ValidationFailed("This post has no text to publish.")
        if session.scalar(select(Post.id).where(Post.url == link, Post.id != post.id)) is not None:
            raise ValidationFailed("Another post already has this URL.")
        moment = published_at or datetime.now(UTC)
        post.url = link
        post.published_at = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        workflow.apply_move(session, actor, post, Move.PUBLISH, url=link)
        session.flush()
        return PostView.of(post)


def post_figures(engine: Engine, actor: Actor, post_id: int) -> PostFigures | None:
    """The post's measured figures (None until an export or a hand entry brings some)."""
    engaged = func.sum(Engagement.reactions + Engagement.comments + Engagement.reposts + Engagement.clicks)
    query = (
        select(Engagement.source, func.sum(Engagement.impressions), engaged)
        .where(Engagement.post_id == post_id)
        .group_by(Engagement.source)
    )
    with unit_of_work(engine) as session:
        load_visible_post(session, actor, post_id)
        rows = [
            PostFigures(source, int(shown or 0), int(acted or 0)) for source, shown, acted in session.execute(query)
        ]
    measured = [row for row in rows if row.impressions > 0]
    return max(measured, key=lambda row: row.impressions) if measured else None
