"""Check every row of a products file and gather them into one group per product."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from mercato.catalog import domain
from mercato.catalog.services.csv_io.columns import (
    PRODUCT_PARSERS,
    SKU_COLUMNS,
    SKU_PARSERS,
    Lookups,
)
from mercato.kernel.csvreport import CsvRow, CsvTable, ImportReport
from mercato.kernel.errors import DomainError
from mercato.platform.i18n import gettext_ as _


@dataclass
class SkuRow:
    line: int
    code: str
    values: dict[str, Any]


@dataclass
class ProductRow:
    line: int
    slug: str
    # Typed values of the product columns present in the file; `blank` names the empty ones.
    values: dict[str, Any]
    blank: set[str]
    sku: SkuRow | None
    ok: bool = True
    product_ok: bool = True


@dataclass
class Group:
    slug: str
    first: ProductRow
    rows: list[ProductRow] = field(default_factory=list)


def _cells(
    row: CsvRow, parsers: dict[str, Any], lk: Lookups, report: ImportReport
) -> tuple[dict[str, Any], bool]:
    values: dict[str, Any] = {}
    ok = True
    for column, parse in parsers.items():
        if column not in row.cells:
            continue
        try:
            values[column] = parse(row.cells[column], lk)
        except DomainError as exc:
            report.add(row.line, column, _(exc.message))
            ok = False
    return values, ok


def _sku(row: CsvRow, lk: Lookups, report: ImportReport) -> tuple[SkuRow | None, bool]:
    code = row.get("sku_code")
    if not any(row.get(c) for c in SKU_COLUMNS):
        return None, True  # a product-only row: a product without SKUs
    ok = True
    try:
        code = domain.check_sku_code(code, "sku_code")
    except DomainError as exc:
        report.add(row.line, "sku_code", _(exc.message))
        ok = False
    values, cells_ok = _cells(row, SKU_PARSERS, lk, report)
    return SkuRow(row.line, code, values), ok and cells_ok


def parse_row(row: CsvRow, lk: Lookups, report: ImportReport) -> ProductRow:
    slug = row.get("product_slug")
    slug_ok = True
    try:
        domain.check_slug(slug, "product_slug")
    except DomainError as exc:
        report.add(row.line, "product_slug", _(exc.message))
        slug_ok = False
    values, product_ok = _cells(row, PRODUCT_PARSERS, lk, report)
    sku, sku_ok = _sku(row, lk, report)
    blank = {c for c in PRODUCT_PARSERS if c in row.cells and not row.cells[c]}
    product_ok = product_ok and slug_ok
    return ProductRow(row.line, slug, values, blank, sku, product_ok and sku_ok, product_ok)


def _agrees(first: ProductRow, later: ProductRow, report: ImportReport) -> bool:
    """Rows of one product repeat its fields or leave them empty; the first row wins."""
    ok = True
    for column, value in later.values.items():
        if column in later.blank or column not in first.values:
            continue
        if value != first.values[column]:
            reason = _("Differs from line %(line)s (rows of one product must agree)")
            report.add(later.line, column, reason % {"line": first.line})
            ok = False
    return ok


def _sku_free(row: ProductRow, seen: dict[str, int], lk: Lookups, report: ImportReport) -> bool:
    if row.sku is None or not row.sku.code:
        return True
    code = row.sku.code
    if code in seen:
        reason = _("Duplicate SKU code (also on line %(line)s)") % {"line": seen[code]}
        report.add(row.line, "sku_code", reason)
        return False
    seen[code] = row.line
    owner = lk.skus.get(code)
    if owner is not None and owner[1] != row.slug:
        reason = _("This SKU code belongs to product %(slug)s") % {"slug": owner[1]}
        report.add(row.line, "sku_code", reason)
        return False
    return True


def group_rows(table: CsvTable, lk: Lookups, report: ImportReport) -> list[Group]:
    """Groups in file order; rows with errors are left out (and already reported)."""
    groups: dict[str, Group] = {}
    seen: dict[str, int] = {}
    for csv_row in table.rows:
        row = parse_row(csv_row, lk, report)
        group = groups.setdefault(row.slug, Group(row.slug, row))
        agrees = group.first is row or _agrees(group.first, row, report)
        free = _sku_free(row, seen, lk, report)
        if row.ok and agrees and free:
            group.rows.append(row)
    good = []
    for group in groups.values():
        if group.first.product_ok:
            if group.rows:
                good.append(group)
            continue
        for row in group.rows:
            if row is not group.first:
                reason = _("Not imported: the product's first row (line %(line)s) has errors")
                report.add(row.line, "product_slug", reason % {"line": group.first.line})
    return good
