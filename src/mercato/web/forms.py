"""Admin forms: reading one posted as text, and the redirect after a write.

Reading: each value trimmed and cut to size, yuan to integer
fen (Decimal, never float), whole numbers, datetime-local in shop time to naive UTC. Each
problem is kept under its field (the first one), as an English msgid the page translates;
a value in error reads as 0 (or None) so the form can be checked to the end."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal
from urllib.parse import quote

from starlette.datastructures import FormData
from starlette.responses import RedirectResponse

from mercato.platform import clock
from mercato.platform.i18n import N_

YUAN = re.compile(r"^\d{1,7}(\.\d{1,2})?$")
WHOLE = re.compile(r"^-?\d{1,9}$")


class FormReader:
    def __init__(self, form: FormData) -> None:
        self.form = form
        self.problems: dict[str, str] = {}

    def text(self, name: str, limit: int = 200) -> str:
        # NUL never means anything here (and PostgreSQL refuses it in text).
        return str(self.form.get(name, "") or "").replace("\x00", "").strip()[:limit]

    def fail(self, field: str, message: str) -> int:
        self.problems.setdefault(field, message)
        return 0

    def fen(self, name: str, missing: str = "") -> int:
        """Yuan as typed ("199", "9.90", "¥1,299") in fen; empty: 0, or `missing` said."""
        raw = self.text(name).replace(",", "").lstrip("¥￥")
        if not raw:
            return self.fail(name, missing) if missing else 0
        if not YUAN.match(raw):
            return self.fail(name, N_("Enter an amount in yuan, like 199 or 9.90"))
        return int(Decimal(raw) * 100)

    def whole(self, name: str, default: int = 0, field: str = "") -> int:
        raw = self.text(name)
        if not raw:
            return default
        if not WHOLE.match(raw):
            return self.fail(field or name, N_("Enter a whole number"))
        return int(raw)

    def time(self, name: str) -> datetime | None:
        """A datetime-local value in shop time, as stored (naive UTC); empty: None."""
        raw = self.text(name, 40)
        if not raw:
            return None
        try:
            local = datetime.fromisoformat(raw.replace(" ", "T"))
        except ValueError:
            local = None
        if local is None or local.tzinfo is not None or not 2000 <= local.year <= 2100:
            self.fail(name, N_("Enter a date and time"))
            return None
        return local.replace(tzinfo=clock.zone()).astimezone(UTC).replace(tzinfo=None)


def back(url: str, flash: str) -> RedirectResponse:
    """After a write: to `url` (303), with the message the page shows once."""
    glue = "&" if "?" in url else "?"
    return RedirectResponse(f"{url}{glue}flash={quote(flash)}", status_code=303)
