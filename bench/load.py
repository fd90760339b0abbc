"""Drive a URL with wrk and read its figures (requests/s and latency percentiles)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass

UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0}


@dataclass(frozen=True)
class LoadResult:
    url: str
    rps: float
    p50_ms: float
    p90_ms: float
    p99_ms: float
    non2xx: int


def _ms(text: str) -> float:
    m = re.match(r"([\d.]+)(us|ms|s)", text)
    if not m:
        raise ValueError(text)
    return float(m.group(1)) * UNITS[m.group(2)]


def wrk(url: str, connections: int = 32, seconds: int = 10, threads: int = 2) -> LoadResult:
    if shutil.which("wrk") is None:
        raise SystemExit("wrk is needed for the load figures: apt-get install wrk")
    out = subprocess.run(["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s",
                          "--latency", url], capture_output=True, text=True, check=True).stdout
    pct = dict(re.findall(r"^\s+(50|90|99)%\s+(\S+)", out, re.M))
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    bad = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    return LoadResult(url, rps, _ms(pct["50"]), _ms(pct["90"]), _ms(pct["99"]),
                      int(bad.group(1)) if bad else 0)
