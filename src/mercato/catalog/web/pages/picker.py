"""The variant picker's state, computed on the server so the page works without JavaScript:
which value of each axis is chosen, which values can still be chosen (an in-stock SKU exists
with the other chosen values), and which SKU each button selects."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from mercato.catalog.views import AxisView, SkuView


@dataclass(frozen=True, slots=True)
class Choice:
    value: str
    label: str
    sku_id: int  # the SKU this button selects; 0 when none can be bought
    selected: bool
    enabled: bool


@dataclass(frozen=True, slots=True)
class AxisChoices:
    code: str
    label: str
    choices: tuple[Choice, ...]


def matches(sku: SkuView, want: Mapping[str, str]) -> bool:
    return all(sku.options.get(a) == v for a, v in want.items())


def chosen_sku(skus: Sequence[SkuView], sku_id: int | None) -> SkuView | None:
    """The SKU asked for by ?sku=, or the only SKU when there is nothing to choose."""
    if len(skus) == 1:
        return skus[0]
    return next((s for s in skus if s.id == sku_id), None)


def _target(skus: Sequence[SkuView], avail: Mapping[int, int], want: dict[str, str]) -> int:
    return next((s.id for s in skus if matches(s, want) and avail.get(s.id, 0) > 0), 0)


def choices(
    axes: Sequence[AxisView],
    skus: Sequence[SkuView],
    avail: Mapping[int, int],
    selected: Mapping[str, str],
) -> list[AxisChoices]:
    out = []
    for axis in axes:
        others = {a: v for a, v in selected.items() if a != axis.code}
        row = []
        for value, label in axis.values:
            sku_id = _target(skus, avail, {**others, axis.code: value})
            on = selected.get(axis.code) == value
            # A chosen value stays clickable even when sold out, so it can be un-chosen.
            row.append(Choice(value, label, sku_id, on, on or sku_id != 0))
        out.append(AxisChoices(axis.code, axis.label, tuple(row)))
    return out
