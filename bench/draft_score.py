"""Score the output of `byline draft eval` against the issue 18 targets, independently of Byline's own checks.

    .venv/bin/python bench/draft_score.py RESULT.json --briefs bench/briefs/dev.jsonl [--json]

RESULT.json is `{"model", "drafts": [{"brief", "leader", "variant", "text", "thread", "ttft_s", "total_s",
"passages": [{"label", "doc", "title", "visibility", "text"}], "checks"}]}`; `brief` is the 0-based line number of
the brief in the briefs file (blank lines skipped). Per draft: numbers grounded in the passages given, no repeated
sentence or 8-word run, length, no heading/banner lines and at most 3 hashtags ("clean" = all four), the brief's
`source` document among the passages (briefs with a source only), attribution to the intended leader by a
topic-masked style classifier trained on the demo leaders' past posts (its cross-validated accuracy on those posts
is reported too), and no passage from another leader's private notes. Text rules: bench/scoring.py.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import scoring
from bench.style_model import StyleModel, cross_validated_accuracy, load_demo_posts

KB_DIR = Path(__file__).resolve().parent.parent / "workspace" / "demo_data" / "kb"
CLEAN_PARTS = ("numbers", "repeats", "length", "format")
CRITERIA: dict[str, tuple[str, float | None]] = {
    "clean": ("clean on every count below", 0.9),
    "numbers": ("every number appears in the passages given", None),
    "repeats": ("no repeated sentence or 8-word run", None),
    "length": ("length 0.5-1.5x target words (X: each post <= 280 chars)", None),
    "format": ("no heading/banner lines, at most 3 hashtags", None),
    "source": ("the brief's source document among the passages", 0.9),
    "voice": ("attributed to the intended leader (style classifier)", 0.8),
    "private": ("no passage from another leader's private notes", 1.0),
}
TIME_TARGETS = {"median_ttft_s": 5.0, "median_total_s": 30.0}

Outcome = tuple[bool | None, str]  # passed (None: does not apply) and the reason when it did not pass


@dataclass
class DraftScore:
    brief: int
    leader: str
    channel: str
    length: str
    variant: object
    results: dict[str, Outcome] = field(default_factory=dict)


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def kb_titles(kb_dir: Path = KB_DIR) -> dict[str, str]:
    """Demo document file name -> title from its front matter, so a source also matches a passage by title."""
    titles = {}
    for path in sorted(kb_dir.glob("*.md")):
        parts = path.read_text(encoding="utf-8").split("---", 2)
        meta = yaml.safe_load(parts[1]) if len(parts) == 3 else {}
        titles[path.name] = str((meta or {}).get("title", ""))
    return titles


def draft_posts(draft: dict[str, Any]) -> list[str]:
    """The posts a draft consists of: the X thread when there is one, else the text."""
    thread = [str(p) for p in draft.get("thread") or [] if str(p).strip()]
    return thread or [str(draft.get("text") or "")]


def _doc_key(name: str) -> str:
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip().lower()
    return base.removesuffix(".md")


def source_among(source: str, passages: Iterable[dict[str, object]], title: str | None = None) -> bool:
    """Is the brief's source document among the passages (by file name, or by its title when known)?"""
    key, wanted_title = _doc_key(source), (title or "").strip().lower()
    for passage in passages:
        if _doc_key(str(passage.get("doc", ""))) == key:
            return True
        if wanted_title and str(passage.get("title", "")).strip().lower() == wanted_title:
            return True
    return False


def foreign_private(passages: Iterable[dict[str, object]], leader: str) -> list[str]:
    """Documents among the passages that are private to someone other than `leader`."""
    found: dict[str, None] = {}
    for passage in passages:
        visibility = str(passage.get("visibility", ""))
        if visibility.startswith("private:") and visibility.removeprefix("private:") != leader:
            found[f"{passage.get('doc') or passage.get('title')} ({visibility})"] = None
    return list(found)


