"""The draft checks on their own: channel rules and X threads, corporate lingo, grounding, echo chamber."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import Engine

from narratives.drafting.checks.channel import X_MAX, check_channel, split_thread, x_length
from narratives.drafting.checks.echo import check_echo, nearby_posts
from narratives.drafting.checks.grounding import check_grounding
from narratives.drafting.checks.lingo import check_lingo
from tests.conftest import make_people
from workspace import posts
from workspace.models import PostStatus

PASSAGE = "The PE3 gateway buffered 72 hours of readings at Harrowgate Plastics; 23 sites lost zero readings."
ECHOED = (
    "Edge gateways must buffer every reading locally when the plant network fails, then backfill "
    "in order once the link returns, so no data is ever lost."
)


def test_x_posts_over_280_characters_become_a_numbered_thread() -> None:
    long_text = " ".join(f"Sentence number {i} about buffering readings at the edge." for i in range(20))
    thread = split_thread(long_text)
    assert len(thread) > 1 and all(x_length(tweet) <= X_MAX for tweet in thread)
    assert thread[0].endswith(f"(1/{len(thread)})") and thread[-1].endswith(f"({len(thread)}/{len(thread)})")
    findings, shown = check_channel(long_text, "x")
    assert shown == thread and any("thread" in f.message for f in findings)
    assert split_thread("Short post.") == ["Short post."]


def test_linkedin_length_hashtags_and_links() -> None:
    findings, thread = check_channel("a" * 3_001 + " #one #two #three #four #five #six https://x.example/y", "linkedin")
    messages = " ".join(f.message for f in findings)
    assert "LinkedIn allows 3,000" in messages and "6 hashtags" in messages and "first comment" in messages
    assert thread == []
    assert check_channel("A plain post.", "linkedin")[0][0].level == "ok"


def test_lingo_pitch_and_hard_sell_are_flagged_from_the_rules() -> None:
    text = "We leverage synergies. Request a demo of our platform today. Act now, limited time!"
    findings = {f.check: f for f in check_lingo(text)}
    assert set(findings) == {"lingo", "pitch", "hard_sell"} and all(f.level == "warn" for f in findings.values())
    assert "'leverage'" in findings["lingo"].message and "'synergies'" in findings["lingo"].message
    assert "Request a demo" in findings["pitch"].message and "'Act now'" in findings["hard_sell"].message
    assert check_lingo("Our network failed and we lost nothing.")[0].level == "ok"


def test_grounding_flags_numbers_names_and_claims_missing_from_the_passages() -> None:
    text = (
        "The PE3 kept 72 hours of readings [S1]. Tidewell Paper cut downtime by 40% [S1]. "
        "This is the fastest gateway ever built and it doubled revenue everywhere [S7]."
    )
    messages = " ".join(f.message for f in check_grounding(text, [PASSAGE], ["S1"], ["Ada Lovelace"]))
    assert "40" in messages and "Tidewell Paper" in messages and "fastest gateway" in messages and "S7" in messages
    assert "72" not in messages.split("Numbers not in any cited passage:")[-1].split("Names")[0]
    grounded = check_grounding("At Harrowgate Plastics the PE3 buffered 72 hours [S1].", [PASSAGE], ["S1"])
    assert grounded[0].level == "ok"


def test_echo_names_the_other_leader_within_seven_days_only(sqlite_engine: Engine) -> None:
    team = make_people(sqlite_engine)
    ada, bo = team["ada"], team["bo"]
    soon = datetime.now(UTC) + timedelta(days=3)
    posts.create_post(
        sqlite_engine,
        bo,
        bo.person_id,
        text=ECHOED,
        title="Buffer at the edge",
        status=PostStatus.SCHEDULED,
        scheduled_at=soon,
    )
    posts.create_post(
        sqlite_engine,
        bo,
        bo.person_id,
        text=ECHOED,
        title="Old one",
        status=PostStatus.SCHEDULED,
        scheduled_at=soon + timedelta(days=30),
    )
    posts.create_post(sqlite_engine, ada, ada.person_id, text=ECHOED, title="Ada's own")
    others = nearby_posts(sqlite_engine, ada.person_id, datetime.now(UTC), visible=frozenset({bo.person_id}))
    assert [o.title for o in others] == ["Buffer at the edge"]
    findings = check_echo("Edge gateways must buffer every reading locally when the network fails.", others)
    assert findings[0].level == "warn" and "Bo's post" in findings[0].message
    assert check_echo("Quarterly hiring plans for the design team.", others)[0].level == "ok"


def test_a_thread_keeps_paragraphs_whole_where_they_fit() -> None:
    paragraphs = [
        f"{i}. Point number {i} about reading serial buses gently and leaving plants in charge." * 2 for i in (1, 2, 3)
    ]
    thread = split_thread("\n\n".join(paragraphs))
    assert len(thread) == 3 and all(x_length(tweet) <= X_MAX for tweet in thread)
    assert [tweet.split(". ")[0] for tweet in thread] == ["1", "2", "3"]
