"""`mercato worker` and `mercato jobs`, through the real CLI."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from mercato import bootstrap, cli
from mercato.bootstrap import metadata
from mercato.platform.db import Database
from mercato.platform.outbox import Bus, record
from mercato.platform.relay import pending_count
from mercato.platform.settings import get_settings


@pytest.fixture
def env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    url = f"sqlite:///{tmp_path / 'cli.db'}"
    monkeypatch.setenv("MERCATO_DATABASE_URL", url)
    monkeypatch.setenv("MERCATO_MEDIA_DIR", str(tmp_path / "media"))
    monkeypatch.setenv("MERCATO_BROKER_URL", "")
    get_settings.cache_clear()
    yield url
    get_settings.cache_clear()


def test_jobs_run_list_and_unknown(env: str, monkeypatch: pytest.MonkeyPatch) -> None:
    runs: list[Database] = []

    def wire(bus: Bus, settings: object) -> None:
        bus.every(300, "test.cleanup", runs.append)

    monkeypatch.setattr(bootstrap, "wire_bus", wire)
    run = CliRunner().invoke
    listed = run(cli.app, ["jobs", "list"])
    assert listed.exit_code == 0 and "test.cleanup  every 300 s" in listed.output
    ok = run(cli.app, ["jobs", "run", "test.cleanup"])
    assert ok.exit_code == 0 and "done" in ok.output
    assert len(runs) == 1 and runs[0].url == env
    bad = run(cli.app, ["jobs", "run", "test.nope"])
    assert bad.exit_code == 2 and "Known jobs: test.cleanup" in bad.output
    assert len(runs) == 1


def test_worker_relays_the_outbox_and_stops_on_sigterm(env: str) -> None:
    db = Database(env)
    metadata.create_all(db.engine)
    with db.transaction() as tx:
        record(tx, "test.thing_happened.v1", {"n": 1})
    relayed: list[bool] = []
    returned = threading.Event()

    def watch_then_terminate() -> None:
        deadline = time.monotonic() + 10
        while pending_count(db) and time.monotonic() < deadline and not returned.is_set():
            time.sleep(0.05)
        relayed.append(pending_count(db) == 0)
        if not returned.is_set():  # never signal pytest itself once the worker is gone
            os.kill(os.getpid(), signal.SIGTERM)  # what `kill` or systemd sends

    previous = signal.getsignal(signal.SIGTERM)
    watcher = threading.Thread(target=watch_then_terminate)
    watcher.start()
    try:
        result = CliRunner().invoke(cli.app, ["worker", "--threads", "2"])
    finally:
        returned.set()
        watcher.join()
        db.engine.dispose()
    assert result.exit_code == 0, result.output
    assert relayed == [True]
    assert "in-process broker" in result.output and "Worker stopped." in result.output
    assert signal.getsignal(signal.SIGTERM) is previous  # handlers put back
