"""Stored text ↔ pricing's values: a scope and a spend-save ladder are JSON in their rows.
Parsing is cached on the stored text itself, so a row read again costs no parsing and a
changed row (different text) is parsed afresh: the cache can never serve a stale value."""

from __future__ import annotations

import json
from functools import lru_cache
from typing import Any

from mercato.pricing import public as pricing

_INTS = ("products", "categories", "exclude_products")
_TEXTS = ("brands", "tiers", "channels")


def scope_text(scope: pricing.Scope) -> str:
    """The scope as stored: only its non-empty sets, sorted (same scope, same text)."""
    out: dict[str, list[Any]] = {}
    for name in (*_INTS, *_TEXTS):
        values = getattr(scope, name)
        if values:
            out[name] = sorted(values)
    return json.dumps(out, ensure_ascii=False, sort_keys=True)


@lru_cache(maxsize=4096)
def scope_of(text: str) -> pricing.Scope:
    data = json.loads(text or "{}")

    def ints(name: str) -> frozenset[int]:
        return frozenset(int(v) for v in data.get(name, ()))

    def texts(name: str) -> frozenset[str]:
        return frozenset(str(v) for v in data.get(name, ()))

    return pricing.Scope(products=ints("products"), categories=ints("categories"),
                         brands=texts("brands"), tiers=texts("tiers"),
                         channels=texts("channels"), exclude_products=ints("exclude_products"))


def tiers_text(tiers: tuple[tuple[int, int], ...]) -> str:
    return json.dumps([list(t) for t in tiers])


@lru_cache(maxsize=1024)
def tiers_of(text: str) -> tuple[tuple[int, int], ...]:
    return tuple((int(a), int(b)) for a, b in json.loads(text or "[]"))


@lru_cache(maxsize=4096)
def promotion_of(row: tuple[Any, ...]) -> pricing.Promotion:
    """A row of repository.PROMOTION_COLUMNS (hashable: ints, texts and times)."""
    (pid, name, kind, priority, stacking, bp, buy, pay, nth, tiers, over, scope, starts,
     ends) = row
    return pricing.Promotion(
        id=int(pid), name=name, kind=kind, scope=scope_of(scope), starts_at=starts,
        ends_at=ends, priority=int(priority), stacking=stacking, percent_off_bp=int(bp),
        buy=int(buy), pay=int(pay), nth=int(nth), tiers=tiers_of(tiers), over_fen=int(over))


def coupon_of(row: Any) -> pricing.Coupon:
    """A row of repository.COUPON_COLUMNS: the issued coupon and its template."""
    (cid, code, override, starts, ends, name, kind, off, bp, cap, min_spend, scope,
     with_promotions) = row[:13]
    return pricing.Coupon(
        id=int(cid), code=code, name=name, kind=kind,
        off_fen=int(override) if override else int(off), percent_off_bp=int(bp),
        cap_fen=int(cap), min_spend_fen=int(min_spend), scope=scope_of(scope),
        with_promotions=bool(with_promotions), starts_at=starts, ends_at=ends)


def ids_text(ids: tuple[int, ...]) -> str:
    return " ".join(str(i) for i in ids)


def ids_of(text: str) -> tuple[int, ...]:
    return tuple(int(x) for x in (text or "").split() if x.isdigit())


def promotion_from(p: Any) -> pricing.Promotion:
    """A stored promotion (tables.Promotion) as pricing's."""
    return promotion_of((p.id, p.name, p.kind, p.priority, p.stacking, p.percent_off_bp, p.buy,
                         p.pay, p.nth, p.tiers, p.over_fen, p.scope, p.starts_at, p.ends_at))
