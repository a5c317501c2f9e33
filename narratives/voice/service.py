"""Voice services the page and the CLI call: profile, fidelity score with reasons, exemplars."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine

from core.errors import ValidationFailed
from core.permissions import Actor
from narratives.voice.deviations import deviations
from narratives.voice.exemplars import Embedder, Exemplar, similar_posts
from narratives.voice.model import ModelConfig, VoiceModel, fit_voice_model
from narratives.voice.profile import MIN_POSTS, VoiceProfile, build_profile
from narratives.voice.store import leader_post_texts, voice_corpus

MIN_CONTRAST_POSTS = 3
MODEL_CACHE_SIZE = 8
_MODELS: dict[str, VoiceModel] = {}


@dataclass(frozen=True)
class FidelityResult:
    """How much a text sounds like the leader (0-100) and the main reasons it does not."""

    score: float
    reasons: list[str]


def score_against(model: VoiceModel, profile: VoiceProfile, author: str, text: str) -> FidelityResult:
    """Score a text with a fitted model and explain the deviations from the profile."""
    if not text.strip():
        raise ValidationFailed("Enter some text to score.")
    return FidelityResult(score=model.fidelity(text, author), reasons=deviations(text, profile))


def fit_for_leader(corpus: dict[int, list[str]], leader_id: int, config: ModelConfig | None = None) -> VoiceModel:
    """A calibrated model for one leader; other leaders with enough posts are the contrast set.

    Fitted models are kept in a small in-process cache keyed by the exact texts, so scoring several
    drafts in a row does not refit; any new or edited post changes the key.
    """
    own = corpus.get(leader_id, [])
    if len(own) < MIN_POSTS:
        raise ValidationFailed(f"Import at least {MIN_POSTS} past posts before scoring; this leader has {len(own)}.")
    usable = {str(key): texts for key, texts in corpus.items() if key == leader_id or len(texts) >= MIN_CONTRAST_POSTS}
    key = _corpus_key(usable, config)
    if key not in _MODELS:
        if len(_MODELS) >= MODEL_CACHE_SIZE:
            _MODELS.pop(next(iter(_MODELS)))
        _MODELS[key] = fit_voice_model(usable, config)
    return _MODELS[key]


def _corpus_key(corpus: dict[str, list[str]], config: ModelConfig | None) -> str:
    digest = hashlib.sha256(repr(config).encode())
    for author in sorted(corpus):
        digest.update(author.encode() + b"\0" + "\0".join(corpus[author]).encode() + b"\1")
    return digest.hexdigest()


def leader_profile(engine: Engine, actor: Actor, leader_id: int) -> VoiceProfile:
    return build_profile(leader_post_texts(engine, actor, leader_id))


def score_text(engine: Engine, actor: Actor, leader_id: int, text: str) -> FidelityResult:
    """Voice-fidelity score of any text against a leader, with the top deviations."""
    if not text.strip():
        raise ValidationFailed("Enter some text to score.")
    corpus = voice_corpus(engine, actor, leader_id)
    model = fit_for_leader(corpus, leader_id)
    return score_against(model, build_profile(corpus[leader_id]), str(leader_id), text)


def leader_exemplars(
    engine: Engine, actor: Actor, leader_id: int, topic: str, k: int = 3, embed: Embedder | None = None
) -> list[Exemplar]:
    """The leader's past posts most similar to a topic."""
    posts: Sequence[str] = leader_post_texts(engine, actor, leader_id)
    return similar_posts(posts, topic, k=k, embed=embed)
