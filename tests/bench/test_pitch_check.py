"""The pitch-check report (bench/pitch_check.py) on a tiny hand-made labels and predictions pair, and the dev set."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bench import pitch_check

DEV_SET = Path(__file__).resolve().parents[2] / "bench" / "data" / "pitch_dev.jsonl"
LABELLED = [
    {"text": "We lost a week to a clock bug. Here is what we learned.", "label": "authentic"},
    {"text": "I banned the word synergy. Nobody could say what it meant in kWh.", "label": "authentic"},
    {"text": "Unlocking synergies across the value chain.", "label": "lingo"},
    {"text": "Peakguard fixes that. Drop me a DM.", "label": "soft_pitch"},
    {"text": "Check out our latest product launch. <link>", "label": "soft_pitch"},
    {"text": "30% off, this week only. Sign up today.", "label": "hard_sell"},
]
FINDING = {"check": "lingo", "level": "warn", "message": "Corporate lingo: 'synergy'; say it plainly."}
PREDICTIONS = [
    {"warn": False, "findings": []},
    {"warn": True, "findings": [FINDING]},
    {"warn": True, "findings": [FINDING]},
    {"warn": True, "findings": [{"check": "pitch", "level": "warn", "message": "Pitch: 'drop me a dm'."}]},
    {"warn": False, "findings": []},
    {"warn": True, "findings": [{"check": "hard_sell", "level": "warn", "message": "Hard sell: 'sign up today'."}]},
]


def write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def test_recall_false_alarms_and_the_posts_behind_them() -> None:
    report = pitch_check.evaluate(LABELLED, PREDICTIONS)
    assert report["recall"] == 0.75 and report["false_alarm_rate"] == 0.5
    assert report["met"] == {"recall": False, "false_alarm_rate": False}
    assert report["per_label"]["soft_pitch"] == {"flagged": 1, "total": 2, "share": 0.5}
    assert report["per_label"]["lingo"] == {"flagged": 1, "total": 1, "share": 1.0}
    assert [(m["line"], m["label"]) for m in report["misses"]] == [(5, "soft_pitch")]
    assert [(a["line"], a["findings"]) for a in report["false_alarms"]] == [
        (2, ["lingo: Corporate lingo: 'synergy'; say it plainly."])
    ]


def test_all_targets_met_when_every_selling_post_and_no_authentic_post_is_flagged() -> None:
    perfect = [{"warn": item["label"] != "authentic", "findings": []} for item in LABELLED]
    report = pitch_check.evaluate(LABELLED, perfect)
    assert (report["recall"], report["false_alarm_rate"], report["misses"]) == (1.0, 0.0, [])
    assert all(report["met"].values())


def test_cli_table_json_strict_and_a_length_mismatch(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    labels = write_jsonl(tmp_path / "labels.jsonl", LABELLED)
    predictions = write_jsonl(tmp_path / "pred.jsonl", PREDICTIONS)
    assert pitch_check.main(["--labels", str(labels), "--predictions", str(predictions)]) == 0
    table = capsys.readouterr().out
    assert "recall (lingo + pitch + hard sell): 0.75 (target >= 0.90, MISSED)" in table
    assert "line 5 [soft_pitch] Check out our latest product launch." in table
    assert pitch_check.main(["--labels", str(labels), "--predictions", str(predictions), "--json", "--strict"]) == 1
    assert json.loads(capsys.readouterr().out)["posts"] == 6
    short = write_jsonl(tmp_path / "short.jsonl", PREDICTIONS[:-1])
    assert pitch_check.main(["--labels", str(labels), "--predictions", str(short)]) == 2
    assert "6 labelled posts but 5 predictions" in capsys.readouterr().err


def test_the_dev_set_has_at_least_sixteen_distinct_posts_per_label() -> None:
    rows = pitch_check.read_jsonl(DEV_SET)
    assert len(rows) >= 64 and len({row["text"] for row in rows}) == len(rows)
    for label in pitch_check.LABELS:
        assert sum(row["label"] == label for row in rows) >= 16
    assert all(set(row) == {"text", "label"} and row["text"].strip() for row in rows)
