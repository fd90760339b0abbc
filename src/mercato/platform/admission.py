"""A waiting room's counter: at most `rate` admissions a second, first come first served.

Each arrival takes a place in a second: the current one while it has room, otherwise the
first later second with room (so people turned away keep their place in line ahead of
everyone arriving after them). `reserve` answers that second; the caller admits now when it
is the current one and otherwise hands out a token for it.

RedisGate counts in Redis, one key per second (shared by every process); LocalGate counts in
this process only — with N processes the shop admits up to N × rate a second."""

from __future__ import annotations

import threading
import time
from typing import Protocol

from mercato.platform.redis_seats import client

# KEYS: the line (first second that may have room); ARGV: prefix of the per-second keys,
# this second, rate, ttl. Loops at most a few times: the line moves past each full second.
RESERVE_LUA = """
local sec = tonumber(ARGV[2])
local rate = tonumber(ARGV[3])
local ttl = tonumber(ARGV[4])
local line = tonumber(redis.call('GET', KEYS[1]) or '0')
if line > sec then sec = line end
for _ = 1, 1000 do
  local k = ARGV[1] .. sec
  local n = redis.call('INCR', k)
  if n == 1 then redis.call('EXPIRE', k, ttl + sec - tonumber(ARGV[2])) end
  if n <= rate then
    if n == rate then redis.call('SET', KEYS[1], sec + 1, 'EX', ttl + sec - tonumber(ARGV[2])) end
    return sec
  end
  sec = sec + 1
end
return -1
"""
KEY_SECONDS = 120  # a per-second key outlives its second by this much


class Gate(Protocol):
    def reserve(self, line: str, second: int, rate: int) -> int:
        """The second (≥ `second`) in which this arrival is admitted."""

    def use_once(self, ticket: str, seconds: int) -> bool:
        """True the first time `ticket` is shown within `seconds`."""


class RedisGate:
    def __init__(self, url: str, namespace: str = "mercato") -> None:
        self.redis = client(url)
        self.prefix = f"{namespace}:gate"
        self._reserve = self.redis.register_script(RESERVE_LUA)

    def reserve(self, line: str, second: int, rate: int) -> int:
        tag = f"{self.prefix}:{{{line}}}"
        got = int(self._reserve(keys=[f"{tag}:line"], args=[f"{tag}:", second, rate,
                                                          KEY_SECONDS]))
        if got < 0:  # more than 1000 seconds of people in line: refuse rather than loop
            raise OverflowError("waiting room full")
        return got

    def use_once(self, ticket: str, seconds: int) -> bool:
        return bool(self.redis.set(f"{self.prefix}:used:{ticket}", "1", nx=True,
                                   ex=max(seconds, 1)))


class LocalGate:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._counts: dict[tuple[str, int], int] = {}
        self._lines: dict[str, int] = {}
        self._used: dict[str, float] = {}  # ticket → when it may be forgotten

    def reserve(self, line: str, second: int, rate: int) -> int:
        with self._lock:
            self._forget(second)
            sec = max(second, self._lines.get(line, 0))
            while self._counts.get((line, sec), 0) >= rate:
                sec += 1
            n = self._counts[(line, sec)] = self._counts.get((line, sec), 0) + 1
            if n >= rate:
                self._lines[line] = sec + 1
            return sec

    def use_once(self, ticket: str, seconds: int) -> bool:
        now = time.monotonic()
        with self._lock:
            if self._used.get(ticket, 0.0) > now:
                return False
            self._used[ticket] = now + seconds
            return True

    def _forget(self, second: int) -> None:
        # Bounded memory: counts of seconds long past are dropped now and then.
        if len(self._counts) > 10_000:
            self._counts = {k: n for k, n in self._counts.items()
                            if k[1] >= second - KEY_SECONDS}
        if len(self._used) > 10_000:
            now = time.monotonic()
            self._used = {t: until for t, until in self._used.items() if until > now}
