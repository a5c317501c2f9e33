"""Sentence-structure features: the pinned tagger, the two views and the vectorizer."""

from __future__ import annotations

import pytest
from sklearn.base import clone

from core.errors import ValidationFailed
from narratives.voice import syntax
from narratives.voice.syntax import SyntaxVectorizer, model_path, syntax_views


def test_views_keep_structure_and_drop_topic() -> None:
    finance, sport = syntax_views(["The bank raised its rate on Tuesday.", "The team won its match on Sunday."])
    assert finance == sport
    tags, skeleton = finance
    assert tags.split() == ["DT", "NN", "VBD", "PRP$", "NN", "IN", "NNP", "."]
    assert skeleton.split() == ["the", "NN", "VBD", "its", "NN", "on", "NNP", "."]


def test_views_tell_a_question_from_a_statement() -> None:
    (question_tags, _), (statement_tags, _) = syntax_views(["Why did you stop?", "You stopped."])
    assert question_tags.split()[0] == "WRB"
    assert question_tags != statement_tags


def test_empty_and_whitespace_texts_have_empty_views() -> None:
    assert syntax_views(["", "  \n "]) == [("", ""), ("", "")]


def test_model_files_are_checked_against_pinned_checksums(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (model_path() / "tagger" / "model").is_file()
    monkeypatch.setitem(syntax.MODEL_SHA256, "tagger/model", "0" * 64)
    with pytest.raises(ValidationFailed, match="pinned checksum"):
        model_path()


def test_missing_model_package_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(syntax, "MODEL_PACKAGE", "no_such_tagger_package")
    with pytest.raises(ValidationFailed, match="not installed"):
        model_path()


def test_vectorizer_fits_both_views_and_survives_cloning() -> None:
    texts = [
        "We shipped the release today. It was late, but it works.",
        "Why do teams ship late? Because nobody owns the deadline.",
        "I asked three customers what they wanted. All three said the same thing.",
    ]
    vectorizer = SyntaxVectorizer(min_df=1)
    matrix = vectorizer.fit_transform(texts)
    assert matrix.shape[0] == 3
    assert matrix.shape[1] == len(vectorizer.tags_.vocabulary_) + len(vectorizer.skeleton_.vocabulary_)
    assert "WRB VBP NNS" in vectorizer.tags_.vocabulary_
    fresh = clone(vectorizer).fit(texts)
    assert (fresh.transform(["A new post about nothing in particular."]) != 0).nnz > 0


def test_progress_counts_each_new_text_once_and_cached_texts_not_at_all() -> None:
    texts = [f"Post number {i} says something new about batch {i % 7}." for i in range(150)]
    seen: list[int] = []
    views = syntax_views([*texts, texts[0]], progress=seen.append)
    assert sum(seen) == 150 and len(seen) == 3
    assert views[0] == views[-1]
    again: list[int] = []
    assert syntax_views(texts, progress=again.append) == views[:-1]
    assert again == []


def test_quoted_words_stay_out_of_the_views() -> None:
    first, second = syntax_views(
        ['She said "rates will rise sharply next year" on Tuesday.', 'She said "no" on Tuesday.']
    )
    assert first == second
    assert "rise" not in first[1] and "VBD" in first[0]