def _short(text: str, words: int = 12) -> str:
    parts = text.split()
    return " ".join(parts[:words]) + (" …" if len(parts) > words else "")


def _format_problem(posts: list[str]) -> str | None:
    banners = [f"{reason}: {line!r}" for post in posts for line, reason in scoring.banner_lines(post)]
    tags = [tag for post in posts for tag in scoring.hashtags(post)]
    if len(tags) > scoring.MAX_HASHTAGS:
        banners.append(f"{len(tags)} hashtags ({' '.join(tags)})")
    return "; ".join(banners) or None


def _clean_results(draft: dict[str, Any], brief: dict[str, Any]) -> dict[str, Outcome]:
    posts = draft_posts(draft)
    whole = "\n\n".join(posts)
    passages = [str(p.get("text", "")) for p in draft.get("passages") or []]
    ungrounded = scoring.ungrounded_numbers(whole, passages)
    repeats = [f"sentence {s!r}" for s in scoring.repeated_sentences(whole)]
    repeats += [f"run {_short(r)!r} ({len(r.split())} words)" for r in scoring.repeated_runs(whole)]
    length = scoring.length_problem(brief["channel"], brief["length"], whole, posts if len(posts) > 1 else [])
    fmt = _format_problem(posts)
    return {
        "numbers": (not ungrounded, "not in passages: " + ", ".join(ungrounded) if ungrounded else ""),
        "repeats": (not repeats, "; ".join(repeats)),
        "length": (length is None, length or ""),
        "format": (fmt is None, fmt or ""),
    }


def score_draft(
    draft: dict[str, Any], brief: dict[str, Any], style: StyleModel | None, titles: dict[str, str]
) -> DraftScore:
    leader = str(brief["leader"])
    score = DraftScore(int(draft["brief"]), leader, brief["channel"], brief["length"], draft.get("variant"))
    score.results = _clean_results(draft, brief)
    failed = [name for name in CLEAN_PARTS if not score.results[name][0]]
    score.results["clean"] = (not failed, "failed: " + ", ".join(failed) if failed else "")
    passages = list(draft.get("passages") or [])
    source = brief.get("source")
    if source:
        found = source_among(str(source), passages, titles.get(str(source)))
        docs = sorted({str(p.get("doc") or p.get("title")) for p in passages})
        score.results["source"] = (found, "" if found else f"{source} not among {docs or 'no passages'}")
    else:
        score.results["source"] = (None, "")
    if style is not None and leader in style.handles:
        guess = style.predict(["\n\n".join(draft_posts(draft))])[0]
        score.results["voice"] = (guess == leader, "" if guess == leader else f"reads like {guess}")
    else:
        score.results["voice"] = (None, "no past posts for this leader")
    foreign = foreign_private(passages, leader)
    score.results["private"] = (not foreign, "; ".join(foreign))
    return score


def _median(values: list[Any]) -> float | None:
    numbers = [float(v) for v in values if isinstance(v, int | float)]
    return round(statistics.median(numbers), 2) if numbers else None


def summarise(result: dict[str, Any], scores: list[DraftScore], cv_accuracy: float | None) -> dict[str, Any]:
    criteria = {}
    for name, (label, target) in CRITERIA.items():
        applied = [s.results[name][0] for s in scores if s.results[name][0] is not None]
        share = round(sum(applied) / len(applied), 3) if applied else None
        met = None if target is None or share is None else share >= target
        criteria[name] = {"label": label, "passed": sum(applied), "total": len(applied), "share": share}
        criteria[name] |= {"target": target, "met": met}
    drafts = result.get("drafts") or []
    timing: dict[str, Any] = {
        "median_ttft_s": _median([d.get("ttft_s") for d in drafts]),
        "median_total_s": _median([d.get("total_s") for d in drafts]),
    }
    timing["met"] = {k: None if timing[k] is None else timing[k] <= limit for k, limit in TIME_TARGETS.items()}
    per_draft = [
        {
            "brief": s.brief,
            "leader": s.leader,
            "channel": s.channel,
            "length": s.length,
            "variant": s.variant,
            "results": {k: {"ok": ok, "reason": why} for k, (ok, why) in s.results.items()},
        }
        for s in scores
    ]
    classifier = {"cv_accuracy": None if cv_accuracy is None else round(cv_accuracy, 4), "folds": 5, "repeats": 5}
    head = {"model": result.get("model"), "drafts": len(scores), "classifier": classifier}
    return head | {"criteria": criteria, "timing": timing, "per_draft": per_draft}


