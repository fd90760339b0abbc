"""Who a bulk issue goes to: a segment (member tiers and life-cycle tags, through
members.public.segment) or customers listed by id or mobile number."""

from __future__ import annotations

import re

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from mercato.members import public as members
from mercato.platform.i18n import N_
from mercato.promotions import domain
from mercato.promotions.web.forms import REGULAR
from mercato.promotions.web.labels import TAGS

MAX_LISTED = 5000
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def _listed(tx: Session, text: str, problems: domain.Problems) -> list[int]:
    tokens = [t for t in re.split(r"[\s,，、;；]+", text) if t]
    if not tokens:
        problems["customers"] = N_("List customer ids or mobile numbers")
        return []
    if len(tokens) > MAX_LISTED:
        problems["customers"] = N_("At most 5,000 customers at a time")
        return []
    phones = [t for t in tokens if _MOBILE.match(t)]
    ids = [int(t) for t in tokens if t.isdigit() and len(t) <= 9]
    if len(phones) + len(ids) != len(tokens):
        problems["customers"] = N_("Customer ids are whole numbers; mobiles have 11 digits")
        return []
    # Mobile numbers need members' lookup by phone (members.public.customer_ids_for_phones).
    lookup = getattr(members, "customer_ids_for_phones", None)
    if phones and lookup is None:
        problems["customers"] = N_("Customers can be listed by id only")
        return []
    found: dict[str, int] = dict(lookup(tx, phones)) if phones and lookup else {}
    if len(found) != len(set(phones)):
        problems["customers"] = N_("Some mobile numbers belong to no customer")
        return []
    # Only active customers get coupons (members' segment of everyone; a lookup of just
    # these ids would be cheaper, once members offers one).
    known = set(members.segment(tx, frozenset(), frozenset())) if ids else set()
    if not set(ids) <= known:
        problems["customers"] = N_("Some ids belong to no active customer")
        return []
    return ids + list(found.values())


def customers_of(tx: Session, form: FormData) -> tuple[str, list[int], domain.Problems]:
    """(source, customer ids, problems) of the issue form."""
    problems: domain.Problems = {}
    if str(form.get("target", "")) == "list":
        return "manual", _listed(tx, str(form.get("customers", ""))[:80_000], problems), problems
    tiers = {"" if t == REGULAR else str(t) for t in form.getlist("tiers")}
    tags = {str(t) for t in form.getlist("tags")}
    if not tiers <= set(domain.TIERS) or not tags <= set(TAGS):
        problems["segment"] = N_("Unknown member tier or tag")
        return "segment", [], problems
    return "segment", members.segment(tx, frozenset(tiers), frozenset(tags)), problems
