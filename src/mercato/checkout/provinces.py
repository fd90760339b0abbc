"""China's provincial-level divisions: they live in `mercato.kernel.provinces` (inventory and
the catalogue use them too); checkout keeps importing them from here."""

from __future__ import annotations

from mercato.kernel.provinces import (
    ALL,
    AUTONOMOUS_REGIONS,
    MAINLAND,
    MUNICIPALITIES,
    PROVINCES,
    canonical,
    is_known,
    ordered,
)

__all__ = [
    "ALL",
    "AUTONOMOUS_REGIONS",
    "MAINLAND",
    "MUNICIPALITIES",
    "PROVINCES",
    "canonical",
    "is_known",
    "ordered",
]
