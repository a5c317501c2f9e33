"""A tiny HTTP server on 127.0.0.1 that misbehaves like a failing model endpoint (below the network edge)."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer


@dataclass
class Behaviour:
    status: int = 500
    delay_s: float = 0.0
    empty_stream: bool = False
    requests: list[str] = field(default_factory=list)


def _empty_stream() -> bytes:
    chunk = {
        "id": "x",
        "object": "chat.completion.chunk",
        "created": 0,
        "model": "m",
        "choices": [{"index": 0, "delta": {"role": "assistant", "content": ""}, "finish_reason": "stop"}],
    }
    return f"data: {json.dumps(chunk)}\n\ndata: [DONE]\n\n".encode()


def _handler(behaviour: Behaviour) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def do_POST(self) -> None:
            self.rfile.read(int(self.headers.get("content-length", 0)))
            behaviour.requests.append(self.path)
            time.sleep(behaviour.delay_s)
            if behaviour.empty_stream:
                body, status, kind = _empty_stream(), 200, "text/event-stream"
            else:
                body, status = json.dumps({"error": {"message": "boom"}}).encode(), behaviour.status
                kind = "application/json"
            try:
                self.send_response(status)
                self.send_header("content-type", kind)
                self.send_header("content-length", str(len(body)))
                self.send_header("retry-after-ms", "50")
                self.end_headers()
                self.wfile.write(body)
            except OSError:
                pass

    return Handler


@contextmanager
def fault_server(behaviour: Behaviour) -> Iterator[str]:
    """Serve `behaviour` on a free port; yields the OpenAI-style base URL (ending in /v1)."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(behaviour))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    finally:
        server.shutdown()
        server.server_close()
