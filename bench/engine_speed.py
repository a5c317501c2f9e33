"""Speed of the embedded llama.cpp engine: prompt reading and writing rates, and what the prompt cache saves.

    .venv/bin/python bench/engine_speed.py [--model qwen2.5-coder-1.5b] [--threads 1 2] [--poll 50 0]
                                           [--draft-model qwen2.5-coder-0.5b] [--json]

For each setting it starts the engine, sends a ~800-token system prompt with a ~250-token request (cold), then the
same system prompt with a different request (warm: only the request is read), and reports the server's own
timings: tokens read and read rate, tokens written and write rate, and wall time to the first token. Record
`uptime` with the figures: other processes on the machine change them a lot.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import urllib.request
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from narratives.llm.catalogue import model_spec
from narratives.llm.engine import EngineOptions, LocalEngine
from narratives.llm.files import ensure_model_file, models_dir

SYSTEM = "You draft LinkedIn posts for an engineering leader in their own voice. " + " ".join(
    f"Habit {i}: short lines, plain words, no buzzwords, one idea per line, end on a firm line." for i in range(40)
)
REQUESTS = [
    "Facts: [S1] A full rollout takes at least eight days. [S2] Rollback needs no human; resuming does. "
    + "Topic: why slow rollouts are cheaper than one silent plant. " * 8,
    "Facts: [S1] The buffer holds 21 days of readings. [S2] Cellular fallback is built in. "
    + "Topic: what a bigger offline buffer buys a plant. " * 8,
]


def ask(base_url: str, request: str, max_tokens: int, system: str = SYSTEM) -> dict[str, Any]:
    body = {
        "messages": [{"role": "system", "content": system}, {"role": "user", "content": request}],
        "max_tokens": max_tokens,
        "temperature": 0.7,
        "stream": True,
    }
    started = time.perf_counter()
    first = None
    timings: dict[str, Any] = {}
    req = urllib.request.Request(
        f"{base_url}/v1/chat/completions", json.dumps(body).encode(), {"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(req, timeout=600) as response:
        for raw in response:
            line = raw.decode().strip()
            if not line.startswith("data:") or line.endswith("[DONE]"):
                continue
            chunk = json.loads(line[5:])
            delta = (chunk.get("choices") or [{}])[0].get("delta", {}).get("content")
            if delta and first is None:
                first = time.perf_counter() - started
            timings = chunk.get("timings") or timings
    return {
        "ttft_s": round(first or 0.0, 2),
        "total_s": round(time.perf_counter() - started, 2),
        "read_tokens": timings.get("prompt_n"),
        "read_per_s": round(timings.get("prompt_per_second") or 0.0, 1),
        "written_tokens": timings.get("predicted_n"),
        "write_per_s": round(timings.get("predicted_per_second") or 0.0, 1),
    }


def measure(model: str, threads: int, poll: int, draft_model: str | None, data_dir: Path) -> dict[str, Any]:
    path = ensure_model_file(model_spec(model), models_dir(data_dir))
    draft = ensure_model_file(model_spec(draft_model), models_dir(data_dir)) if draft_model else None
    options = EngineOptions(threads=threads, poll=poll, draft_model_path=draft)
    engine = LocalEngine(path, name=model, context=8192, options=options)
    base_url = engine.start()
    try:
        ask(base_url, "Say ok.", 2, system="You answer briefly.")  # load the weights, leave SYSTEM uncached
        cold = ask(base_url, REQUESTS[0], 100)
        warm = ask(base_url, REQUESTS[1], 100)
    finally:
        engine.stop()
    return {"model": model, "threads": threads, "poll": poll, "draft_model": draft_model, "cold": cold, "warm": warm}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--model", default="qwen2.5-coder-1.5b")
    parser.add_argument("--threads", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--poll", type=int, nargs="+", default=[50])
    parser.add_argument("--draft-model", default=None, help="a smaller model for speculative decoding")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    data_dir = Path(os.environ.get("BYLINE_DATA_DIR", "data"))
    rows = [
        measure(args.model, threads, poll, args.draft_model, data_dir) for threads in args.threads for poll in args.poll
    ]
    load = os.getloadavg()
    if args.json:
        print(json.dumps({"load_average": load, "runs": rows}, indent=2))
        return 0
    print(f"load average while measuring started at: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    for row in rows:
        for kind in ("cold", "warm"):
            r = row[kind]
            print(
                f"{row['model']} threads={row['threads']} poll={row['poll']} draft={row['draft_model']} {kind}: "
                f"read {r['read_tokens']} tok at {r['read_per_s']}/s, wrote {r['written_tokens']} at "
                f"{r['write_per_s']}/s, first token {r['ttft_s']} s, total {r['total_s']} s"
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
