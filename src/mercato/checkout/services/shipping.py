"""Shipping method use cases: create, update and deactivate a method with its fee rules;
list them; quote a parcel. Fees come from checkout/shipping.py; services never commit."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from mercato.checkout import provinces, shipping
from mercato.checkout.adapters import shipping_repo as repo
from mercato.checkout.adapters.tables import ShippingMethodRow, ShippingRuleRow
from mercato.checkout.services.shipping_input import MethodData, fee_rules, method_fields
from mercato.kernel.errors import DomainError, NotFound
from mercato.platform.tx import AnyTx


@dataclass(frozen=True, slots=True)
class ShippingQuote:
    """What one method charges for a parcel."""

    code: str
    name: str  # localised (zh_CN → name_zh, else name_en)
    fee_fen: int
    carrier: str


@dataclass(frozen=True, slots=True)
class RuleView:
    provinces: tuple[str, ...]  # full names in a stable order, or ("*",)
    first_weight_g: int
    first_fee: int
    step_g: int
    step_fee: int
    free_over: int | None


@dataclass(frozen=True, slots=True)
class MethodView:
    id: int
    code: str
    name_zh: str
    name_en: str
    carrier: str
    position: int
    active: bool
    rules: tuple[RuleView, ...]

    def name(self, locale: str) -> str:
        return localised(self.name_zh, self.name_en, locale)


def localised(name_zh: str, name_en: str, locale: str) -> str:
    return name_zh if locale.startswith("zh") else name_en


def _not_found() -> NotFound:
    return NotFound(
        "checkout.shipping_method_not_found", "No such shipping method", "shipping_method"
    )


def _view(row: ShippingMethodRow, rules: list[ShippingRuleRow]) -> MethodView:
    return MethodView(
        id=row.id,
        code=row.code,
        name_zh=row.name_zh,
        name_en=row.name_en,
        carrier=row.carrier,
        position=row.position,
        active=row.active,
        rules=tuple(
            RuleView(
                tuple(r.provinces.split(",")),
                r.first_weight_g,
                r.first_fee,
                r.step_g,
                r.step_fee,
                r.free_over,
            )
            for r in rules
        ),
    )


def list_methods(tx: Session, active_only: bool = False) -> list[MethodView]:
    """Every method (or only the active ones) by position, with its rules: one statement."""
    return [_view(row, rules) for row, rules in repo.load(tx, active_only=active_only)]


def get_method(tx: Session, method_id: int) -> MethodView:
    found = repo.load(tx, active_only=False, method_id=method_id)
    if not found:
        raise _not_found()
    return _view(*found[0])


def create_method(tx: Session, data: MethodData) -> MethodView:
    """A new method with its rules; Conflict when the code is taken."""
    fields = method_fields(data)
    rules = fee_rules(data.rules)
    row = repo.save(tx, None, fields, rules)
    return get_method(tx, row.id)


def update_method(tx: Session, method_id: int, data: MethodData) -> MethodView:
    """Replace a method's fields and all of its rules."""
    row = repo.get(tx, method_id)
    if row is None:
        raise _not_found()
    fields = method_fields(data)
    rules = fee_rules(data.rules)
    repo.save(tx, row, fields, rules)
    return get_method(tx, method_id)


def deactivate_method(tx: Session, method_id: int) -> None:
    """Hide a method from quotes; it stays stored (orders may name it). Idempotent."""
    row = repo.get(tx, method_id)
    if row is None:
        raise _not_found()
    row.active = False
    tx.flush()


def _active(tx: Session) -> list[tuple[shipping.ShippingMethod, str]]:
    loaded = repo.load(tx, active_only=True)
    return [
        (
            shipping.ShippingMethod(
                row.code, row.name_zh, row.name_en, tuple(repo.fee_rule(r) for r in rules)
            ),
            row.carrier,
        )
        for row, rules in loaded
    ]


def active_methods(tx: Session) -> list[shipping.ShippingMethod]:
    """The active methods as domain objects, by position; one statement whatever their
    number and the number of their rules."""
    return [method for method, _ in _active(tx)]


def _check_parcel(province: object, weight_g: object, subtotal_fen: object) -> str:
    if not isinstance(province, str):
        raise DomainError("checkout.invalid_province", "Enter a province", "province")
    if (
        isinstance(weight_g, bool)
        or not isinstance(weight_g, int)
        or not 0 <= weight_g <= shipping.MAX_WEIGHT_G
    ):
        raise DomainError("checkout.invalid_weight", "Parcel weight out of range", "weight_g")
    if isinstance(subtotal_fen, bool) or not isinstance(subtotal_fen, int) or subtotal_fen < 0:
        raise DomainError("checkout.invalid_amount", "Subtotal must be ≥ 0 fen", "subtotal_fen")
    return provinces.canonical(province)


def quotes(
    tx: Session, province: str, weight_g: int, subtotal_fen: int, locale: str
) -> list[ShippingQuote]:
    """Every active method delivering to the province with its fee, cheapest first."""
    where = _check_parcel(province, weight_g, subtotal_fen)
    loaded = _active(tx)
    carriers = {method.code: carrier for method, carrier in loaded}
    ranked = shipping.cheapest([m for m, _ in loaded], where, weight_g, subtotal_fen)
    return [
        ShippingQuote(m.code, localised(m.name_zh, m.name_en, locale), fee, carriers[m.code])
        for m, fee in ranked
    ]


def quote(
    tx: AnyTx, code: str, province: str, weight_g: int, subtotal_fen: int, locale: str
) -> ShippingQuote:
    """One active method's fee; NotFound for an unknown or inactive code, DomainError
    `checkout.no_delivery` when it does not deliver to the province."""
    where = _check_parcel(province, weight_g, subtotal_fen)
    found = repo.active_by_code(tx, code) if isinstance(code, str) else None
    if found is None:
        raise _not_found()
    method, carrier = found
    fee = shipping.quote(method, where, weight_g, subtotal_fen)
    return ShippingQuote(
        method.code, localised(method.name_zh, method.name_en, locale), fee, carrier
    )
