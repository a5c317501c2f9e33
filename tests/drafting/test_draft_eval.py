"""`byline draft eval` on the CI briefs (bench/briefs/ci.jsonl) against the session's llama.cpp server (smallest
model), on the demo workspace: the documented output format and the pipeline's behaviour, not prose quality."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from typer.testing import CliRunner

from app.cli import app
from bench.draft_score import read_jsonl, score_result
from bench.scoring import banner_lines, hashtags, repeated_runs, repeated_sentences, ungrounded_numbers, x_length
from tests.conftest import REPO_ROOT, TEST_MODEL

CI_BRIEFS = REPO_ROOT / "bench" / "briefs" / "ci.jsonl"
PASSWORD = "demo-password-for-tests"
FORMAT = {"brief", "leader", "variant", "text", "ttft_s", "total_s", "passages", "checks"}


@dataclass
class Workspace:
    env: dict[str, str]
    tmp: Path

    def byline(self, *args: str) -> Result:
        return CliRunner().invoke(app, list(args), env=self.env)

    def eval(self, name: str, *args: str, briefs: Path = CI_BRIEFS) -> tuple[Result, dict[str, Any]]:
        out = self.tmp / f"{name}.json"
        result = self.byline("draft", "eval", "--briefs", str(briefs), "--out", str(out), *args)
        return result, json.loads(out.read_text()) if out.exists() else {}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory, local_llm_url: str) -> Iterator[Workspace]:
    tmp = tmp_path_factory.mktemp("draft-eval")
    env = {
        "BYLINE_DATA_DIR": str(tmp / "data"),
        "BYLINE_LLM_BASE_URL": local_llm_url,
        "BYLINE_LLM_MODEL": TEST_MODEL,
        "BYLINE_LLM_MAX_TOKENS": "80",
    }
    workspace = Workspace(env, tmp)
    built = workspace.byline("demo", "--password", PASSWORD)
    assert built.exit_code == 0, built.output
    yield workspace


@pytest.fixture(scope="module")
def two_variants(demo: Workspace) -> tuple[Result, dict[str, Any]]:
    return demo.eval("two-variants", "--variants", "2")


def test_every_brief_gets_its_variants_in_the_documented_format(two_variants: tuple[Result, dict[str, Any]]) -> None:
    result, output = two_variants
    assert result.exit_code == 0, result.output
    briefs = read_jsonl(CI_BRIEFS)
    assert output["model"].startswith("OpenAI-compatible server") and TEST_MODEL in output["model"]
    drafts = output["drafts"]
    assert [(d["brief"], d["variant"]) for d in drafts] == [(b, v) for b in range(len(briefs)) for v in (1, 2)]
    for draft in drafts:
        brief = briefs[draft["brief"]]
        assert draft.keys() >= FORMAT and draft["leader"] == brief["leader"]
        assert draft["text"].strip() and 0 < draft["ttft_s"] <= draft["total_s"]
        assert all(set(p) >= {"label", "doc", "title", "visibility", "text"} for p in draft["passages"])
        assert {f["check"] for f in draft["checks"]["findings"]} >= {"voice", "grounding", "echo", "channel"}
        if brief["channel"] == "x":
            assert draft["thread"] and all(x_length(post) <= 280 for post in draft["thread"])
    assert "[1/3] tomas, x/short" in result.stderr and "first words" in result.stderr


def test_the_passages_reported_are_the_facts_the_model_was_given(
    two_variants: tuple[Result, dict[str, Any]],
) -> None:
    drafts = two_variants[1]["drafts"]
    for brief in {d["brief"] for d in drafts}:
        first, second = sorted((d for d in drafts if d["brief"] == brief), key=lambda d: len(d["passages"]))
        # one plan per brief, shared by its variants; a draft that was lengthened was also given the reserve facts
        assert second["passages"][: len(first["passages"])] == first["passages"]
        labels = [p["label"] for p in second["passages"]]
        assert labels == [f"S{i}" for i in range(1, len(labels) + 1)]
        sources = {p["doc"] for p in second["passages"]}
        assert all(source.endswith(".md") for source in sources)


def test_finished_drafts_have_no_banners_repeats_extra_hashtags_or_ungrounded_numbers(
    two_variants: tuple[Result, dict[str, Any]],
) -> None:
    """Whatever the tiny model writes, the finishing step removes these (checked by the independent scorer's rules)."""
    for draft in two_variants[1]["drafts"]:
        facts = [p["text"] for p in draft["passages"]]
        text = draft["text"]
        assert banner_lines(text) == [], text
        assert repeated_sentences(text) == [] and repeated_runs(text) == [], text
        assert len(hashtags(text)) <= 3 and ungrounded_numbers(text, facts) == [], text
        for change in draft["changes"]:
            assert change["before"] and change["reason"]


def test_the_independent_scorer_reads_the_output(two_variants: tuple[Result, dict[str, Any]]) -> None:
    summary = score_result(two_variants[1], read_jsonl(CI_BRIEFS), with_cv=False)
    assert summary["drafts"] == 6
    assert summary["criteria"]["private"]["share"] == 1.0
    assert summary["criteria"]["numbers"]["share"] == 1.0 and summary["criteria"]["format"]["share"] == 1.0
    assert summary["timing"]["median_ttft_s"] is not None


def test_drafting_as_the_coach_uses_the_coachs_permissions_and_a_leader_cannot_draft_for_another(
    demo: Workspace, tmp_path: Path
) -> None:
    result, output = demo.eval("as-coach", "--as", "jonah")
    assert result.exit_code == 0, result.output
    assert [d["leader"] for d in output["drafts"]] == ["tomas", "ines", "noor"]
    for draft in output["drafts"]:
        private = [p for p in draft["passages"] if p["visibility"].startswith("private:")]
        assert all(p["visibility"] == f"private:{draft['leader']}" for p in private)
    refused, _ = demo.eval("as-leader", "--as", "tomas")
    assert refused.exit_code == 1 and "Error:" in refused.stderr


def test_a_bad_briefs_file_is_refused_with_the_line_named(demo: Workspace, tmp_path: Path) -> None:
    briefs = tmp_path / "bad.jsonl"
    briefs.write_text('{"leader": "tomas", "topic": "Buffers", "channel": "x"}\n{"leader": "noor", "topic": 3}\n')
    result, output = demo.eval("bad", briefs=briefs)
    assert result.exit_code == 1 and "bad.jsonl line 2: topic" in result.stderr and output == {}
    briefs.write_text('{"leader": "nobody", "topic": "Buffers"}\n')
    result, _ = demo.eval("unknown", briefs=briefs)
    assert result.exit_code == 1 and "No active account for: nobody" in result.stderr
