"""Shipping method persistence. Reads load methods with their rules in one statement (an
outer join), so their cost does not grow with the number of methods or rules."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import bindparam, delete, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from mercato.checkout import provinces
from mercato.checkout.adapters.tables import ShippingMethodRow, ShippingRuleRow
from mercato.checkout.shipping import FeeRule, ShippingMethod
from mercato.kernel.errors import Conflict
from mercato.platform.db import run
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

Loaded = list[tuple[ShippingMethodRow, list[ShippingRuleRow]]]


def load(tx: Session, *, active_only: bool, method_id: int | None = None) -> Loaded:
    """Methods (by position, then id) with their rules (in saved order): one statement."""
    q = (
        select(ShippingMethodRow, ShippingRuleRow)
        .outerjoin(ShippingRuleRow, ShippingRuleRow.method_id == ShippingMethodRow.id)
        .order_by(ShippingMethodRow.position, ShippingMethodRow.id, ShippingRuleRow.id)
    )
    if active_only:
        q = q.where(ShippingMethodRow.active.is_(True))
    if method_id is not None:
        q = q.where(ShippingMethodRow.id == method_id)
    out: dict[int, tuple[ShippingMethodRow, list[ShippingRuleRow]]] = {}
    for method, rule in tx.execute(q):
        _, rules = out.setdefault(method.id, (method, []))
        if rule is not None:
            rules.append(rule)
    return list(out.values())


_M, _R = ShippingMethodRow, ShippingRuleRow
# Built once: every order quotes its method (money path, docs/benchmarks.md).
_ACTIVE_BY_CODE = Prepared(
    select(
        _M.code,
        _M.name_zh,
        _M.name_en,
        _M.carrier,
        _R.provinces,
        _R.first_weight_g,
        _R.first_fee,
        _R.step_g,
        _R.step_fee,
        _R.free_over,
    )
    .outerjoin(_R, _R.method_id == _M.id)
    .where(_M.active.is_(True), _M.code == bindparam("code"))
    .order_by(_R.id)
)


def active_by_code(tx: AnyTx, code: str) -> tuple[ShippingMethod, str] | None:
    """The active method `code` with its rules (in saved order) and its carrier; None when
    there is no such active method. One statement."""
    rows = run(tx, _ACTIVE_BY_CODE, {"code": code}).all()
    if not rows:
        return None
    first = rows[0]
    rules = tuple(
        FeeRule(frozenset(r[4].split(",")), r[5], r[6], r[7], r[8], r[9])
        for r in rows
        if r[4] is not None
    )
    return ShippingMethod(first[0], first[1], first[2], rules), first[3]


def get(tx: Session, method_id: int) -> ShippingMethodRow | None:
    return tx.get(ShippingMethodRow, method_id)


def code_taken(tx: Session, code: str, other_than: int | None) -> bool:
    q = select(ShippingMethodRow.id).where(ShippingMethodRow.code == code)
    if other_than is not None:
        q = q.where(ShippingMethodRow.id != other_than)
    return tx.scalar(q.limit(1)) is not None


def _duplicate() -> Conflict:
    return Conflict("checkout.duplicate_code", "Another shipping method uses this code", "code")


def save(
    tx: Session, row: ShippingMethodRow | None, fields: dict[str, Any], rules: Sequence[FeeRule]
) -> ShippingMethodRow:
    """Insert (row None) or update a method and replace its rules. Two writers racing for
    one code: the loser's savepoint fails on the unique index and it gets a Conflict."""
    own_id = row.id if row is not None else None
    if code_taken(tx, fields["code"], own_id):
        raise _duplicate()
    try:
        with tx.begin_nested():
            if row is None:
                row = ShippingMethodRow(**fields)
                tx.add(row)
            else:
                for name, value in fields.items():
                    setattr(row, name, value)
                tx.execute(delete(ShippingRuleRow).where(ShippingRuleRow.method_id == row.id))
            tx.flush()
            tx.add_all(_rule_row(row.id, rule) for rule in rules)
            tx.flush()
    except IntegrityError:
        if code_taken(tx, fields["code"], own_id):
            raise _duplicate()
        raise
    return row


def _rule_row(method_id: int, rule: FeeRule) -> ShippingRuleRow:
    return ShippingRuleRow(
        method_id=method_id,
        provinces=",".join(provinces.ordered(rule.provinces)),
        first_weight_g=rule.first_weight_g,
        first_fee=rule.first_fee,
        step_g=rule.step_g,
        step_fee=rule.step_fee,
        free_over=rule.free_over,
    )


def fee_rule(row: ShippingRuleRow) -> FeeRule:
    return FeeRule(
        frozenset(row.provinces.split(",")),
        row.first_weight_g,
        row.first_fee,
        row.step_g,
        row.step_fee,
        row.free_over,
    )
