"""The lingo, soft-pitch and hard-sell rules and `byline check --jsonl`, against the labelled posts in bench/data."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from sqlalchemy import Engine
from typer.testing import CliRunner

from app.cli import app
from bench.pitch_check import evaluate, read_jsonl
from narratives.drafting.checks.lingo import LingoRulesInvalid, check_lingo, load_rules
from tests.conftest import REPO_ROOT, make_people
from tests.drafting.conftest import add_past_posts

DEV_SET = REPO_ROOT / "bench" / "data" / "pitch_dev.jsonl"
HOLDOUT = REPO_ROOT / "bench" / "data" / "pitch_holdout.jsonl"


def run_check(path: Path, *extra: str) -> tuple[int, list[dict[str, object]]]:
    result = CliRunner().invoke(app, ["check", "--jsonl", str(path), *extra])
    return result.exit_code, [json.loads(line) for line in result.stdout.splitlines() if line.strip()]


@pytest.mark.parametrize("labels", [DEV_SET, HOLDOUT], ids=["dev", "holdout"])
def test_byline_check_meets_the_recall_and_false_alarm_targets(labels: Path) -> None:
    code, predictions = run_check(labels)
    report = evaluate(read_jsonl(labels), predictions)
    assert code == 0
    assert report["recall"] >= 0.9 and report["false_alarm_rate"] <= 0.1, report["misses"] + report["false_alarms"]


def test_every_warning_names_the_words_and_says_what_to_do() -> None:
    posts = [item["text"] for item in read_jsonl(DEV_SET) if item["label"] != "authentic"]
    for text in posts:
        warnings = [f for f in check_lingo(text) if f.level == "warn"]
        assert warnings, text
        for finding in warnings:
            label, quoted, advice = finding.message.split(": ", 2)
            assert label in {"Corporate lingo", "Soft pitch", "Hard sell"} and quoted.startswith("'")
            assert len(advice.split()) >= 6 and advice.endswith(".")


def test_quoted_words_are_someone_elses_and_one_weak_word_is_only_a_note() -> None:
    assert check_lingo('I asked the team to stop writing "synergy" and "leverage" in plans.')[0].level == "ok"
    single = check_lingo("We rebuilt the ingest path so it is robust to clock skew.")
    assert [(f.check, f.level) for f in single] == [("lingo", "info")]
    assert check_lingo("Each Modbus register is read once a second.")[0].level == "ok"


def test_a_bad_rules_file_is_refused_with_the_rule_named(tmp_path: Path) -> None:
    bad = tmp_path / "lingo.yaml"
    bad.write_text("rules:\n  - {name: broken, check: pitch, strength: strong, reason: why not, patterns: ['(']}\n")
    with pytest.raises(LingoRulesInvalid, match="broken"):
        load_rules(bad)
    bad.write_text("rules:\n  - {name: odd, check: tone, strength: strong, reason: why not}\n")
    with pytest.raises(LingoRulesInvalid, match="invalid"):
        load_rules(bad)


def test_check_reports_unreadable_lines_and_keeps_pairing(tmp_path: Path) -> None:
    source = tmp_path / "posts.jsonl"
    source.write_text('{"text": "Act now!"}\nnot json\n{"body": "no text key"}\n{"text": "We lost nothing."}\n')
    code, rows = run_check(source)
    assert code == 1 and len(rows) == 4
    assert rows[0]["warn"] is True and rows[3]["warn"] is False
    assert "line 2" in str(rows[1]["error"]) and "line 3" in str(rows[2]["error"])


def test_check_with_a_leader_adds_their_voice_score(sqlite_engine: Engine, tmp_path: Path) -> None:
    people = make_people(sqlite_engine)
    add_past_posts(sqlite_engine, people["root"], people["ada"], "tomas")
    source = tmp_path / "posts.jsonl"
    source.write_text(json.dumps({"text": "Your factory network will fail. Plan for it. Readings lost: zero."}) + "\n")
    code, rows = run_check(source, "--leader", "ada")
    assert code == 0 and 0 <= float(rows[0]["fidelity"]) <= 100  # type: ignore[arg-type]
    assert rows[0]["findings"][0]["check"] == "voice"  # type: ignore[index]
    code, _ = run_check(source, "--leader", "nobody")
    assert code == 1
