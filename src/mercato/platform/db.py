"""Engine, sessions and the one-transaction-per-entrypoint helper."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from typing import Any, TypeVar

from sqlalchemy import MetaData, create_engine, event
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DisconnectionError
from sqlalchemy.orm import DeclarativeBase, Session, sessionmaker

from mercato.platform import sql
from mercato.platform.retry import retrying
from mercato.platform.sql import Prepared
from mercato.platform.sqlite_writer import Writers
from mercato.platform.tx import AnyTx, CoreTx, Hook

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


T = TypeVar("T")

# Worker threads per process; pools hold more connections than this (see app lifespan).
THREADS = 32


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # pysqlite would otherwise open transactions lazily at the first write, which breaks
    # SAVEPOINTs and lets reads before a write see another snapshot: SQLAlchemy's recipe.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=10000")
    cur.close()


def _sqlite_begin(writers: Writers, conn: Any) -> None:
    # Writers take the write lock up front (IMMEDIATE), so two writers queue instead of failing
    # when a read lock cannot be upgraded; readers never block anyone.
    immediate = conn.get_execution_options().get("sqlite_immediate", False)
    if immediate:
        writers.acquire(conn.connection.info)  # the pooled connection's: freed at checkin
    sql.raw(conn, "BEGIN IMMEDIATE" if immediate else "BEGIN")


def _sqlite_file(url: str) -> str | None:
    path = url.split("///", 1)[-1]
    return path if path and path != ":memory:" else None


def make_engine(url: str, echo: bool = False, writers: Writers | None = None) -> Engine:
    """The engine for `url`; on SQLite its writers queue on `writers` (a new queue if None)."""
    if url.startswith("sqlite"):
        path = _sqlite_file(url)
        if path:
            from pathlib import Path

            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            echo=echo,
            connect_args={"check_same_thread": False},
            pool_size=THREADS + 8,
            max_overflow=8,
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        writers = writers or Writers(path)
        event.listen(engine, "begin", partial(_sqlite_begin, writers))
        for name in ("checkin", "invalidate"):
            event.listen(engine.pool, name, writers.checkin)
        return engine
    if url.startswith("postgresql://"):
        url = "postgresql+psycopg://" + url.removeprefix("postgresql://")
    engine = create_engine(
        url,
        echo=echo,
        pool_size=24,
        max_overflow=THREADS + 8 - 24,
        # Stored times are naive UTC: the server's own zone must not leak into now() defaults.
        connect_args={"options": "-c timezone=UTC"},
    )
    # Ping a pooled connection only when it sat idle: pinging every checkout (pool_pre_ping)
    # cost a round trip per transaction, 6 per checkout (docs/benchmarks.md). A connection in
    # use moments ago is alive; after a server restart the idle ones are found by the ping.
    event.listen(engine.pool, "checkout", partial(_ping_if_idle, engine.dialect))
    event.listen(engine.pool, "checkin", _used_now)
    return engine


IDLE_PING_SECONDS = 5.0
_USED = "mercato_used_at"


def _ping_if_idle(dialect: Any, dbapi_conn: Any, record: Any, _proxy: Any) -> None:
    if time.monotonic() - record.info.get(_USED, 0.0) > IDLE_PING_SECONDS:
        try:
            alive = dialect.do_ping(dbapi_conn)
        except Exception as exc:  # the driver's own error for a dead socket
            raise DisconnectionError() from exc
        if not alive:
            raise DisconnectionError()  # the pool then tries a fresh connection


def _used_now(_dbapi_conn: Any, record: Any) -> None:
    if record is not None:
        record.info[_USED] = time.monotonic()


class Database:
    """Holds the engine and hands out sessions; one per app or CLI process."""

    def __init__(self, url: str, echo: bool = False) -> None:
        self.url = url
        # SQLite's writer queue (None on PostgreSQL): units of work may take it ahead.
        self.writers = Writers(_sqlite_file(url)) if url.startswith("sqlite") else None
        self.engine = make_engine(url, echo, self.writers)
        self.sessions = sessionmaker(self.engine, expire_on_commit=False, autoflush=True)
        self.committed: list[Hook] = []  # called with a CoreTx's info after it commits
        self._writer = self.engine.execution_options(sqlite_immediate=True)
        # One-statement reads (who is this token?) need no BEGIN/ROLLBACK round trips.
        self._autocommit = (
            self.engine
            if self.is_sqlite
            else self.engine.execution_options(isolation_level="AUTOCOMMIT")
        )

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def open(self, write: bool) -> Session:
        """A session whose first statement begins its transaction (on SQLite, BEGIN IMMEDIATE
        when `write`). Finish it with `end`; prefer `transaction`/`reading` where possible."""
        return self.sessions(bind=self._writer if write else self.engine)

    @staticmethod
    def end(session: Session, commit: bool) -> None:
        try:
            if commit:
                session.commit()
            else:
                session.rollback()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def transaction(self, immediate: bool = True) -> Iterator[Session]:
        """One unit of work: commit once at the end, roll back on any error. On SQLite the
        write lock is taken at the first statement unless immediate=False (a deferred
        transaction): a route's dependency must not hold it while the endpoint waits for a
        worker thread."""
        session = self.open(immediate)
        try:
            yield session
        except BaseException:
            self.end(session, False)
            raise
        self.end(session, True)

    def unit(self, fn: Callable[[Session], T]) -> T:
        """fn(tx) as one unit of work, committed once at the end. A deadlock or serialization
        failure rolls it back and runs it again, whole (mercato.platform.retry): fn must do
        nothing outside its transaction that it could not do twice."""

        def once() -> T:
            with self.transaction() as tx:
                return fn(tx)

        return retrying(once)

    @contextmanager
    def core_transaction(self, write: bool = True) -> Iterator[CoreTx]:
        """Like `transaction`, without an ORM Session (mercato.platform.tx): for use cases
        whose statements are all Core ones run through `run`."""
        tx = CoreTx(self._writer if write else self.engine, self.committed)
        try:
            yield tx
        except BaseException:
            tx.finish(False)
            raise
        tx.finish(True)

    @contextmanager
    def core_reads(self) -> Iterator[CoreTx]:
        """A CoreTx for reads that never wait for a lock, each statement on its own (the
        driver's autocommit: no BEGIN, no write lock on SQLite, no BEGIN/ROLLBACK round trips
        on PostgreSQL), so two reads may see two moments. For planning a write that checks
        what it relies on (see checkout's plan_add / apply_add); never for writing."""
        tx = CoreTx(self._autocommit, [], begin=False)
        try:
            yield tx
        finally:
            tx.finish(False)

    @contextmanager
    def reading(self) -> Iterator[Session]:
        session = self.open(False)
        try:
            yield session
        finally:
            self.end(session, False)

    @contextmanager
    def lookup(self) -> Iterator[Connection]:
        """A bare connection for a single read statement: on PostgreSQL in autocommit (no
        BEGIN and ROLLBACK round trips), and without a Session's set-up (every authenticated
        request runs one). Use `reading` when several reads must share one snapshot."""
        with self._autocommit.connect() as conn:
            yield conn


def run(tx: AnyTx, statement: Any, params: Any = None) -> Any:
    """Execute a Core statement on the session's connection, in its transaction: without the
    ORM's execution path, which cost ~25 µs a statement on the money path (columns named by
    mapped attributes send a statement through it), and a `Prepared` one on the DBAPI cursor
    (mercato.platform.sql). Pending ORM changes are flushed first, as Session.execute would."""
    if isinstance(tx, Session) and (tx.new or tx.dirty or tx.deleted):
        tx.flush()
    if isinstance(statement, Prepared):
        return statement.run(tx.connection(), params)
    return tx.connection().execute(statement, params)
