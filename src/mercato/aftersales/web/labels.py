"""Words for after-sales codes, marked for translation where they are written down."""

from __future__ import annotations

from mercato.aftersales import domain
from mercato.platform.i18n import N_
from mercato.platform.i18n import gettext_ as _

KIND_LABELS = {
    domain.RETURN: N_("Return and refund"),
    domain.EXCHANGE: N_("Exchange"),
    domain.REFUND: N_("Refund only (not shipped)"),
}
REASON_LABELS = {
    domain.NO_REASON: N_("Changed my mind (no-reason return)"),
    "quality": N_("Quality problem"),
    "damaged": N_("Arrived damaged"),
    "wrong_item": N_("Wrong item sent"),
    "not_as_described": N_("Not as described"),
    "not_needed": N_("No longer needed"),
    "out_of_stock": N_("Cannot wait for it"),
}
STATUS_LABELS = {
    domain.REQUESTED: N_("Waiting for the shop to review"),
    domain.APPROVED: N_("Approved: send it back"),
    domain.REJECTED: N_("Rejected"),
    domain.RETURNING: N_("On its way back"),
    domain.RECEIVED: N_("Received and inspected"),
    domain.REFUNDING: N_("Refund in progress"),
    domain.REFUNDED: N_("Refunded"),
    domain.EXCHANGED: N_("Replacement sent"),
    domain.CANCELLED: N_("Withdrawn"),
}
DISPOSITION_LABELS = {domain.RESTOCK: N_("Back in stock"), domain.QUARANTINE: N_("Quarantined")}


def kind_label(code: str) -> str:
    return _(KIND_LABELS.get(code, code))


def reason_label(code: str) -> str:
    return _(REASON_LABELS.get(code, code))


def status_label(code: str) -> str:
    return _(STATUS_LABELS.get(code, code))


def disposition_label(code: str) -> str:
    return _(DISPOSITION_LABELS.get(code, code)) if code else "—"


HELPERS = {"kind_label": kind_label, "reason_label": reason_label,
           "status_label": status_label, "disposition_label": disposition_label}
