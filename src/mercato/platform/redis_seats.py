"""Seat pools in Redis: a count of units left, taken by one atomic script that also holds
each holder to a limit and notes the seat as pending until the caller's database has it.

Generic (flash sales use it; nothing here knows an event). Keys, under `namespace`:
  {ns}:seats:{<group>}:holders      hash holder → units held in any pool of the group
  {ns}:seats:{<group>}:loaded       set once the group was loaded (idempotent loading)
  {ns}:seats:{<group>}:<pool>:left  units left
  ...:<pool>:pending                hash seat id → "holder units epoch" (not yet in the DB)
  ...:<pool>:back                   set of seat ids given back (giving back is idempotent)
  ...:<pool>:ver                    moves at every change: compare-and-set of `left`
The braces are Redis Cluster hash tags: all keys of a group live on one node, so one script
may touch them all. Redis must not evict these keys (maxmemory-policy noeviction).

The scripts are sent once (SCRIPT LOAD) and then run by their SHA (EVALSHA); redis-py's
Script does that and loads again after a server restart (NOSCRIPT)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import redis

TAKE_LUA = """
local left = redis.call('GET', KEYS[1])
if not left then return -1 end
local q = tonumber(ARGV[3])
if tonumber(left) < q then return 0 end
local limit = tonumber(ARGV[4])
local held = tonumber(redis.call('HGET', KEYS[2], ARGV[2]) or '0')
if limit > 0 and held + q > limit then return -2 end
if redis.call('HSETNX', KEYS[3], ARGV[1], ARGV[2] .. ' ' .. q .. ' ' .. ARGV[5]) == 0 then
  return -3
end
redis.call('DECRBY', KEYS[1], q)
redis.call('HINCRBY', KEYS[2], ARGV[2], q)
redis.call('INCR', KEYS[4])
return 1
"""

# Idempotent per seat id (the `back` set): a release delivered twice gives back once.
GIVE_BACK_LUA = """
if redis.call('SADD', KEYS[4], ARGV[1]) == 0 then return 0 end
redis.call('EXPIRE', KEYS[4], tonumber(ARGV[4]))
redis.call('HDEL', KEYS[3], ARGV[1])
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
local q = tonumber(ARGV[3])
redis.call('INCRBY', KEYS[1], q)
if redis.call('HINCRBY', KEYS[2], ARGV[2], -q) <= 0 then redis.call('HDEL', KEYS[2], ARGV[2]) end
redis.call('INCR', KEYS[5])
return 1
"""

# KEYS: loaded, holders, then each pool's left, ver and back; ARGV: ttl, pools, then per
# pool its units left, how many ids were given back and those ids, then holder/units pairs.
LOAD_LUA = """
if redis.call('EXISTS', KEYS[1]) == 1 then return 0 end
local ttl = tonumber(ARGV[1])
local a = 3
for i = 1, tonumber(ARGV[2]) do
  local k = 3 * i
  redis.call('SET', KEYS[k], ARGV[a], 'EX', ttl)
  redis.call('INCR', KEYS[k + 1])
  redis.call('EXPIRE', KEYS[k + 1], ttl)
  local n = tonumber(ARGV[a + 1])
  a = a + 2
  for _ = 1, n do
    redis.call('SADD', KEYS[k + 2], ARGV[a])
    a = a + 1
  end
  if n > 0 then redis.call('EXPIRE', KEYS[k + 2], ttl) end
end
redis.call('DEL', KEYS[2])
while a < #ARGV do
  redis.call('HSET', KEYS[2], ARGV[a], ARGV[a + 1])
  a = a + 2
end
redis.call('EXPIRE', KEYS[2], ttl)
redis.call('SET', KEYS[1], '1', 'EX', ttl)
return 1
"""

SNAPSHOT_LUA = """
return {redis.call('GET', KEYS[1]) or false, redis.call('GET', KEYS[2]) or '0',
        redis.call('HGETALL', KEYS[3]), redis.call('SMEMBERS', KEYS[4])}
