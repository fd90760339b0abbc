"""Start and stop the servers under test, each as its own process group."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent


def wait_up(url: str, timeout: float = 60) -> None:
    end = time.time() + timeout
    while time.time() < end:
        try:
            with urllib.request.urlopen(url, timeout=2) as r:
                if r.status < 500:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError(f"server did not come up: {url}")


class Server:
    def __init__(self, args: list[str], env: dict[str, str], probe: str,
                 log: Path | None = None) -> None:
        self.args, self.env, self.probe, self.log = args, env, probe, log
        self.proc: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> Server:
        err = self.log.open("wb") if self.log else None  # None: the server's stderr is ours
        self.proc = subprocess.Popen(self.args, env={**os.environ, **self.env}, cwd=ROOT,
                                     start_new_session=True, stdout=subprocess.DEVNULL,
                                     stderr=err)
        if err:
            err.close()
        wait_up(self.probe)
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.proc is not None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=20)


def mercato(port: int, workers: int, env: dict[str, str], log: Path | None = None) -> Server:
    return Server([str(BIN / "mercato"), "serve", "--port", str(port), "--workers",
                   str(workers)], env, f"http://127.0.0.1:{port}/api/v1/categories", log)


def floor(port: int, workers: int, env: dict[str, str], log: Path | None = None) -> Server:
    return Server([str(BIN / "uvicorn"), "bench.floor:app", "--port", str(port), "--workers",
                   str(workers), "--log-level", "warning", "--no-access-log"], env,
                  f"http://127.0.0.1:{port}/api/v1/categories", log)


def hello(port: int, workers: int) -> Server:
    return Server([str(BIN / "uvicorn"), "bench.hello:app", "--port", str(port), "--workers",
                   str(workers), "--log-level", "warning", "--no-access-log"], {},
                  f"http://127.0.0.1:{port}/hello")
