"""Voice profile features, the card, exemplar retrieval and the calibrated fidelity / attribution model."""

from __future__ import annotations

import json
import random
from pathlib import Path

import nltk
import numpy as np
import pytest
from typer.testing import CliRunner

from app.cli import app
from core.errors import ValidationFailed
from narratives.voice.deviations import deviations
from narratives.voice.eval import most_confused
from narratives.voice.exemplars import similar_posts
from narratives.voice.features import measure, outside_quotations
from narratives.voice.model import fit_voice_model
from narratives.voice.profile import build_profile
from tests.voice.corpus import formal, make_corpus


@pytest.fixture(autouse=True)
def no_downloads(monkeypatch: pytest.MonkeyPatch) -> None:
    """textstat/nltk must never try to download corpora at run time."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("a download was attempted")

    monkeypatch.setattr(nltk, "download", refuse)


def test_measure_counts_habits() -> None:
    stats = measure("Have you ever failed?\n\nI did. 🚀🚀\n\n- one\n- two\n\nWhat do you think? #leadership")
    assert stats.opening == "question" and stats.closes_with_question and stats.closes_with_call_to_comment
    assert (stats.emoji, stats.hashtags, stats.list_lines) == (2, 1, 2)
    assert stats.pronoun_you > 0 and stats.reading_grade is not None


def test_profile_and_card_describe_each_voice() -> None:
    corpus = make_corpus()
    punchy = build_profile(corpus["punchy"])
    formal = build_profile(corpus["formal"])
    assert punchy.openings["question"] == 1.0 and punchy.closes_with_question == 1.0 and punchy.emoji_share == 1.0
    assert formal.emoji_share == 0.0 and formal.list_share == 1.0 and formal.pronouns["we"] > formal.pronouns["i"]
    assert punchy.words_per_sentence < 8 < formal.words_per_sentence
    card = punchy.card()
    assert card[0].startswith("Short punchy lines (avg")
    assert "Opens with a question in 100% of posts" in card and "Signs off with a question in 100% of posts" in card
    assert "Usually uses emoji (100% of posts)" in card
    assert "Never uses emoji" in formal.card()
    assert any(line.startswith("Asks readers to comment") for line in formal.card())
    assert list(punchy.lengths.columns) == ["post", "words", "words_per_sentence"] and len(punchy.lengths) == 12
    assert "small steps" in " ".join(build_profile(corpus["punchy"] * 2).signature_phrases) or punchy.topics


def test_profile_needs_three_posts() -> None:
    with pytest.raises(ValidationFailed, match="at least 3"):
        build_profile(["one", "two"])


def test_deviations_name_the_differences() -> None:
    profile = build_profile(make_corpus()["punchy"])
    corporate = (
        "Leveraging our synergy, we are delighted to announce a comprehensive strategic realignment of "
        "our go-to-market organisation, which will enable stakeholders to maximise shareholder value."
    )
    reasons = deviations(corporate, profile)
    assert any("longer sentences than usual" in reason for reason in reasons)
    assert any("which you never do" in reason and "synergy" in reason for reason in reasons)
    assert any("no emoji" in reason for reason in deviations(corporate, profile, limit=10))


def test_fidelity_own_held_back_posts_score_higher_than_others() -> None:
    corpus = make_corpus(per_author=14)
    train = {author: texts[:10] for author, texts in corpus.items()}
    held = {author: texts[10:] for author, texts in corpus.items()}
    model = fit_voice_model(train)
    for author in corpus:
        own = model.fidelities(held[author], author)
        others = np.concatenate([model.fidelities(held[o], author) for o in corpus if o != author])
        assert own.min() > others.max(), author
        assert own.mean() >= 70 and others.mean() <= 30
        assert all(0 <= value <= 100 for value in [*own, *others])
        assert [model.attribute(text) for text in held[author]] == [author] * len(held[author])


def test_outside_quotations_sets_aside_quoted_words_only() -> None:
    text = 'She said "we will win" and “that is that”.\nA "quote left open\non the next line" stays.'
    assert outside_quotations(text) == 'She said " Q " and " Q ".\nA "quote left open\non the next line" stays.'
    assert outside_quotations("No quotations here.") == "No quotations here."


def test_quoting_someone_else_leaves_the_writers_voice_intact() -> None:
    corpus = make_corpus(per_author=14)
    model = fit_voice_model({author: texts[:10] for author, texts in corpus.items()}, calibrate=False)
    rng = random.Random(3)
    for post in corpus["storyteller"][10:]:
        first, second = (formal(rng, topic).split("\n")[0] for topic in ("hiring", "budgets"))
        quoting = f'{post}\nOur CEO put it this way: "{first}"\nAnd the board agreed: "{second}"'
        plain, quoted = (dict(model.rank(text)) for text in (post, quoting))
        margin = plain["storyteller"] - plain["formal"]
        assert quoted["storyteller"] - quoted["formal"] > 0.8 * margin > 0


def test_single_author_model_still_scores() -> None:
    corpus = make_corpus(per_author=10)
    model = fit_voice_model({"punchy": corpus["punchy"][:8]})
    own = model.fidelities(corpus["punchy"][8:], "punchy")
    other = model.fidelities(corpus["formal"][:3], "punchy")
    assert own.min() > other.max()
    with pytest.raises(ValidationFailed):
        model.fidelity("text", "nobody")


def test_exemplars_tfidf_and_embedder() -> None:
    posts = ["Hiring for curiosity beats hiring for titles.", "Pricing is a product decision.", "We shipped it."]
    assert similar_posts(posts, "how we think about hiring", k=1)[0].index == 0
    assert similar_posts(posts, "", k=2) == []

    def embed(texts: list[str]) -> list[list[float]]:
        return [[1.0, 0.0] if "pric" in text.lower() else [0.0, 1.0] for text in texts]

    assert similar_posts(posts, "pricing", k=1, embed=embed)[0].index == 1


def test_eval_cli_on_a_small_generated_corpus(tmp_path: Path) -> None:
    corpus = make_corpus(per_author=12)
    path = tmp_path / "tiny.jsonl"
    with path.open("w") as handle:
        for author, texts in corpus.items():
            for i, text in enumerate(texts):
                handle.write(json.dumps({"author": author, "split": "train" if i < 8 else "test", "text": text}) + "\n")
    result = CliRunner().invoke(app, ["voice", "eval", "--corpus", str(path)])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["authors"] == 3 and report["voice_model"]["top1"] == 1.0
    assert set(report["baseline_tfidf_word_centroid"]) == {"top1", "top3"}
    assert report["voice_model_confusions"] == []
    assert "Tagging sentence structure" in result.stderr


def test_most_confused_counts_misattributions_by_pair() -> None:
    scores = np.array([[0.9, 0.1, 0.0], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.0, 0.9, 0.1], [0.6, 0.3, 0.1]])
    truth = ["ann", "ann", "cy", "cy", "bo"]
    assert most_confused(scores, ["ann", "bo", "cy"], truth) == [
        {"author": "cy", "taken_for": "bo", "texts": 2},
        {"author": "ann", "taken_for": "bo", "texts": 1},
        {"author": "bo", "taken_for": "ann", "texts": 1},
    ]
