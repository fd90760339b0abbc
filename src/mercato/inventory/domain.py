"""Stock rules: quantities are whole units, never negative, reserved never above on hand."""

from __future__ import annotations

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
)
MAX_QTY = 10_000_000


class InsufficientStock(Conflict):
    def __init__(self, field: str = "quantity") -> None:
        super().__init__("inventory.insufficient_stock", "Not enough stock", field)


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
