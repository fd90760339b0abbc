"""Tiers, life-cycle tags and RFM scores, recomputed from the order record: for one member
on each of their order events, for everyone by the daily job (which alone sets RFM scores:
they compare a member with all buyers). A changed tier records members.tier_changed.v1."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, select, update
from sqlalchemy.orm import Session

from mercato import events
from mercato.members import domain_loyalty as rules
from mercato.members.adapters import loyalty_repository as repo
from mercato.members.adapters import loyalty_stats
from mercato.members.adapters.loyalty_repository import LOYALTY, TIER
from mercato.platform import clock, outbox
from mercato.platform.db import Database
from mercato.platform.tx import AnyTx

EMPTY = rules.Stats()


def tier_rules(tx: AnyTx) -> list[rules.TierRule]:
    """The tiers, written with their defaults when the shop has none yet."""
    found = repo.tier_rules(tx)
    if found:
        return found
    values = [{"code": t.code, "name": t.name, "rank": t.rank, "min_spend_fen": t.min_spend_fen,
               "min_orders": t.min_orders, "discount_bp": t.discount_bp,
               "priority_shipping": t.priority_shipping, "birthday_gift": t.birthday_gift}
              for t in rules.DEFAULT_TIERS]
    stmt = repo.dialect(tx).insert(TIER).on_conflict_do_nothing()
    repo.ex(tx, stmt, values)
    return repo.tier_rules(tx)


def _values(s: rules.Stats, tier: str, tag: str, now: datetime) -> dict[str, Any]:
    return {"tier": tier, "tag": tag, "spend_fen_365": s.spend_365_fen,
            "orders_365": s.orders_365, "purchases": s.purchases,
            "spend_fen_total": s.spend_total_fen, "first_order_at": s.first_at,
            "last_order_at": s.last_at, "recomputed_at": now}


def _changed(tx: AnyTx, customer_id: int, old: str, new: str) -> None:
    if old != new:
        outbox.record(tx, events.MEMBER_TIER_CHANGED,
                      {"customer_id": customer_id, "old": old, "new": new})


def recompute_member(tx: AnyTx, customer_id: int, now: datetime) -> tuple[str, str]:
    """The member's tier and tag now, stored; (tier, tag)."""
    tiers = tier_rules(tx)
    s = loyalty_stats.stats(tx, now, [customer_id]).get(customer_id, EMPTY)
    repo.ensure_member(tx, customer_id)
    stmt = select(LOYALTY.c.tier).where(LOYALTY.c.customer_id == customer_id)
    old = str(repo.ex(tx, stmt.with_for_update()).scalar_one())
    tier, tag = rules.standing(s, now, tiers)
    repo.ex(tx, update(LOYALTY).where(LOYALTY.c.customer_id == customer_id)
            .values(**_values(s, tier, tag, now)))
    _changed(tx, customer_id, old, tier)
    return tier, tag


_COLUMNS = ("tier", "tag", "spend_fen_365", "orders_365", "purchases", "spend_fen_total",
            "first_order_at", "last_order_at", "recomputed_at", "r_score", "f_score", "m_score")
# Bind names differ from the columns': SQLAlchemy keeps those for its own SET parameters.
_UPDATE = (update(LOYALTY).where(LOYALTY.c.customer_id == bindparam("cid"))
           .values(**{k: bindparam(f"v_{k}") for k in _COLUMNS}))


def _apply(tx: AnyTx, ids: Sequence[int], now: datetime, scale: rules.RfmScale) -> int:
    """Recompute a chunk of members from fresh records (events may have moved them since the
    scale was made); the tiers that changed."""
    tiers = tier_rules(tx)
    fresh = loyalty_stats.stats(tx, now, ids)
    rows = [{"customer_id": cid} for cid in ids]
    repo.ex(tx, repo.dialect(tx).insert(LOYALTY).on_conflict_do_nothing(), rows)
    stmt = select(LOYALTY.c.customer_id, LOYALTY.c.tier).where(
        LOYALTY.c.customer_id.in_(list(ids))).order_by(LOYALTY.c.customer_id)
    old = {int(r[0]): str(r[1]) for r in repo.ex(tx, stmt.with_for_update()).all()}
    params, changed = [], 0
    for cid in ids:
        s = fresh.get(cid, EMPTY)
        tier, tag = rules.standing(s, now, tiers)
        buyer = s.buyer(cid, now)
        r, f, m = scale.score(buyer) if buyer else (0, 0, 0)
        values = {**_values(s, tier, tag, now), "r_score": r, "f_score": f, "m_score": m}
        params.append({"cid": cid, **{f"v_{k}": v for k, v in values.items()}})
        if old.get(cid, "") != tier:
            _changed(tx, cid, old.get(cid, ""), tier)
            changed += 1
    conn = tx.connection()
    conn.execute(_UPDATE, params)
    return changed


def recompute_all(db: Database, now: datetime | None = None, chunk: int = 500) -> int:
    """The daily job: every member's tier, tag and RFM scores; the tiers that changed."""
    when = now or clock.utcnow()
    with db.reading() as tx:
        everyone = loyalty_stats.stats(tx, when)
        ids = sorted(set(everyone) | set(loyalty_stats.members(tx)))
    buyers = [b for cid, s in everyone.items() if (b := s.buyer(cid, when)) is not None]
    scale = rules.rfm_scale(buyers)
    changed = 0
    for start in range(0, len(ids), chunk):
        part = ids[start:start + chunk]

        def run(tx: Session, part: list[int] = part) -> int:
            return _apply(tx, part, when, scale)

        changed += db.unit(run)
    return changed
