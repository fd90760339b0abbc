"""The preview's sample cart as typed: one SKU a line, "1203 x 2" (units default to 1)."""

from __future__ import annotations

import re

from starlette.datastructures import FormData

from mercato.platform.i18n import N_
from mercato.promotions import domain
from mercato.promotions.services.preview import MAX_LINES, Sample
from mercato.promotions.web.forms import REGULAR, Reader

_LINE = re.compile(r"^(\d{1,9})(?:\s*[x×*\s]\s*(\d{1,4}))?$")


def sample_of(form: FormData) -> tuple[Sample, domain.Problems]:
    r = Reader(form)
    lines: list[tuple[int, int]] = []
    for raw in r.text("sample", 2000).splitlines():
        text = raw.strip().lower()
        if not text:
            continue
        m = _LINE.match(text)
        if m is None or int(m.group(2) or 1) < 1:
            r.problems["sample"] = N_("One SKU id a line, with its units: 1203 x 2")
            break
        lines.append((int(m.group(1)), int(m.group(2) or 1)))
    if not lines:
        r.problems.setdefault("sample", N_("Add at least one SKU to the sample cart"))
    if len(lines) > MAX_LINES:
        r.problems["sample"] = N_("At most 20 lines")
    tier = r.text("sample_tier", 20)
    tier = "" if tier == REGULAR else tier
    if tier not in domain.TIERS:
        r.problems["sample_tier"] = N_("Unknown member tier")
    channel = r.text("sample_channel", 10) or "web"
    if channel not in domain.CHANNELS:
        r.problems["sample_channel"] = N_("Unknown channel")
    shipping = r.fen("sample_shipping")
    return Sample(tuple(lines), tier, channel, shipping), r.problems
