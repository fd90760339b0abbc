"""Money is an integer count of minor units (fen) plus an ISO currency code: never a float."""

from __future__ import annotations

from dataclasses import dataclass

from mercato.kernel.errors import DomainError

_DECIMALS = {"CNY": 2, "USD": 2, "EUR": 2, "JPY": 0}


@dataclass(frozen=True, slots=True)
class Money:
    minor: int
    currency: str = "CNY"

    def __post_init__(self) -> None:
        if isinstance(self.minor, bool) or not isinstance(self.minor, int):
            raise TypeError("Money.minor must be an int")
        if self.currency not in _DECIMALS:
            raise DomainError("money.unknown_currency", f"Unknown currency {self.currency}")

    def __add__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor + other.minor, self.currency)

    def __sub__(self, other: Money) -> Money:
        self._same(other)
        return Money(self.minor - other.minor, self.currency)

    def times(self, quantity: int) -> Money:
        return Money(self.minor * quantity, self.currency)

    def _same(self, other: Money) -> None:
        if other.currency != self.currency:
            raise DomainError("money.currency_mismatch", "Cannot mix currencies")

    @property
    def decimals(self) -> int:
        return _DECIMALS[self.currency]

    def format(self) -> str:
        """Plain decimal string, e.g. 12.50; the sign goes first."""
        d = self.decimals
        sign = "-" if self.minor < 0 else ""
        units, frac = divmod(abs(self.minor), 10**d)
        return f"{sign}{units}.{frac:0{d}d}" if d else f"{sign}{units}"

    @classmethod
    def parse(cls, text: str, currency: str = "CNY") -> Money:
        """Parse '12', '12.5' or '12.50' exactly (no float on the way)."""
        raw = text.strip()
        d = _DECIMALS.get(currency, 2)
        if len(raw) > 24:
            raise DomainError("money.invalid", "Amount is too long")
        neg = raw.startswith("-")
        body = raw[1:] if neg else raw
        units, dot, frac = body.partition(".")
        if (
            not (units.isascii() and units.isdigit())
            or (dot and not (frac.isascii() and frac.isdigit()))
            or len(frac) > d
        ):
            raise DomainError("money.invalid", f"Not an amount: {text!r}")
        minor = int(units) * 10**d + (int(frac.ljust(d, "0")) if d else 0)
        return cls(-minor if neg else minor, currency)
