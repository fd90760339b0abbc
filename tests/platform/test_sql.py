"""Prepared statements (compiled once, run on the DBAPI cursor) and Core transactions: they
must behave as SQLAlchemy's own execution does, on SQLite and on PostgreSQL."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import (
    Boolean,
    Column,
    DateTime,
    Integer,
    MetaData,
    String,
    Table,
    bindparam,
    event,
    insert,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, MultipleResultsFound, NoResultFound

from mercato.platform.db import Database, run
from mercato.platform.sql import Prepared

META = MetaData()
THING = Table(
    "test_sql_thing",
    META,
    Column("id", Integer, primary_key=True),
    Column("name", String(40), nullable=False),
    Column("seen_at", DateTime, nullable=False),
    Column("active", Boolean, nullable=False, default=True),
    Column("rank", Integer, nullable=False, default=lambda: 7),
)
AT = datetime(2026, 12, 1, 9, 30, 5, 123456)

NEW = Prepared(insert(THING))
BY_IDS = Prepared(
    select(THING.c.id, THING.c.name, THING.c.seen_at, THING.c.active, THING.c.rank)
    .where(THING.c.id.in_(bindparam("ids", expanding=True)))
    .order_by(THING.c.id)
)
RENAME = Prepared(
    update(THING).where(THING.c.id == bindparam("i")).values(name=bindparam("n"), rank=0)
)


@pytest.fixture
def things(db: Database) -> Iterator[Database]:
    META.create_all(db.engine)
    try:
        yield db
    finally:
        META.drop_all(db.engine)


def _add(db: Database, *ids: int) -> None:
    with db.core_transaction() as tx:
        run(tx, NEW, [{"id": i, "name": f"n{i}", "seen_at": AT} for i in ids])


def test_rows_match_what_sqlalchemy_reads(things: Database) -> None:
    _add(things, 1, 2, 3)
    with things.reading() as tx:
        ours = run(tx, BY_IDS, {"ids": [3, 1]}).all()
        theirs = [tuple(r) for r in tx.execute(BY_IDS.clause, {"ids": [3, 1]})]
    assert ours == theirs == [(1, "n1", AT, True, 7), (3, "n3", AT, True, 7)]
    assert type(ours[0][3]) is bool and ours[0][2] == AT  # result processors applied


def test_in_lists_of_any_length_compile_once_each(things: Database) -> None:
    _add(things, 1, 2, 3, 4)
    with things.core_transaction(write=False) as tx:
        for ids in ([2], [1, 4], [4, 3, 2], [9], [1, 2]):
            assert [r[0] for r in run(tx, BY_IDS, {"ids": ids})] == sorted(set(ids) - {9})
        dialect = tx.connection().dialect
    assert len(BY_IDS._cache) >= 3
    assert "IN (" in BY_IDS.compiled(dialect, {"ids": [1, 2]}).sql
    assert "POSTCOMPILE" not in BY_IDS.compiled(dialect, {"ids": [1, 2]}).sql


def test_defaults_and_fixed_values_are_bound(things: Database) -> None:
    _add(things, 5)
    with things.core_transaction() as tx:
        assert run(tx, RENAME, {"i": 5, "n": "renamed"}).rowcount == 1
        assert run(tx, RENAME, {"i": 404, "n": "x"}).rowcount == 0
    with things.reading() as tx:
        row = tx.execute(select(THING).where(THING.c.id == 5)).one()
    assert (row.name, row.active, row.rank) == ("renamed", True, 0)


def test_driver_errors_are_sqlalchemys_and_roll_back(things: Database) -> None:
    _add(things, 1)
    with pytest.raises(IntegrityError), things.core_transaction() as tx:
        run(tx, NEW, {"id": 2, "name": "kept?", "seen_at": AT})
        run(tx, NEW, {"id": 1, "name": "dup", "seen_at": AT})
    with things.reading() as tx:
        assert [r[0] for r in run(tx, BY_IDS, {"ids": [1, 2]})] == [1]  # nothing half-written


def test_savepoint_keeps_the_outer_transaction(things: Database) -> None:
    with things.core_transaction() as tx:
        run(tx, NEW, {"id": 1, "name": "outer", "seen_at": AT})
        with pytest.raises(IntegrityError), tx.begin_nested():
            run(tx, NEW, {"id": 1, "name": "again", "seen_at": AT})
        run(tx, NEW, {"id": 2, "name": "after", "seen_at": AT})
    with things.reading() as tx:
        assert [r[1] for r in run(tx, BY_IDS, {"ids": [1, 2]})] == ["outer", "after"]


def test_listeners_see_each_statement_with_its_parameters(things: Database) -> None:
    seen: list[tuple[str, object, object]] = []

    def listener(conn, cursor, sql, params, context, many):  # type: ignore[no-untyped-def]
        seen.append((sql, params, context.compiled.positiontup if context else None))

    event.listen(things.engine, "before_cursor_execute", listener)
    try:
        _add(things, 1)
        with things.core_transaction(write=False) as tx:
            run(tx, BY_IDS, {"ids": [1, 2]})
    finally:
        event.remove(things.engine, "before_cursor_execute", listener)
    _sql, params, names = next(s for s in seen if s[0].startswith("SELECT"))
    if things.is_sqlite:
        assert params == (1, 2) and names == ("ids_1", "ids_2")
    else:
        assert params == {"ids_1": 1, "ids_2": 2}
    assert any(s[0].startswith("INSERT") for s in seen)


def test_one_and_scalar(things: Database) -> None:
    _add(things, 1, 2)
    with things.core_transaction(write=False) as tx:
        assert run(tx, BY_IDS, {"ids": [2]}).scalar_one() == 2
        assert run(tx, BY_IDS, {"ids": [9]}).first() is None
        with pytest.raises(NoResultFound):
            run(tx, BY_IDS, {"ids": [9]}).one()
        with pytest.raises(MultipleResultsFound):
            run(tx, BY_IDS, {"ids": [1, 2]}).one()


def test_core_transaction_hooks_run_after_commits_only(things: Database) -> None:
    calls: list[dict[str, object]] = []

    def hook(info: dict[str, object]) -> None:
        calls.append(dict(info))

    things.committed.append(hook)
    try:
        with things.core_transaction() as tx:
            tx.info["k"] = 1
            run(tx, NEW, {"id": 1, "name": "a", "seen_at": AT})
        with pytest.raises(RuntimeError), things.core_transaction() as tx:
            tx.info["k"] = 2
            raise RuntimeError
        with things.core_transaction():
            pass  # no statement: nothing checked out, nothing begun
    finally:
        things.committed.remove(hook)
    assert calls == [{"k": 1}]


def test_a_core_transaction_frees_the_write_lock(things: Database) -> None:
    # Another thread's writer must get in right after: the SQLite writer lock is given back
    # with the connection (PostgreSQL: the row lock with the commit).
    with things.core_transaction() as tx:
        run(tx, NEW, {"id": 1, "name": "a", "seen_at": AT})
    done = threading.Event()

    def writer() -> None:
        with things.core_transaction() as tx:
            run(tx, RENAME, {"i": 1, "n": "b"})
        done.set()

    t = threading.Thread(target=writer)
    t.start()
    t.join(5)
    assert done.is_set()
