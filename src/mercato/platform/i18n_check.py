"""`python -m mercato.platform.i18n_check` (part of `make lint`): every message the code can
show — gettext calls in Python and templates, and the messages of domain errors, which the web
shell translates when it renders them — has a zh_CN translation. Exits 1 listing the missing.

Messages picked at run time from data (a status label table, a reason code) are not seen here:
mark each with `N_("...")` where it is written down so this check finds it."""

from __future__ import annotations

import contextlib
import io
import sys
from collections.abc import Iterator
from pathlib import Path

from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1]
CATALOGUE = ROOT / "locale" / "zh_CN" / "LC_MESSAGES"
METHODS = [("**.py", "python"), ("**.html", "jinja2")]
OPTIONS = {"**.html": {"extensions": "jinja2.ext.i18n", "newstyle_gettext": "true"}}
# Errors carry (code, message, field): the message is their second argument.
ERRORS = (
    "DomainError",
    "NotFound",
    "Conflict",
    "Unauthorized",
    "Forbidden",
    "TooManyRequests",
    "Busy",
    "PaymentError",
    "ProviderError",
    "TradeNotFound",
    "TradeConflict",
    "LoginRequired",
    "WechatUnavailable",
    "rejected",
)
KEYWORDS: dict[str, object] = {
    "_": None,
    "gettext_": None,
    "gettext": None,
    "N_": None,
    "ngettext": (1, 2),
    **dict.fromkeys(ERRORS, (2,)),
}


def shown() -> dict[str, str]:
    """Every literal message in the code → where it first appears."""
    found: dict[str, str] = {}
    messages: Iterator[tuple[str, int, str | tuple[str, ...], list[str], str | None]]
    messages = extract_from_dir(str(ROOT), METHODS, OPTIONS, KEYWORDS)  # type: ignore[arg-type]
    # Babel notes every f-string passed to a keyword (a DomainError's dynamic message): noise.
    with contextlib.redirect_stderr(io.StringIO()):
        for filename, line, message, _comments, _context in messages:
            first = message[0] if isinstance(message, tuple) else message
            if first:
                found.setdefault(first, f"{filename}:{line}")
    return found


def translated() -> set[str]:
    out: set[str] = set()
    for po in sorted(CATALOGUE.glob("*.po")):
        with po.open("rb") as fh:
            for m in read_po(fh, locale="zh_CN"):
                first = m.id[0] if isinstance(m.id, tuple | list) else m.id
                text = m.string[0] if isinstance(m.string, tuple | list) else m.string
                if first and text:
                    out.add(first)
    return out


def missing() -> dict[str, str]:
    have = translated()
    return {m: where for m, where in shown().items() if m not in have}


def main() -> int:
    gaps = missing()
    for message, where in sorted(gaps.items(), key=lambda kv: kv[1]):
        print(f"{where}: no zh_CN translation for {message!r}", file=sys.stderr)
    if gaps:
        print(f"{len(gaps)} messages lack a zh_CN translation ({CATALOGUE})", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
