"""How a parcel's progress reads to people, in their language."""

from __future__ import annotations

from mercato.logistics import carriers, domain
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

_STAGES = {
    "": N_("Waiting for the courier"),
    carriers.COLLECTED: N_("Collected by the courier"),
    carriers.IN_TRANSIT: N_("In transit"),
    carriers.DELIVERING: N_("Out for delivery"),
    carriers.SIGNED: N_("Signed for"),
    carriers.FAILED: N_("Delivery problem"),
    carriers.RETURNED: N_("Being returned"),
}
_STATUSES = {
    domain.ALLOCATED: N_("Waiting to be packed"),
    domain.PICKING: N_("Being packed"),
    domain.SHIPPED: N_("Out of the warehouse"),
    domain.SIGNED: N_("Signed for"),
    domain.CANCELLED: N_("Cancelled"),
}
# The steps a shopper sees (paid → packed → out of the warehouse → in transit → signed for).
STEPS = (N_("Paid"), N_("Packed"), N_("Out of the warehouse"), N_("In transit"),
         N_("Signed for"))


def stage_label(stage: str) -> str:
    msgid = _STAGES.get(stage)
    return _(msgid) if msgid else stage


def status_label(status: str) -> str:
    msgid = _STATUSES.get(status)
    return _(msgid) if msgid else status


def step_of(status: str, stage: str) -> int:
    """How far along STEPS a parcel is (0-based)."""
    if status == domain.SIGNED or stage == carriers.SIGNED:
        return 4
    if status == domain.SHIPPED:
        return 3 if stage in (carriers.IN_TRANSIT, carriers.DELIVERING) else 2
    return 1 if status == domain.PICKING else 0


def steps() -> list[str]:
    return [_(s) for s in STEPS]
