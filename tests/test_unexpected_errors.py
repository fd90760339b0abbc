"""An unexpected error answers 500 with the JSON error body (or the error page) and leaves the
keep-alive connection usable: on a real uvicorn, the next request on the same socket works."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from typing import Any

import orjson
import pytest
import uvicorn
from fastapi import FastAPI

from mercato.app import create_app
from mercato.platform.db import Database
from mercato.platform.settings import Settings


@pytest.fixture
def served(db: Database, settings: Settings) -> Iterator[tuple[FastAPI, int]]:
    app = create_app(settings, db)

    @app.get("/api/v1/boom")
    def boom() -> None:
        raise RuntimeError("a bug")

    @app.get("/boom")
    def boom_page() -> None:
        raise RuntimeError("a bug")

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=0, log_level="critical"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not server.started and time.monotonic() < deadline:
        time.sleep(0.02)
    port = server.servers[0].sockets[0].getsockname()[1]
    yield app, port
    server.should_exit = True
    thread.join(10)


def _ask(sock: socket.socket, path: str) -> tuple[int, dict[str, str], bytes]:
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: t\r\nAccept: */*\r\n\r\n".encode())
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        data += chunk
    head, body = data.split(b"\r\n\r\n", 1)
    lines = head.decode().split("\r\n")
    headers = dict(line.lower().split(": ", 1) for line in lines[1:])
    while len(body) < int(headers.get("content-length", 0)):
        chunk = sock.recv(65536)
        assert chunk, "the server closed the connection"
        body += chunk
    return int(lines[0].split()[1]), headers, body


def test_a_500_keeps_the_connection_usable(served: tuple[Any, int]) -> None:
    _app, port = served
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        status, headers, body = _ask(sock, "/api/v1/boom")
        assert status == 500 and headers.get("connection") != "close"
        assert orjson.loads(body)["error"]["code"] == "server.error"
        status, _h, body = _ask(sock, "/boom?lang=en")  # a page: the error page
        assert status == 500 and b"Something went wrong" in body
        status, _h, body = _ask(sock, "/api/v1/products?per_page=1")  # same socket
        assert status == 200 and b"items" in body
