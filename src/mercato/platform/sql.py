"""Statements of the money path: written with SQLAlchemy Core, compiled once per dialect (and
per set of INSERT columns), then run straight on the DBAPI cursor of the caller's connection.

SQLAlchemy's execution path costs ~50 µs of CPU per statement on PostgreSQL and ~10 µs on
SQLite on top of the driver (docs/benchmarks.md); a checkout runs ~25 statements. What that
path does that matters is kept: the types' bind and result processors (SQLite datetimes),
Python-side column defaults, `before_cursor_execute` listeners (query counts, the bench's
SQL capture), and DBAPI errors raised as SQLAlchemy's (IntegrityError, ...) with a dead
connection invalidated. An expanding IN (`col.in_(bindparam("ids", expanding=True))`) is
compiled once per list length, as SQLAlchemy renders it (`IN (?, ?)`): on PostgreSQL a bound
array (`= ANY(...)`) cost 50 µs more of server CPU, re-planned at every execution."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.engine import Connection, Dialect
from sqlalchemy.exc import MultipleResultsFound, NoResultFound

Params = Mapping[str, Any] | Sequence[Mapping[str, Any]] | None
Processor = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class Compiled:
    sql: str
    positions: tuple[str, ...] | None  # qmark dialects: bind names in placeholder order
    expanding: tuple[str, ...]  # IN lists, sent as name_1, name_2, ... (SQLAlchemy's names)
    fixed: Mapping[str, Any]  # binds whose value is in the statement itself
    defaults: Mapping[str, Any]  # Python-side column defaults (callables are called)
    binds: tuple[tuple[str, Processor], ...]  # names whose type converts the value
    results: tuple[Processor | None, ...] | None  # per column, None when no column converts
    # Nothing to add or convert: the caller's parameters go to the driver as they are (named
    # dialects) or in placeholder order (qmark). Most statements of the money path.
    plain: bool = False

    # Listeners get this as their execution context: `context.compiled.positiontup` names
    # the positional parameters, as SQLAlchemy's own context would (the bench's SQL capture).
    @property
    def compiled(self) -> Compiled:
        return self

    @property
    def positiontup(self) -> tuple[str, ...] | None:
        return self.positions


def _defaults(compiled: Any) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for col in (*compiled.insert_prefetch, *compiled.update_prefetch):
        default = col.default if col in compiled.insert_prefetch else col.onupdate
        if default is None or default.is_clause_element or default.is_sequence:
            raise NotImplementedError(f"{col}: SQL defaults are not supported on the money path")
        out[col.key] = default.arg
    return out


def _results(compiled: Any, dialect: Dialect) -> tuple[Processor | None, ...] | None:
    procs = tuple(
        entry[3]._cached_result_processor(dialect, None) for entry in compiled._result_columns
    )
    return procs if any(procs) else None


def _expanded(compiled: Any, lengths: Mapping[str, int]) -> tuple[str, Any, Any]:
    """SQL, positional names and processors with each IN list at its length."""
    if not lengths:
        return str(compiled), compiled.positiontup, compiled._bind_processors
    dummy: dict[str, Any] = {b.key: None for b in compiled.bind_names if b.required}
    dummy.update({name: [0] * n for name, n in lengths.items()})
    state = compiled.construct_expanded_state(dummy)
    return state.statement, state.positiontup, state.processors


def _compile(clause: Any, dialect: Dialect, keys: Any, lengths: Mapping[str, int]) -> Compiled:
    compiled = clause.compile(dialect=dialect, column_keys=keys)
    if getattr(compiled, "escaped_bind_names", None):
        raise NotImplementedError(f"bind names needing escapes: {compiled.escaped_bind_names}")
    sql, positions, processors = _expanded(compiled, lengths)
    fixed = {
        compiled.bind_names[b]: b.effective_value
        for b in compiled.bind_names
        if not b.required and b.callable is None and not b.expanding
    }
    defaults = _defaults(compiled)
    binds = tuple((k, p) for k, p in processors.items() if p is not None)
    return Compiled(
        sql,
        tuple(positions) if compiled.positional else None,
        tuple(lengths),
        fixed,
        defaults,
        binds,
        _results(compiled, dialect),
        plain=not (lengths or fixed or defaults or binds),
    )


def expanding_names(clause: Any, dialect: Dialect) -> tuple[str, ...]:
    return tuple(b.key for b in clause.compile(dialect=dialect).post_compile_params)


class Prepared:
    """A Core statement compiled once per dialect (INSERTs: per set of columns given)."""

    __slots__ = ("_cache", "_expanding", "_insert", "_simple", "clause")

    def __init__(self, clause: Any) -> None:
        self.clause = clause
        self._insert = bool(getattr(clause, "is_insert", False))
        self._expanding: dict[str, tuple[str, ...]] = {}  # dialect → IN-list bind names
        self._cache: dict[tuple[Any, ...], Compiled] = {}
        # dialect → its one compiled form, for statements that are neither INSERTs nor have
        # IN lists (the key below is then always the same): no key to build per execution.
        self._simple: dict[str, Compiled] = {}

    def compiled(self, dialect: Dialect, params: Params) -> Compiled:
        found = self._simple.get(dialect.name)
        if found is not None:
            return found
        first: Any = params[0] if _many(params) else params  # type: ignore[index]
        keys = tuple(first) if first and self._insert else None
        names = self._expanding.get(dialect.name)
        if names is None:
            names = self._expanding[dialect.name] = expanding_names(self.clause, dialect)
        lengths = tuple(len(first[n]) for n in names) if names and first else ()
        key = (dialect.name, keys, lengths)
        found = self._cache.get(key)
        if found is None:
            found = _compile(self.clause, dialect, keys, dict(zip(names, lengths, strict=True)))
            self._cache[key] = found
            if not self._insert and not names:
                self._simple[dialect.name] = found
        return found

    def run(self, conn: Connection, params: Params = None) -> Rows:
        return execute(conn, self.compiled(conn.dialect, params), params)


def _many(params: Params) -> bool:
    """A list (or tuple) of parameter sets: executemany. A type check rather than an
    isinstance against the Sequence ABC, which cost more than binding the statement."""
    return type(params) is list or type(params) is tuple


def _bound(c: Compiled, params: Mapping[str, Any] | None) -> Any:
    if c.plain:
        if c.positions is None:
            return params or {}
        return tuple(params[k] for k in c.positions) if params else ()
    values = dict(c.fixed)
    for key, default in c.defaults.items():  # columns absent from the INSERT's keys
        values[key] = default(None) if callable(default) else default
    if params:
        values.update(params)
    for name in c.expanding:
        for i, v in enumerate(values.pop(name), 1):
            values[f"{name}_{i}"] = v
    for key, proc in c.binds:
        if key in values:
            values[key] = proc(values[key])
    return values if c.positions is None else tuple(values[k] for k in c.positions)


def execute(conn: Connection, c: Compiled, params: Params) -> Rows:
    many = _many(params)
    args: Any = [_bound(c, p) for p in params] if many else _bound(c, params)  # type: ignore[union-attr, arg-type]
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn._has_events or conn.engine._has_events:
            listeners = conn.dispatch.before_cursor_execute
            if listeners:
                listeners(conn, cursor, c.sql, args, c, many)
        if many:
            cursor.executemany(c.sql, args)
            return Rows([], cursor.rowcount)
        cursor.execute(c.sql, args)
        rows = cursor.fetchall() if cursor.description else []
    except Exception as exc:
        conn._handle_dbapi_exception(exc, c.sql, args, cursor, None)
    if c.results is not None:
        rows = [_converted(row, c.results) for row in rows]
    return Rows(rows, cursor.rowcount)


def raw(conn: Connection, statement: str) -> None:
    """A statement without parameters (BEGIN) on the driver, seen by listeners as usual."""
    cursor = conn.connection.driver_connection.cursor()  # type: ignore[union-attr]
    try:
        if conn._has_events or conn.engine._has_events:
            listeners = conn.dispatch.before_cursor_execute
            if listeners:
                listeners(conn, cursor, statement, (), None, False)
        cursor.execute(statement)
    except Exception as exc:
        conn._handle_dbapi_exception(exc, statement, (), cursor, None)


def _converted(row: Sequence[Any], procs: tuple[Processor | None, ...]) -> tuple[Any, ...]:
    return tuple(v if p is None else p(v) for v, p in zip(row, procs, strict=True))


class Rows:
    """The fetched rows (plain tuples) and the DBAPI rowcount."""

    __slots__ = ("rowcount", "rows")

    def __init__(self, rows: list[Any], rowcount: int) -> None:
        self.rows, self.rowcount = rows, rowcount

    def __iter__(self) -> Iterator[Any]:
        return iter(self.rows)

    def all(self) -> list[Any]:
        return self.rows

    def first(self) -> Any:
        return self.rows[0] if self.rows else None

    def one(self) -> Any:
        if len(self.rows) != 1:
            raise (NoResultFound if not self.rows else MultipleResultsFound)("expected one row")
        return self.rows[0]

    def scalar_one(self) -> Any:
        return self.one()[0]

    def scalar(self) -> Any:
        return self.rows[0][0] if self.rows else None
