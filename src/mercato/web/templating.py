"""Jinja2 environment with gettext, money formatting and per-request locale."""

from __future__ import annotations

import hashlib
from functools import cache
from pathlib import Path
from typing import Any

from fastapi.templating import Jinja2Templates
from jinja2 import Environment, FileSystemLoader

from mercato.kernel.money import Money
from mercato.platform import clock
from mercato.platform.i18n import current_locale, translations

WEB_DIR = Path(__file__).resolve().parent


def money(minor: int | None, currency: str = "CNY") -> str:
    if minor is None:
        return ""
    return (
        "¥" + Money(int(minor), currency).format()
        if currency == "CNY"
        else f"{Money(int(minor), currency).format()} {currency}"
    )


def price_range(lo: int, hi: int, currency: str = "CNY") -> str:
    return money(lo, currency) if lo == hi else f"{money(lo, currency)} – {money(hi, currency)}"


@cache
def asset(name: str) -> str:
    """/static/<name>?v=<digest of its content>: static files are cached for a year, so a
    changed file must change its address (the digest does it; nobody bumps a number)."""
    digest = hashlib.sha256((WEB_DIR / "static" / name).read_bytes()).hexdigest()[:10]
    return f"/static/{name}?v={digest}"


def _gettext(message: str, **kw: Any) -> str:
    text = translations(current_locale.get()).gettext(message)
    return text % kw if kw else text


def _ngettext(singular: str, plural: str, n: int, **kw: Any) -> str:
    text = translations(current_locale.get()).ngettext(singular, plural, n)
    return text % {"num": n, **kw}


def make_templates(extra_dirs: list[Path]) -> Jinja2Templates:
    env = Environment(
        loader=FileSystemLoader([WEB_DIR / "templates", *extra_dirs]),
        extensions=["jinja2.ext.i18n"],
        autoescape=True,
    )
    templates = Jinja2Templates(env=env)
    env.install_gettext_callables(_gettext, _ngettext, newstyle=True)  # type: ignore[attr-defined]
    env.filters["money"] = money
    env.globals["price_range"] = price_range
    env.globals["locale"] = lambda: current_locale.get()
    env.globals["shop_time"] = clock.shop_time
    env.globals["asset"] = asset
    env.trim_blocks = True
    env.lstrip_blocks = True
    return templates
