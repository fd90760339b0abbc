"""Admin form <-> service data. Scenario blocks arrive as numbered fields
(blocks.<i>.type, blocks.<i>.body_zh, ...); blank new rows and rows marked for removal are
dropped, the rest are ordered by their position field."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from starlette.datastructures import FormData

from mercato.content.adapters.tables import Banner, ScenarioPage
from mercato.content.domain import BannerData, ScenarioData
from mercato.platform.i18n import gettext_ as _

MAX_ROWS = 40
BLANK_ROWS = 2
BLOCK_FIELDS = (
    "type",
    "body_zh",
    "body_en",
    "url",
    "alt_zh",
    "alt_en",
    "title_zh",
    "title_en",
    "products",
    "pos",
)
PAGE_FIELDS = ("slug", "title_zh", "title_en", "summary_zh", "summary_en", "hero_image")
BANNER_FIELDS = ("title_zh", "title_en", "subtitle_zh", "subtitle_en", "image", "link")
_ROW_KEY = re.compile(r"^blocks\.(\d{1,3})\.([a-z_]+)$")
_SPLIT = re.compile(r"[\s,，、]+")


def field_text(form: FormData, name: str) -> str:
    value = form.get(name)
    return value if isinstance(value, str) else ""


def _int(raw: str, default: int) -> int:
    text = raw.strip()
    if len(text) > 9:
        return default
    try:
        return int(text)
    except ValueError:
        return default


def block_rows(form: FormData) -> list[dict[str, Any]]:
    """The block rows as typed, in form order, each with its form index `i`."""
    rows: dict[int, dict[str, Any]] = {}
    for key, value in form.multi_items():
        m = _ROW_KEY.match(key)
        if m and int(m.group(1)) < MAX_ROWS and isinstance(value, str):
            row = rows.setdefault(int(m.group(1)), {"i": int(m.group(1))})
            row[m.group(2)] = value
    return [rows[i] for i in sorted(rows)]


def _is_blank(row: Mapping[str, Any]) -> bool:
    return not any(str(row.get(f, "")).strip() for f in BLOCK_FIELDS if f != "pos")


def scenario_data(form: FormData) -> tuple[ScenarioData, list[int], list[dict[str, Any]]]:
    """(data for the service, form index of each block passed, all rows to redisplay)."""
    rows = block_rows(form)
    kept = [r for r in rows if not r.get("remove") and not _is_blank(r)]
    kept.sort(key=lambda r: (_int(str(r.get("pos", "")), r["i"] * 10), r["i"]))
    blocks = [
        {
            **{f: r.get(f, "") for f in BLOCK_FIELDS if f not in ("products", "pos")},
            "product_slugs": [s for s in _SPLIT.split(r.get("products", "")) if s],
        }
        for r in kept
    ]
    fields = {f: field_text(form, f) for f in PAGE_FIELDS}
    return ScenarioData(**fields, blocks=blocks), [r["i"] for r in kept], rows


def form_errors(errors: Mapping[str, str], row_index: list[int]) -> dict[str, str]:
    """Service error fields ('blocks.<k>.x', k = position among the blocks passed) renamed
    to the form's own field names, messages translated."""
    out = {}
    for field, message in errors.items():
        m = re.match(r"^blocks\.(\d+)\.(.+)$", field)
        if m and int(m.group(1)) < len(row_index):
            field = f"blocks.{row_index[int(m.group(1))]}.{m.group(2)}"
        out[field] = translate(message)
    return out


def translate(message: str) -> str:
    """'Reason: details' messages translate their reason and keep the details as typed."""
    head, sep, tail = message.partition(": ")
    return _(head) + sep + tail if sep else _(message)


def page_rows(page: ScenarioPage | None, slugs: Mapping[int, str]) -> list[dict[str, Any]]:
    """Stored blocks as form rows (product ids shown as slugs)."""
    rows = []
    for i, b in enumerate(page.blocks if page else []):
        row: dict[str, Any] = {k: v for k, v in b.items() if isinstance(v, str)}
        ids = _ids(b)
        row.update(i=i, pos=str(i * 10), products=", ".join(slugs.get(p, str(p)) for p in ids))
        rows.append(row)
    return rows


def _ids(block: Mapping[str, object]) -> list[int]:
    ids = block.get("product_ids")
    return [i for i in ids if isinstance(i, int)] if isinstance(ids, list) else []


def product_ids(page: ScenarioPage) -> list[int]:
    """Every product id the stored blocks name (to look their slugs up at once)."""
    return [i for b in page.blocks or [] for i in _ids(b)]


def with_blanks(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    start = max((int(r["i"]) for r in rows), default=-1) + 1
    end = min(start + BLANK_ROWS, MAX_ROWS)
    return rows + [{"i": i, "pos": str(i * 10)} for i in range(start, end)]


def page_values(page: ScenarioPage | None) -> dict[str, str]:
    return {f: (getattr(page, f) or "") if page else "" for f in PAGE_FIELDS}


def banner_data(form: FormData) -> BannerData:
    fields = {f: field_text(form, f) for f in BANNER_FIELDS}
    return BannerData(
        **fields,
        position=_int(field_text(form, "position") or "0", -1),
        active=bool(field_text(form, "active")),
    )


def banner_values(banner: Banner | None) -> dict[str, Any]:
    if banner is None:
        return {**dict.fromkeys(BANNER_FIELDS, ""), "link": "/", "position": 0, "active": True}
    values: dict[str, Any] = {f: getattr(banner, f) or "" for f in BANNER_FIELDS}
    return {**values, "position": banner.position, "active": banner.active}
