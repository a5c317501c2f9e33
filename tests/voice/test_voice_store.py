"""Idempotent import into a real migrated SQLite database, permissions and no loss on failure."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select

from core.db import unit_of_work
from core.errors import PermissionDenied
from narratives.voice.importers import parse_plain_text, parse_shares_csv, parse_tweets
from narratives.voice.importers.types import ParsedImport, ParsedPost
from narratives.voice.store import import_posts, leader_post_texts
from tests.conftest import make_people
from tests.voice.test_voice_x_and_text_import import ARCHIVE
from workspace.models import Engagement, Post
from workspace.posts import list_posts


def _count(engine: Engine, model: type) -> int:
    with unit_of_work(engine) as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_linkedin_import_is_idempotent(sqlite_engine: Engine, linkedin_dir: Path) -> None:
    people = make_people(sqlite_engine)
    parsed = parse_shares_csv((linkedin_dir / "tests_fixtures_shares-parity.csv").read_bytes())
    first = import_posts(sqlite_engine, people["ada"], people["ada"].person_id, parsed)
    assert (first.added, first.already_present, first.rejected) == (4, 0, 2)
    again = import_posts(sqlite_engine, people["cora"], people["ada"].person_id, parsed)
    assert (again.added, again.already_present, again.rejected) == (0, 4, 2)
    assert _count(sqlite_engine, Post) == 4
    views = list_posts(sqlite_engine, people["ada"], leader_id=people["ada"].person_id)
    assert {view.status for view in views} == {"published"}
    assert 'He said "hi".\n\nNext "line" here.' in {view.text for view in views}
    assert _count(sqlite_engine, Engagement) == 4


def test_x_import_keeps_counts_and_excludes_retweets_from_voice(sqlite_engine: Engine) -> None:
    people = make_people(sqlite_engine)
    ada = people["ada"].person_id
    result = import_posts(sqlite_engine, people["ada"], ada, parse_tweets(ARCHIVE))
    assert (result.added, result.rejected) == (3, 2)
    with unit_of_work(sqlite_engine) as session:
        rows = session.execute(
            select(Post.url, Post.origin, Post.is_reshare, Engagement.reactions, Engagement.reposts)
            .join(Engagement, Engagement.post_id == Post.id)
            .order_by(Post.id)
        ).all()
    assert rows[0] == ("https://x.com/i/web/status/1626922779105759235", "x_import", False, 7, 2)
    texts = leader_post_texts(sqlite_engine, people["ada"], ada)
    assert len(texts) == 2 and not any(text.startswith("RT @") for text in texts)
    assert len(leader_post_texts(sqlite_engine, people["ada"], ada, include_reshares=True)) == 3


def test_paste_without_url_dedupes_by_text(sqlite_engine: Engine) -> None:
    people = make_people(sqlite_engine)
    ada = people["ada"].person_id
    parsed = parse_plain_text("One post.\n\nAnother   post.\n\nOne post.")
    assert import_posts(sqlite_engine, people["ada"], ada, parsed).added == 2
    again = import_posts(sqlite_engine, people["ada"], ada, parse_plain_text("another post.\n\nA third one."))
    assert (again.added, again.already_present) == (1, 1)


def test_leader_cannot_import_for_another_leader(sqlite_engine: Engine) -> None:
    people = make_people(sqlite_engine)
    parsed = parse_plain_text("Not mine to import.")
    with pytest.raises(PermissionDenied):
        import_posts(sqlite_engine, people["bo"], people["ada"].person_id, parsed)
    with pytest.raises(PermissionDenied):
        import_posts(sqlite_engine, people["cora"], people["bo"].person_id, parsed)
    with pytest.raises(PermissionDenied):
        leader_post_texts(sqlite_engine, people["bo"], people["ada"].person_id)
    assert _count(sqlite_engine, Post) == 0


def test_failure_rolls_back_and_keeps_earlier_imports(sqlite_engine: Engine) -> None:
    people = make_people(sqlite_engine)
    ada = people["ada"].person_id
    import_posts(sqlite_engine, people["ada"], ada, parse_plain_text("Kept from before."))
    bad = ParsedImport(
        source="paste",
        rejected=[],
        posts=[
            ParsedPost(text="Would be added.", channel="linkedin", origin="paste"),
            ParsedPost(text="Broken channel.", channel="fax", origin="paste"),  # type: ignore[arg-type]
        ],
    )
    with pytest.raises(Exception, match="Unknown channel"):
        import_posts(sqlite_engine, people["ada"], ada, bad)
    assert leader_post_texts(sqlite_engine, people["ada"], ada) == ["Kept from before."]


def test_url_owned_by_another_leader_is_rejected(sqlite_engine: Engine) -> None:
    people = make_people(sqlite_engine)
    post = ParsedPost(text="Shared link", channel="linkedin", origin="linkedin_import", url="https://l/1", row=2)
    import_posts(sqlite_engine, people["root"], people["ada"].person_id, ParsedImport("x", [post], []))
    result = import_posts(sqlite_engine, people["root"], people["bo"].person_id, ParsedImport("x", [post], []))
    assert result.added == 0 and result.rejected_rows[0].reason == "this URL is already stored for another leader"


def test_cli_import_twice_and_permission(sqlite_engine: Engine, linkedin_dir: Path) -> None:
    from typer.testing import CliRunner

    from app.cli import app

    people = make_people(sqlite_engine)
    shares = str(linkedin_dir / "tests_fixtures_shares-parity.csv")
    leader = str(people["ada"].person_id)
    first = CliRunner().invoke(app, ["voice", "import", "--leader", leader, shares])
    assert first.exit_code == 0, first.output
    assert "added 4, already present 0, rejected 2" in first.stdout
    again = CliRunner().invoke(app, ["voice", "import", "--leader", leader, shares])
    assert "added 0, already present 4, rejected 2" in again.stdout
    denied = CliRunner().invoke(app, ["voice", "import", "--leader", leader, "--as", "bo", shares])
    assert denied.exit_code == 1 and "may not" in denied.stderr
    bad = CliRunner().invoke(app, ["voice", "import", "--leader", leader, str(linkedin_dir / "LICENSE")])
    assert bad.exit_code == 1 and "unsupported file type" in bad.stderr
