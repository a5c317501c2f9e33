"""Optimistic locking under real concurrency, on SQLite and PostgreSQL: two threads save on the same base version
at the same moment (both have read the post before either writes); exactly one wins, the other gets the conflict
message and its text is kept. Revision numbers are unique per post and per narrative."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any

import pytest
from sqlalchemy import Engine, event, text
from sqlalchemy.exc import IntegrityError

from core.errors import EditConflict
from core.permissions import Actor
from narratives.brand.service import get_narrative, narrative_history, save_narrative
from workspace import posts
from workspace.revisions import history

ROUNDS = 3


@contextmanager
def writes_meet_at(engine: Engine, table: str, parties: int = 2) -> Iterator[None]:
    """Hold each thread's first `UPDATE <table>` until every thread has reached its own: all have read by then."""
    barrier = threading.Barrier(parties, timeout=20)
    waited = threading.local()

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        if statement.lstrip().upper().startswith(f"UPDATE {table.upper()} SET") and not getattr(waited, "done", 0):
            waited.done = 1
            barrier.wait()

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield
    finally:
        event.remove(engine, "before_cursor_execute", before)


def race(calls: list[Callable[[], object]]) -> list[object]:
    """Run the calls on their own threads at once; each result is a return value or the exception raised."""
    results: list[object] = [None] * len(calls)

    def run(index: int) -> None:
        try:
            results[index] = calls[index]()
        except Exception as exc:  # the test inspects what each thread got
            results[index] = exc

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(calls))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return results


def test_two_saves_on_one_version_exactly_one_wins(engine: Engine, people: dict[str, Actor]) -> None:
    ada, root = people["ada"], people["root"]
    for round_number in range(ROUNDS):
        post = posts.create_post(engine, ada, ada.person_id, text=f"Round {round_number}.")
        texts = {ada.person_id: f"Ada's edit {round_number}.", root.person_id: f"Root's edit {round_number}."}
        with writes_meet_at(engine, "posts"):
            results = race(
                [
                    partial(posts.save_text, engine, who, post.id, texts[who.person_id], base_version=1)
                    for who in (ada, root)
                ]
            )
        conflicts = [r for r in results if isinstance(r, EditConflict)]
        winners = [r for r in results if isinstance(r, posts.PostView)]
        assert len(winners) == 1 and len(conflicts) == 1, results
        assert "newer version" in str(conflicts[0]) and conflicts[0].current_text == winners[0].text
        stored = history(engine, ada, post.id)
        assert [r.number for r in stored if not r.conflicted] == [1, 2]
        kept = [r for r in stored if r.conflicted]
        assert [r.text for r in kept] == [conflicts[0].your_text]
        assert posts.get_post(engine, ada, post.id).version == 2


def test_two_narrative_saves_on_one_version_exactly_one_wins(engine: Engine, people: dict[str, Actor]) -> None:
    ada, cora = people["ada"], people["cora"]
    base = save_narrative(engine, ada, ada.person_id, {"positioning": "Start."}, base_version=0)
    for round_number in range(ROUNDS):
        version = base.version + round_number
        with writes_meet_at(engine, "narratives"):
            results = race(
                [
                    partial(
                        save_narrative,
                        engine,
                        who,
                        ada.person_id,
                        {"positioning": f"{who.name} {round_number}"},
                        base_version=version,
                    )
                    for who in (ada, cora)
                ]
            )
        conflicts = [r for r in results if isinstance(r, EditConflict)]
        assert len(conflicts) == 1 and len([r for r in results if not isinstance(r, Exception)]) == 1, results
        assert "newer version" in str(conflicts[0])
        assert get_narrative(engine, ada, ada.person_id).version == version + 1
    numbered = [v.number for v in narrative_history(engine, ada, ada.person_id) if v.number is not None]
    assert sorted(numbered) == list(range(1, ROUNDS + 2))
    assert len([v for v in narrative_history(engine, ada, ada.person_id) if v.conflicted]) == ROUNDS


def test_a_revision_number_is_stored_once_per_post(engine: Engine, people: dict[str, Actor]) -> None:
    ada = people["ada"]
    post = posts.create_post(engine, ada, ada.person_id, text="Only once.")
    insert = text(
        "INSERT INTO post_revisions (post_id, number, text, note, conflicted, suggestion, decision, created_at) "
        "VALUES (:post, 1, 'again', '', false, false, '', CURRENT_TIMESTAMP)"
    )
    with pytest.raises(IntegrityError), engine.begin() as connection:
        connection.execute(insert, {"post": post.id})
    assert posts.get_post(engine, ada, post.id).text == "Only once."
