"""CSV import results and the file reading every importer shares (stdlib only).

Line numbers are 1-based physical lines of the file (the header is line 1); a record whose
quoted cell spans several lines is reported at the line where it starts."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field

MAX_ROWS = 50_000
Translate = Callable[[str], str]
Progress = Callable[[int, int], None]


def _same(text: str) -> str:
    return text


@dataclass(frozen=True, slots=True)
class RowError:
    line: int
    field: str
    reason: str


@dataclass
class ImportReport:
    """What an import did: rows written (created or changed), rows already up to date, and
    every bad row. With errors and skip_errors off, written is 0: nothing was kept."""

    written: int = 0
    unchanged: int = 0
    rows: int = 0
    errors: list[RowError] = field(default_factory=list)

    def add(self, line: int, field: str, reason: str) -> None:
        self.errors.append(RowError(line, field, reason))

    def sort(self) -> None:
        self.errors.sort(key=lambda e: (e.line, e.field))


@dataclass(frozen=True, slots=True)
class CsvRow:
    line: int
    cells: dict[str, str]

    def get(self, column: str) -> str:
        return self.cells.get(column, "")


@dataclass
class CsvTable:
    columns: list[str]
    rows: list[CsvRow]
    errors: list[RowError]

    def has(self, column: str) -> bool:
        return column in self.columns


class CsvFileError(Exception):
    """The file as a whole cannot be read (encoding, empty, header, too many rows)."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__("; ".join(f"line {e.line}: {e.field}: {e.reason}" for e in errors))
        self.errors = errors


def _fail(line: int, field: str, reason: str) -> CsvFileError:
    return CsvFileError([RowError(line, field, reason)])


def decode(data: bytes, _: Translate = _same) -> str:
    """UTF-8 with or without the BOM Excel writes; anything else is refused outright."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise _fail(
            line, "file", _("The file is not UTF-8 text: save it as 'CSV UTF-8' and try again")
        ) from exc
    if not text.strip():
        raise _fail(1, "file", _("The file is empty"))
    return text


def _header(raw: list[str], required: Sequence[str], _: Translate) -> list[str]:
    columns = [c.strip().lower() for c in raw]
    errors = [
        RowError(1, c, _("The column appears twice in the header"))
        for i, c in enumerate(columns)
        if c and c in columns[:i]
    ]
    errors += [
        RowError(1, c, _("Required column is missing")) for c in required if c not in columns
    ]
    if errors:
        raise CsvFileError(errors)
    return columns


def _records(text: str, _: Translate) -> Iterable[tuple[int, list[str]]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    start = 1
    while True:
        try:
            record = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise _fail(reader.line_num, "file", _("The file is not valid CSV")) from exc
        yield start, record
        start = reader.line_num + 1


def read_table(
    data: bytes, required: Sequence[str], _: Translate = _same, max_rows: int = MAX_ROWS
) -> CsvTable:
    """Decode and split the file; cells are stripped and blank records skipped. Raises
    CsvFileError for whole-file problems; a record with surplus cells is a row error."""
    records = _records(decode(data, _), _)
    first = next(iter(records), None)
    if first is None:
        raise _fail(1, "file", _("The file is empty"))
    columns = _header(first[1], required, _)
    table = CsvTable(columns, [], [])
    for line, record in records:
        if not any(cell.strip() for cell in record):
            continue
        if len(table.rows) + len(table.errors) >= max_rows:
            limit = _("The file has more than %(max)s rows: split it") % {"max": f"{max_rows:,}"}
            raise _fail(1, "file", limit)
        if len(record) > len(columns) and any(c.strip() for c in record[len(columns) :]):
            table.errors.append(RowError(line, "row", _("More cells than header columns")))
            continue
        cells = {c: _unguard(v.strip()) for c, v in zip(columns, record, strict=False) if c}
        table.rows.append(CsvRow(line, cells))
    if not table.rows and not table.errors:
        raise _fail(1, "file", _("The file has a header but no rows"))
    return table


def write_table(columns: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (no BOM: callers serving Excel add one), CRLF line ends as RFC 4180 says."""
    buf = io.StringIO(newline="")
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows([_guard(c) for c in row] for row in rows)
    return buf.getvalue().encode("utf-8")


_FORMULA = ("=", "+", "-", "@", "\t", "\r")


def _guard(cell: object) -> object:
    """Spreadsheets run cells starting with = + - @ as formulas: a product name must not.
    Numbers stay numbers; text gets a leading apostrophe, which read_table removes again."""
    if isinstance(cell, str) and cell.startswith(_FORMULA):
        return "'" + cell
    return cell


def _unguard(cell: str) -> str:
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(_FORMULA) else cell
