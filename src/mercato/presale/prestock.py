"""Pre-stocking a presale item, pure: where its orders would ship from and what each
warehouse still has to get in. No I/O.

Each live order (its deposit due or paid, or its balance paid but not yet shipped) counts
as demand at the warehouse that would ship to its province: the nearest by days on the
road, ties (and provinces nobody can place) going to the first warehouse by priority. A
warehouse must prepare what its demand leaves uncovered by its available stock (on hand
less reserved) and the stock the merchant expects there:
to_prepare = max(0, demand − available − incoming)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


def to_prepare(demand: int, available: int, incoming: int) -> int:
    return max(0, demand - available - incoming)


def nearest(order: Sequence[int], days: Mapping[int, int | None]) -> int | None:
    """The warehouse of `order` (ids by priority) with the fewest `days` to the shopper;
    ties and unknown distances go to the earlier one; the first when no distance is known;
    None without warehouses."""
    known = [(d, n) for n, wh in enumerate(order) if (d := days.get(wh)) is not None]
    if known:
        return order[min(known)[1]]
    return order[0] if order else None


def demand_by_warehouse(units_by_province: Mapping[str, int],
                        ships_from: Mapping[str, int | None]) -> dict[int, int]:
    """Units of live orders per warehouse, each province's going where `ships_from` says
    (provinces without a warehouse are left out: there is none to prepare)."""
    out: dict[int, int] = {}
    for province, units in units_by_province.items():
        wh = ships_from.get(province)
        if wh is not None and units > 0:
            out[wh] = out.get(wh, 0) + units
    return out


@dataclass(frozen=True, slots=True)
class Place:
    """One warehouse's figures for one item."""

    warehouse_id: int
    on_hand: int
    available: int
    incoming: int
    demand: int

    @property
    def to_prepare(self) -> int:
        return to_prepare(self.demand, self.available, self.incoming)


@dataclass(frozen=True, slots=True)
class Plan:
    """An item's figures per warehouse, in the warehouses' order, and their totals."""

    planned: int  # units the campaign may sell
    taken: int  # units in orders not ended
    places: tuple[Place, ...]

    def total(self, figure: str) -> int:
        return sum(int(getattr(p, figure)) for p in self.places)

    @property
    def to_prepare(self) -> int:
        """What all warehouses must get in (each short one's own: stock elsewhere is not
        where the orders ship from)."""
        return self.total("to_prepare")


def plan(planned: int, taken: int, order: Sequence[int],
         levels: Mapping[int, tuple[int, int]], incoming: Mapping[int, int],
         demand: Mapping[int, int]) -> Plan:
    """The plan over the warehouses of `order`: `levels` (on hand, reserved) per warehouse,
    a warehouse without one holding nothing; `incoming` and `demand` units per warehouse."""
    places = []
    for wh in order:
        on_hand, reserved = levels.get(wh, (0, 0))
        places.append(Place(wh, on_hand, max(0, on_hand - reserved), incoming.get(wh, 0),
                            demand.get(wh, 0)))
    return Plan(planned, taken, tuple(places))
