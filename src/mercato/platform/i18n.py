"""gettext catalogues for zh_CN and en, read straight from the .po files at start-up (compiled
in memory), so a fresh clone needs no compile step."""

from __future__ import annotations

import gettext
from contextvars import ContextVar
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

LOCALES = ("zh_CN", "en")
LOCALE_DIR = Path(__file__).resolve().parents[1] / "locale"
current_locale: ContextVar[str] = ContextVar("current_locale", default="zh_CN")


@cache
def translations(locale: str) -> gettext.NullTranslations:
    """Every .po file in the locale folder (one per area of the app) merged into one."""
    folder = LOCALE_DIR / locale / "LC_MESSAGES"
    files = sorted(folder.glob("*.po")) if folder.is_dir() else []
    if not files:
        return gettext.NullTranslations()
    merged = None
    for po in files:
        with po.open("rb") as fh:
            catalog = read_po(fh, locale=locale)
        if merged is None:
            merged = catalog
        else:
            for message in catalog:
                if message.id and message.string:
                    merged[message.id] = message
    assert merged is not None
    buf = BytesIO()
    write_mo(buf, merged)
    buf.seek(0)
    return gettext.GNUTranslations(buf)


def N_(message: str) -> str:
    """Marks a msgid written down for later (a label table): gettext_ translates it when it
    is shown, and the translation check (mercato.platform.i18n_check) finds it here."""
    return message


def gettext_(message: str) -> str:
    return translations(current_locale.get()).gettext(message)


def ngettext_(singular: str, plural: str, n: int) -> str:
    return translations(current_locale.get()).ngettext(singular, plural, n)


def pick_locale(requested: str | None, default: str) -> str:
    if requested in LOCALES:
        return requested
    if requested and requested.lower().startswith("en"):
        return "en"
    if requested and requested.lower().startswith("zh"):
        return "zh_CN"
    return default


_ = gettext_
