"""Recall and false alarms of the lingo/pitch checks on a labelled set of posts (issue 18: recall >= 90% on corporate
lingo, soft pitches and hard sells together, false alarms <= 10% on authentic posts).

    .venv/bin/byline check --jsonl bench/data/pitch_dev.jsonl > /tmp/pred.jsonl
    .venv/bin/python bench/pitch_check.py --labels bench/data/pitch_dev.jsonl --predictions /tmp/pred.jsonl [--json]

Labels: one JSON line per post, {"text", "label"} with label authentic, lingo, soft_pitch or hard_sell.
Predictions: one JSON line per post in the same order, {"warn": bool, "findings": [{"check", "level", "message"}]}
(what `byline check --jsonl` prints). A post is flagged when `warn` is true. `--strict` exits 1 when a target is missed.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

LABELS = ("authentic", "lingo", "soft_pitch", "hard_sell")
SELLING = LABELS[1:]
TARGETS = {"recall": 0.9, "false_alarm_rate": 0.1}
SNIPPET = 90


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _snippet(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= SNIPPET else flat[: SNIPPET - 1] + "…"


def _share(hits: int, total: int) -> float | None:
    return round(hits / total, 3) if total else None


def evaluate(labelled: list[dict[str, Any]], predictions: list[dict[str, Any]]) -> dict[str, Any]:
    """Per-label flag rates, overall recall and false-alarm rate, and the posts behind each error."""
    if len(labelled) != len(predictions):
        raise ValueError(f"{len(labelled)} labelled posts but {len(predictions)} predictions; they must pair by line")
    unknown = sorted({str(item.get("label")) for item in labelled} - set(LABELS))
    if unknown:
        raise ValueError(f"unknown labels {unknown}; expected one of {', '.join(LABELS)}")
    per_label = {label: {"flagged": 0, "total": 0} for label in LABELS}
    misses, false_alarms = [], []
    for index, (item, prediction) in enumerate(zip(labelled, predictions, strict=True)):
        label, flagged = item["label"], bool(prediction.get("warn"))
        per_label[label]["total"] += 1
        per_label[label]["flagged"] += flagged
        findings = [f"{f.get('check')}: {f.get('message')}" for f in prediction.get("findings") or []]
        entry = {"line": index + 1, "label": label, "text": _snippet(str(item["text"])), "findings": findings}
        if label == "authentic" and flagged:
            false_alarms.append(entry)
        elif label != "authentic" and not flagged:
            misses.append(entry)
    for counts in per_label.values():
        counts["share"] = _share(counts["flagged"], counts["total"])
    selling = sum(per_label[label]["flagged"] for label in SELLING)
    selling_total = sum(per_label[label]["total"] for label in SELLING)
    recall = _share(selling, selling_total)
    false_alarm_rate = per_label["authentic"]["share"]
    met = {
        "recall": recall is not None and recall >= TARGETS["recall"],
        "false_alarm_rate": false_alarm_rate is not None and false_alarm_rate <= TARGETS["false_alarm_rate"],
    }
    return {
        "posts": len(labelled),
        "recall": recall,
        "false_alarm_rate": false_alarm_rate,
        "targets": TARGETS,
        "met": met,
        "per_label": per_label,
        "misses": misses,
        "false_alarms": false_alarms,
    }


def render(report: dict[str, Any]) -> str:
    lines = [f"{'label':<12} {'flagged':>9} {'share':>6}"]
    for label, counts in report["per_label"].items():
        share = "-" if counts["share"] is None else f"{counts['share']:.2f}"
        lines.append(f"{label:<12} {counts['flagged']:>4}/{counts['total']:<4} {share:>6}")
    for key, label, sign in (
        ("recall", "recall (lingo + pitch + hard sell)", ">="),
        ("false_alarm_rate", "false alarms", "<="),
    ):
        value = "-" if report[key] is None else f"{report[key]:.2f}"
        verdict = "met" if report["met"][key] else "MISSED"
        lines.append(f"{label}: {value} (target {sign} {report['targets'][key]:.2f}, {verdict})")
    lines.append(f"\nmisses ({len(report['misses'])}):")
    lines += [f"  line {m['line']} [{m['label']}] {m['text']}" for m in report["misses"]]
    lines.append(f"\nfalse alarms ({len(report['false_alarms'])}):")
    for alarm in report["false_alarms"]:
        lines.append(f"  line {alarm['line']} {alarm['text']}")
        lines += [f"      {finding}" for finding in alarm["findings"]]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--labels", type=Path, required=True, help="JSONL of {text, label}")
    parser.add_argument("--predictions", type=Path, required=True, help="JSONL of {warn, findings}, same order")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 when recall or false alarms miss the target")
    args = parser.parse_args(argv)
    try:
        report = evaluate(read_jsonl(args.labels), read_jsonl(args.predictions))
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(json.dumps(report, indent=2, ensure_ascii=False) if args.json else render(report))
    return 1 if args.strict and not all(report["met"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())
