"""Building API bodies from read models."""

from __future__ import annotations

from dataclasses import fields
from typing import Any

_NAMES: dict[type, tuple[str, ...]] = {}


def _names(cls: type) -> tuple[str, ...]:
    names = _NAMES.get(cls)
    if names is None:
        names = _NAMES[cls] = tuple(f.name for f in fields(cls))
    return names


def fields_of(obj: Any) -> dict[str, Any]:
    """A dataclass's fields as a dict, one level deep. dataclasses.asdict copies every value
    deeply, field by field: the order and cart answers spent more time there than in their
    SQL (docs/benchmarks.md). Read models hold plain values, so one level is all they need."""
    return {name: getattr(obj, name) for name in _names(type(obj))}