"""

SET_LEFT_LUA = """
if (redis.call('GET', KEYS[2]) or '0') ~= ARGV[1] then return 0 end
redis.call('SET', KEYS[1], ARGV[2], 'KEEPTTL')
redis.call('INCR', KEYS[2])
return 1
"""

# Answers of take().
TAKEN, SOLD_OUT, LIMIT, NOT_LOADED, DUPLICATE = "taken", "sold_out", "limit", "not_loaded", "dup"
_TAKE_ANSWERS = {1: TAKEN, 0: SOLD_OUT, -1: NOT_LOADED, -2: LIMIT, -3: DUPLICATE}


@lru_cache(maxsize=8)
def client(url: str) -> redis.Redis:
    """One client (and connection pool, thread-safe) per URL per process."""
    return redis.Redis.from_url(url, decode_responses=True, health_check_interval=30)


@dataclass(frozen=True, slots=True)
class Pending:
    seat_id: str
    holder: str
    quantity: int
    at: float  # epoch seconds the seat was taken


@dataclass(frozen=True, slots=True)
class PoolLoad:
    left: int
    back: tuple[str, ...] = ()  # seats the caller's records show given back already


@dataclass(frozen=True, slots=True)
class Snapshot:
    left: int | None  # None: not loaded
    version: str
    pending: tuple[Pending, ...]
    back: frozenset[str]


def _note(seat_id: str, value: str) -> Pending:
    holder, q, at = value.split(" ")
    return Pending(seat_id, holder, int(q), float(at))


def _pending(flat: list[str]) -> tuple[Pending, ...]:
    return tuple(_note(s, v) for s, v in zip(flat[::2], flat[1::2], strict=True))


class SeatPools:
    """Every pool under one namespace of one Redis server."""

    def __init__(self, url: str, namespace: str = "mercato") -> None:
        self.redis = client(url)
        self.namespace = namespace
        self._take = self.redis.register_script(TAKE_LUA)
        self._give_back = self.redis.register_script(GIVE_BACK_LUA)
        self._load = self.redis.register_script(LOAD_LUA)
        self._snapshot = self.redis.register_script(SNAPSHOT_LUA)
        self._set_left = self.redis.register_script(SET_LEFT_LUA)

    def group_key(self, group: str, name: str) -> str:
        return f"{self.namespace}:seats:{{{group}}}:{name}"

    def pool_keys(self, group: str, pool: str) -> tuple[str, str, str, str, str]:
        """(left, holders, pending, back, ver)."""
        k = self.group_key
        return (k(group, f"{pool}:left"), k(group, "holders"), k(group, f"{pool}:pending"),
                k(group, f"{pool}:back"), k(group, f"{pool}:ver"))

    def load(self, group: str, pools: dict[str, PoolLoad], holders: dict[str, int],
             ttl: int) -> bool:
        """Set each pool's units left and given-back ids, and the holders' units, unless the
        group was loaded already (then nothing changes: what Redis counted since is newer
        than the caller's figures). True when this call loaded it."""
        keys = [self.group_key(group, "loaded"), self.group_key(group, "holders")]
        args: list[Any] = [max(ttl, 1), len(pools)]
        for pool, p in pools.items():
            left, _h, _p, back, ver = self.pool_keys(group, pool)
            keys += [left, ver, back]
            args += [p.left, len(p.back), *p.back]
        for holder, n in holders.items():
            args += [holder, n]
        return bool(self._load(keys=keys, args=args))

    def take(self, group: str, pool: str, seat_id: str, holder: str, quantity: int,
             limit: int, at: float) -> str:
        """Atomically: `quantity` units of the pool for `holder` if that many are left and
        the holder stays within `limit` (0: none); the seat is then pending. Answers TAKEN,
        SOLD_OUT, LIMIT, NOT_LOADED (load the group first) or DUPLICATE (seat id in use)."""
        left, holders, pending, _back, ver = self.pool_keys(group, pool)
        done = self._take(keys=[left, holders, pending, ver],
                          args=[seat_id, holder, quantity, limit, f"{at:.3f}"])
        return _TAKE_ANSWERS[int(done)]

    def give_back(self, group: str, pool: str, seat_id: str, holder: str, quantity: int,
                  ttl: int = 86400) -> bool:
        """The seat's units go back to the pool and off the holder, once per seat id however
        often this is called; its pending note goes too. True when this call gave them."""
        keys = list(self.pool_keys(group, pool))
        return bool(self._give_back(keys=keys, args=[seat_id, holder, quantity, max(ttl, 1)]))

    def forget(self, group: str, pool: str, seat_id: str) -> None:
        """The seat is in the database now: no longer pending."""
        self.redis.hdel(self.pool_keys(group, pool)[2], seat_id)

    def pending(self, group: str, pool: str) -> tuple[Pending, ...]:
        raw = self.redis.hgetall(self.pool_keys(group, pool)[2])
        return tuple(_note(str(s), str(v)) for s, v in raw.items())

    def left(self, group: str, pool: str) -> int | None:
        value = self.redis.get(self.pool_keys(group, pool)[0])
        return None if value is None else int(value)

    def held(self, group: str, holder: str) -> int:
        return int(self.redis.hget(self.group_key(group, "holders"), holder) or 0)

    def snapshot(self, group: str, pool: str) -> Snapshot:
        """Units left, version, pending seats and given-back ids, read at one moment."""
        left, _holders, pending, back, ver = self.pool_keys(group, pool)
        n, version, flat, given = self._snapshot(keys=[left, ver, pending, back])
        return Snapshot(None if n is None else int(n), str(version), _pending(flat),
                        frozenset(given))

    def set_left(self, group: str, pool: str, version: str, value: int) -> bool:
        """Set units left, only if nothing changed the pool since `version` was read."""
        left, _h, _p, _b, ver = self.pool_keys(group, pool)
        return bool(self._set_left(keys=[left, ver], args=[version, value]))

    def drop(self, group: str) -> int:
        """Delete every key of the group (tests; an event removed)."""
        keys = list(self.redis.scan_iter(self.group_key(group, "*"), count=500))
        return int(self.redis.delete(*keys)) if keys else 0
