"""CHROMA_AUTH_TOKEN: Byline sends the token to a Chroma server that requires one.

The open-source `chroma run` server (1.x) does not check tokens itself, so the README puts a token-checking reverse
proxy in front of it. This test does the same with a real `chroma run` on 127.0.0.1 and a small proxy that refuses
any request without the right bearer token.
"""

from __future__ import annotations

import http.client
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlparse

import pytest

from app.schema import open_database
from core.settings import Settings
from kb.embeddings import LocalMiniLMEmbeddings
from kb.errors import StoreUnavailable
from kb.factory import open_knowledge_base
from tests.conftest import make_people
from tests.kb.test_chroma_server import chroma_url  # noqa: F401  (the real chroma run fixture)

TOKEN = "s3cret-byline-token"


def _proxy_handler(upstream: str) -> type[BaseHTTPRequestHandler]:
    target = urlparse(upstream)

    class TokenProxy(BaseHTTPRequestHandler):
        def _forward(self) -> None:
            if self.headers.get("Authorization") != f"Bearer {TOKEN}":
                self.send_response(401)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
            connection = http.client.HTTPConnection(target.hostname, target.port, timeout=30)
            headers = {k: v for k, v in self.headers.items() if k.lower() not in ("host", "authorization")}
            connection.request(self.command, self.path, body=body or None, headers=headers)
            reply = connection.getresponse()
            payload = reply.read()
            self.send_response(reply.status)
            for key, value in reply.getheaders():
                if key.lower() not in ("transfer-encoding", "content-length", "connection"):
                    self.send_header(key, value)
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        do_GET = do_POST = do_PUT = do_DELETE = do_PATCH = _forward

        def log_message(self, *args: object) -> None:
            return

    return TokenProxy


@pytest.fixture
def guarded_chroma(chroma_url: str) -> Iterator[str]:  # noqa: F811
    server = ThreadingHTTPServer(("127.0.0.1", 0), _proxy_handler(chroma_url))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_token_opens_a_guarded_chroma_and_its_absence_is_a_clear_error(
    guarded_chroma: str, tmp_path: Path, embedder: LocalMiniLMEmbeddings
) -> None:
    settings = Settings(BYLINE_DATA_DIR=str(tmp_path / "data"), CHROMA_URL=guarded_chroma)
    engine = open_database(settings)
    people = make_people(engine)
    with pytest.raises(StoreUnavailable, match="CHROMA_AUTH_TOKEN"):
        open_knowledge_base(settings, engine, embedder)
    authorised = Settings(BYLINE_DATA_DIR=str(tmp_path / "data"), CHROMA_URL=guarded_chroma, CHROMA_AUTH_TOKEN=TOKEN)
    kb = open_knowledge_base(authorised, engine, embedder)
    kb.ingest_bytes("grid.md", b"# Grid\n\nThe substation upgrade finishes in October.\n", actor=people["root"])
    assert kb.search("substation upgrade", people["bo"])[0].title == "Grid"
    assert authorised.public_view()["CHROMA_AUTH_TOKEN"] == "set"
    assert TOKEN not in str(authorised.public_view())
    engine.dispose()