def _yes_no(met: bool | None) -> str:
    return "-" if met is None else ("yes" if met else "NO")


def render(summary: dict[str, Any]) -> str:
    cv = summary["classifier"]["cv_accuracy"]
    lines = [
        f"model: {summary['model']}   drafts: {summary['drafts']}   "
        f"style classifier, cross-validated accuracy on the demo leaders' real posts: {cv} (5 x 5-fold)",
        "",
        f"{'criterion':<60} {'passed':>8} {'share':>6} {'target':>7} {'met':>4}",
    ]
    for row in summary["criteria"].values():
        share = "-" if row["share"] is None else f"{row['share']:.2f}"
        target = "" if row["target"] is None else f">={row['target']:.2f}"
        passed = f"{row['passed']}/{row['total']}"
        lines.append(f"{row['label']:<60} {passed:>8} {share:>6} {target:>7} {_yes_no(row['met']):>4}")
    timing = summary["timing"]
    for key, label in (("median_ttft_s", "median time to first words"), ("median_total_s", "median total per draft")):
        value = "-" if timing[key] is None else f"{timing[key]:.1f} s"
        limit = f"<={TIME_TARGETS[key]:g} s"
        lines.append(f"{label:<60} {value:>8} {'':>6} {limit:>7} {_yes_no(timing['met'][key]):>4}")
    failures = [d for d in summary["per_draft"] if any(r["ok"] is False for r in d["results"].values())]
    lines += ["", f"drafts with a failure: {len(failures)} of {summary['drafts']}"]
    for draft in failures:
        where = f"{draft['leader']}, {draft['channel']}/{draft['length']}"
        lines.append(f"  brief {draft['brief']} ({where}) variant {draft['variant']}:")
        for name, result in draft["results"].items():
            if result["ok"] is False and name != "clean":
                lines.append(f"    {name}: {result['reason']}")
    return "\n".join(lines)


def score_result(result: dict[str, Any], briefs: list[dict[str, Any]], with_cv: bool = True) -> dict[str, Any]:
    texts, handles = load_demo_posts()
    style = StyleModel.fit(texts, handles)
    titles = kb_titles()
    scores = []
    for draft in result.get("drafts") or []:
        index = int(draft["brief"])
        if not 0 <= index < len(briefs):
            raise SystemExit(f"draft refers to brief {index}; the briefs file has {len(briefs)} (0-based)")
        if draft.get("leader") and draft["leader"] != briefs[index]["leader"]:
            print(
                f"warning: draft for brief {index} is by {draft['leader']}, the brief is for {briefs[index]['leader']}",
                file=sys.stderr,
            )
        scores.append(score_draft(draft, briefs[index], style, titles))
    cv = cross_validated_accuracy(texts, handles) if with_cv else None
    return summarise(result, scores, cv)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("result", type=Path, help="JSON written by `byline draft eval --out`")
    parser.add_argument("--briefs", type=Path, required=True, help="the briefs JSONL the eval ran on")
    parser.add_argument("--json", action="store_true", help="print the summary as JSON instead of a table")
    args = parser.parse_args(argv)
    result = json.loads(args.result.read_text(encoding="utf-8"))
    summary = score_result(result, read_jsonl(args.briefs))
    print(json.dumps(summary, indent=2, ensure_ascii=False) if args.json else render(summary))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
