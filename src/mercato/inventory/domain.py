"""Stock rules: quantities are whole units, never negative, reserved never above on hand."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mercato.kernel import provinces
from mercato.kernel.errors import Conflict, DomainError

REASONS = (
    "initial",
    "receive",
    "adjust",
    "count",
    "import",
    "reserve",
    "release",
    "ship",
    "return",
    "damage",
    "quarantine",  # came back unfit to sell: kept aside, counted, never sold
    "exchange",  # a replacement sent for an exchange
)
MAX_QTY = 10_000_000


class InsufficientStock(Conflict):
    def __init__(self, field: str = "quantity", sku_id: int | None = None) -> None:
        super().__init__("inventory.insufficient_stock", "Not enough stock", field)
        self.sku_id = sku_id


def check_quantity(value: int, field: str = "quantity", allow_zero: bool = False) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise DomainError("inventory.invalid_quantity", "Quantity must be a whole number", field)
    if value < 0 or (value == 0 and not allow_zero) or value > MAX_QTY:
        raise DomainError("inventory.invalid_quantity", "Quantity out of range", field)
    return value


def check_delta(value: int, field: str = "delta") -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value == 0 or abs(value) > MAX_QTY:
        raise DomainError(
            "inventory.invalid_quantity", "Change must be a non-zero whole number", field
        )
    return value


def check_reason(reason: str) -> str:
    if reason not in REASONS:
        raise DomainError(
            "inventory.invalid_reason", f"Reason must be one of {', '.join(REASONS)}", "reason"
        )
    return reason


def available(on_hand: int, reserved: int) -> int:
    return max(on_hand - reserved, 0)


@dataclass(frozen=True, slots=True)
class StockRow:
    stock_id: int
    sku_id: int
    warehouse_id: int
    available: int


@dataclass(frozen=True, slots=True)
class Allocation:
    stock_id: int
    sku_id: int
    warehouse_id: int
    quantity: int


def allocate(rows: Sequence[StockRow], wanted: Mapping[int, int]) -> list[Allocation]:
    """Take each SKU's units from its rows in the order given (warehouse priority), preferring
    one warehouse that holds the whole quantity so an order line ships as one parcel."""
    by_sku: dict[int, list[StockRow]] = {}
    for row in rows:
        by_sku.setdefault(row.sku_id, []).append(row)
    out: list[Allocation] = []
    for sku_id, qty in sorted(wanted.items()):
        check_quantity(qty)
        candidates = [r for r in by_sku.get(sku_id, []) if r.available > 0]
        whole = next((r for r in candidates if r.available >= qty), None)
        if whole is not None:
            out.append(Allocation(whole.stock_id, sku_id, whole.warehouse_id, qty))
            continue
        if sum(r.available for r in candidates) < qty:
            raise InsufficientStock("items", sku_id)
        left = qty
        for r in candidates:
            take = min(left, r.available)
            out.append(Allocation(r.stock_id, sku_id, r.warehouse_id, take))
            left -= take
            if left == 0:
                break
    return out


def check_province(value: str) -> str:
    """A warehouse's province as its full name ("广东" → "广东省"), or "" for none; only the
    31 of the mainland (delivery estimates know no others)."""
    if not (value or "").strip():
        return ""
    name = provinces.canonical(value)
    if name not in provinces.MAINLAND:
        raise DomainError("inventory.unknown_province", "Choose a mainland province", "province")
    return name


@dataclass(frozen=True, slots=True)
class CountProblem:
    """Why one count was refused: "range" (not 0..MAX_QTY), "unknown" (no such SKU or
    warehouse) or "below_reserved" (`reserved` units are held for orders)."""

    reason: str
    reserved: int = 0


class CountsRefused(Conflict):
    """Some counts could not be set; nothing was written. `problems` maps each refused
    (sku id, warehouse id) to its CountProblem."""

    def __init__(self, problems: Mapping[tuple[int, int], CountProblem]) -> None:
        super().__init__("inventory.counts_refused", "Some counts were refused", "counts")
        self.problems = dict(problems)


def nearest_plan(
    rows: Sequence[StockRow], wanted: Mapping[int, int], days: Mapping[int, int]
) -> list[Allocation]:
    """Allocate `wanted` (SKU → units) for shipping: `rows` carry what each row could give
    this order (its free units plus what the order already holds there), `days` each
    warehouse's days on the road to the shopper. One warehouse for the whole order if any
    (nearest), else per SKU the nearest that holds it whole, else split nearest first."""
    ranked = sorted(rows, key=lambda r: (days.get(r.warehouse_id, 99), r.warehouse_id))
    houses = list(dict.fromkeys(r.warehouse_id for r in ranked))
    by_house = {(r.warehouse_id, r.sku_id): r for r in ranked}
    for wh in houses:
        if all(by_house.get((wh, s), _NONE).available >= q for s, q in wanted.items()):
            return [Allocation(by_house[(wh, s)].stock_id, s, wh, q)
                    for s, q in sorted(wanted.items())]
    return allocate(ranked, wanted)


_NONE = StockRow(0, 0, 0, 0)
