"""Products CSV import and export (admin /admin/import and `mercato import products`).

Every row is checked and every bad one reported; rows are written through the catalogue
services. With errors and skip_errors off nothing at all is kept."""

from __future__ import annotations

from sqlalchemy.orm import Session

from mercato.catalog.services.csv_io.apply import apply_group
from mercato.catalog.services.csv_io.columns import COLUMNS, REQUIRED
from mercato.catalog.services.csv_io.export import export_products
from mercato.catalog.services.csv_io.lookups import load_lookups
from mercato.catalog.services.csv_io.rows import group_rows
from mercato.kernel.csvreport import (
    CsvFileError,
    ImportReport,
    Progress,
    RowError,
    read_table,
)
from mercato.platform.i18n import gettext_ as _

__all__ = ["COLUMNS", "ImportReport", "RowError", "export_products", "import_products"]
PROGRESS_EVERY = 100


def import_products(
    tx: Session,
    data: bytes,
    *,
    skip_errors: bool = False,
    progress: Progress | None = None,
    actor: str = "",
) -> ImportReport:
    """Create or update products (by slug) and SKUs (by code) from CSV bytes. The caller's
    transaction is left holding the good rows (skip_errors) or nothing (any error)."""
    del actor  # the catalogue keeps no audit trail yet; kept for the shared importer contract
    report = ImportReport()
    try:
        table = read_table(data, REQUIRED, _)
    except CsvFileError as exc:
        report.errors = exc.errors
        return report
    report.rows = len(table.rows) + len(table.errors)
    report.errors.extend(table.errors)
    lookups = load_lookups(tx)
    groups = group_rows(table, lookups, report)
    everything = tx.begin_nested()
    done = 0
    for group in groups:
        apply_group(tx, group, lookups, report)
        before, done = done, done + len(group.rows)
        if progress is not None and done // PROGRESS_EVERY != before // PROGRESS_EVERY:
            progress(done, report.rows)
    if report.errors and not skip_errors:
        everything.rollback()
        report.written = report.unchanged = 0
    else:
        everything.commit()
    if progress is not None:
        progress(report.rows, report.rows)
    report.sort()
    return report
