"""The ceiling analysis script (bench/voice_ceiling.py): its kernel-form maths and its report."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from tests.voice.corpus import make_corpus

BENCH = Path(__file__).resolve().parents[2] / "bench" / "voice_ceiling.py"


@pytest.fixture(scope="module")
def bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("voice_ceiling", BENCH)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_kernel_form_removes_the_top_within_author_directions(bench: ModuleType) -> None:
    rng = np.random.default_rng(0)
    train, test = rng.normal(size=(12, 7)), rng.normal(size=(5, 7))
    labels = np.repeat(["a", "b", "c"], 4)
    means = {author: train[labels == author].mean(axis=0) for author in "abc"}
    centred = train - np.vstack([means[author] for author in labels])
    top = np.linalg.svd(centred, full_matrices=False)[2][:2]  # the 2 directions of most within-author variance
    keep = np.eye(7) - top.T @ top
    got_train, got_test = bench.without_within_author_directions(train @ train.T, test @ train.T, labels, 2)
    assert np.allclose(got_train, train @ keep @ train.T)
    assert np.allclose(got_test, test @ keep @ train.T)
    # Asking for more directions than the data has leaves no NaN behind.
    assert np.isfinite(bench.without_within_author_directions(train @ train.T, test @ train.T, labels, 50)[1]).all()


def test_report_on_three_distinct_generated_voices(bench: ModuleType, tmp_path: Path) -> None:
    path = tmp_path / "tiny.jsonl"
    with path.open("w") as handle:
        for author, texts in make_corpus(per_author=12).items():
            for i, text in enumerate(texts):
                handle.write(json.dumps({"author": author, "split": "train" if i < 8 else "test", "text": text}) + "\n")
    report = bench.ceiling(path)
    assert report["test_texts"] == 12
    assert report["shipped_union_top1"] == 1.0
    assert set(report["family_alone_top1"]) == {"chars", "words", "style", "syntax"}
    assert report["oracle_any_family_right"] >= report["shipped_union_top1"]
    assert report["texts_every_family_gets_wrong"] == 0
    assert set(report["union_without_within_author_directions_top1"]) == {"10", "30", "100"}
