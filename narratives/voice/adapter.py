"""The voice side of drafting: one leader's voice card, exemplars and fidelity scorer, read from their texts
loaded once per user action (drafting depends on this adapter, never on voice internals)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from core.errors import ValidationFailed
from core.permissions import Actor
from narratives.voice.exemplars import similar_posts
from narratives.voice.habits import Habits, channel_posts, measure_habits, typical_posts
from narratives.voice.profile import build_profile
from narratives.voice.service import FidelityResult, fit_for_leader, score_against
from narratives.voice.store import VoiceTexts, load_voice_texts

Scorer = Callable[[str], FidelityResult]


@dataclass
class LeaderVoice:
    """What drafting asks of a leader's voice. The scorer is fitted on first use only."""

    leader_id: int
    texts: VoiceTexts
    _scorer: Scorer | None = field(default=None, repr=False)
    _fitted: bool = field(default=False, repr=False)

    def card(self) -> list[str]:
        try:
            return build_profile(self.texts.own).card()
        except ValidationFailed:
            return []

    def exemplars(self, topic: str, k: int) -> list[str]:
        """The past posts closest to the topic; when few share its words, the most recent ones fill up."""
        found = [item.text for item in similar_posts(self.texts.own, topic, k=k)]
        recent = [text for text in reversed(self.texts.own) if text not in found]
        return found + recent[: max(0, k - len(found))]

    def _posts(self) -> list[tuple[str, str]]:
        channels = self.texts.own_channels or ["linkedin"] * len(self.texts.own)
        return [(text, str(channel)) for text, channel in zip(self.texts.own, channels, strict=True)]

    def habits(self, channel: str) -> Habits | None:
        """Concrete habits on this channel (None with fewer than three past posts)."""
        return measure_habits(self._posts(), channel)

    def typical(self, channel: str, k: int) -> list[str]:
        """The k past posts on this channel closest to the leader's usual form (the same for every topic)."""
        return typical_posts(channel_posts(self._posts(), channel), k)

    def own_text(self) -> str:
        """Everything the leader has published, as one text (names in it are the leader's own world)."""
        return "\n".join(self.texts.own)

    def scorer(self) -> Scorer | None:
        """A fidelity scorer fitted on the leader's corpus, or None while they have too few past posts."""
        if not self._fitted:
            self._fitted = True
            try:
                model = fit_for_leader(self.texts.corpus, self.leader_id)
                profile = build_profile(self.texts.own)
            except ValidationFailed:
                return None
            self._scorer = lambda text: score_against(model, profile, str(self.leader_id), text)
        return self._scorer


class VoiceForDrafting:
    """VoiceSource for drafting: a LeaderVoice read inside the caller's unit of work, with its permissions."""

    def for_leader(self, session: Session, actor: Actor, leader_id: int) -> LeaderVoice:
        return LeaderVoice(leader_id, load_voice_texts(session, actor, leader_id))
