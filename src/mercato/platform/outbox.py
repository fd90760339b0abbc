"""Transactional outbox, inbox and the subscriber registry.

An event is an outbox row written in the caller's transaction, so it exists only if that work
commits. The relay publishes rows after commit; delivery is at least once, and each subscriber
records the event id in the inbox in its own transaction, so its effect happens exactly once.
Times are naive UTC, like every other table."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from functools import partial
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Index,
    Integer,
    String,
    Table,
    Text,
    insert,
    text,
    update,
)
from sqlalchemy import event as sa_event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import CursorResult
from sqlalchemy.orm import Mapped, Session, mapped_column

from mercato.platform.db import Base, Database
from mercato.platform.sql import Prepared
from mercato.platform.tx import AnyTx

log = logging.getLogger(__name__)

# Set on a session by record(); read by after_commit_nudge to wake the relay at once.
_RECORDED = "mercato.outbox.recorded"


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class OutboxRow(Base):
    __tablename__ = "platform_outbox"
    __table_args__ = (
        # The relay reads only unpublished rows in id order: keep that index small.
        Index(
            "ix_platform_outbox_unpublished",
            "id",
            postgresql_where=text("published_at IS NULL"),
            sqlite_where=text("published_at IS NULL"),
        ),
        {"sqlite_autoincrement": True},
    )
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    payload: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(DateTime)
    published_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")


class InboxRow(Base):
    __tablename__ = "platform_inbox"
    consumer: Mapped[str] = mapped_column(String(120), primary_key=True)
    event_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    handled_at: Mapped[datetime] = mapped_column(DateTime)


class JobRow(Base):
    """When each periodic job is next due: shared by every process, so a job runs once per
    period however many web and worker processes tick."""

    __tablename__ = "platform_job"
    name: Mapped[str] = mapped_column(String(120), primary_key=True)
    next_run_at: Mapped[datetime] = mapped_column(DateTime)


@dataclass(frozen=True)
class Event:
    id: str
    name: str
    payload: dict[str, Any]
    occurred_at: datetime

    def to_message(self) -> dict[str, Any]:
        """The JSON-ready form sent through the queue."""
        return {**self.__dict__, "occurred_at": self.occurred_at.isoformat()}

    @classmethod
    def from_message(cls, data: Mapping[str, Any]) -> Event:
        when = datetime.fromisoformat(data["occurred_at"])
        return cls(str(data["id"]), str(data["name"]), dict(data["payload"]), when)


class PayloadError(TypeError):
    """An event payload holds something that does not survive JSON unchanged."""


def _plain(value: Any, where: str) -> Any:
    # Floats, Decimals, datetimes, tuples and sets would arrive changed or not at all: refuse
    # them where they are recorded, not in a worker later. Money is int fen, times ISO strings.
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, list):
        return [_plain(v, f"{where}[{i}]") for i, v in enumerate(value)]
    if isinstance(value, Mapping):
        out = {}
        for k, v in value.items():
            if not isinstance(k, str):
                raise PayloadError(f"{where} has a {type(k).__name__} key {k!r}; keys must be str")
            out[k] = _plain(v, f"{where}[{k!r}]")
        return out
    raise PayloadError(
        f"{where} is a {type(value).__name__}: event payloads hold only int, str, bool, None, "
        "lists and dicts with str keys (money as int fen, times as ISO strings)"
    )


_RECORD = Prepared(insert(cast(Table, OutboxRow.__table__)))  # every checkout records


def record(tx: AnyTx, name: str, payload: Mapping[str, Any]) -> str:
    """Add an event to the outbox inside the caller's transaction and return its id (uuid4).
    Nothing is sent if the transaction rolls back. One INSERT; no flush of other objects."""
    if not name or len(name) > 120:
        raise ValueError(f"event name must be 1-120 characters: {name!r}")
    if not isinstance(payload, Mapping):
        raise PayloadError(f"payload of {name} must be a mapping, not {type(payload).__name__}")
    body = json.dumps(_plain(payload, "payload"), ensure_ascii=False, separators=(",", ":"))
    event_id = str(uuid.uuid4())
    # On the session's connection: same transaction, and no autoflush of the caller's objects.
    values = dict(event_id=event_id, name=name, payload=body, created_at=utcnow(), attempts=0)
    _RECORD.run(tx.connection(), values)
    tx.info[_RECORDED] = True
    return event_id


def after_commit_nudge(db: Database, fn: Callable[[], None]) -> Callable[[], None]:
    """Call fn after each commit that recorded an event, of a session made by `db.sessions`
    or of a `db.core_transaction()` (so the relay sends it at once instead of at its next
    poll). Returns the unregister function."""

    def committed(session: Session) -> None:
        if session.info.pop(_RECORDED, False):
            fn()

    def rolled_back(session: Session) -> None:
        session.info.pop(_RECORDED, None)

    def core_committed(info: dict[str, Any]) -> None:
        if info.get(_RECORDED):
            fn()

    sa_event.listen(db.sessions, "after_commit", committed)
    sa_event.listen(db.sessions, "after_rollback", rolled_back)
    db.committed.append(core_committed)

    def remove() -> None:
        sa_event.remove(db.sessions, "after_commit", committed)
        sa_event.remove(db.sessions, "after_rollback", rolled_back)
        db.committed.remove(core_committed)

    return remove


def insert_ignore(tx: Session, table: Any, values: dict[str, Any]) -> bool:
    """INSERT unless a unique key exists; True when this transaction inserted the row. A
    concurrent insert of the same key waits for the other transaction and then counts as
    present. (Used by other contexts for their own once-only rows.)"""
    dialect = postgresql if tx.get_bind().dialect.name == "postgresql" else sqlite
    key = next(iter(table.primary_key.columns))
    # RETURNING rather than rowcount: with psycopg this statement's rowcount reads -1.
    stmt = dialect.insert(table).values(**values).on_conflict_do_nothing().returning(key)
    return tx.execute(stmt).first() is not None


Handler = Callable[[Session, Event], None]


def _handle_once(consumer: str, handler: Handler, event: Event, tx: Session) -> None:
    row = {"consumer": consumer, "event_id": event.id, "handled_at": utcnow()}
    if insert_ignore(tx, InboxRow.__table__, row):
        handler(tx, event)
JobFn = Callable[[Database], None]


@dataclass(frozen=True)
class PeriodicJob:
    name: str
    seconds: float
    fn: JobFn


class Bus:
    """Who listens to which event, and which jobs run periodically. Filled at start-up by
    bootstrap.wire_bus; the queue runtime delivers events and ticks jobs through it."""

    def __init__(self) -> None:
        self._subscribers: dict[str, dict[str, Handler]] = {}
        self.jobs: dict[str, PeriodicJob] = {}

    def subscribe(self, name: str, consumer: str, handler: Handler) -> None:
        """Run handler(tx, event) for each event called `name`; `consumer` names the handler
        in the inbox, so keep it stable (renaming it makes old events look unhandled)."""
        if not consumer or len(consumer) > 120:
            raise ValueError(f"consumer name must be 1-120 characters: {consumer!r}")
        subscribers = self._subscribers.setdefault(name, {})
        if consumer in subscribers:
            raise ValueError(f"{consumer!r} already subscribes to {name!r}")
        subscribers[consumer] = handler

    def every(self, seconds: float, job: str, fn: JobFn) -> None:
        """Run fn(db) about every `seconds`, once across all processes."""
        if seconds <= 0:
            raise ValueError(f"job {job!r}: seconds must be positive")
        if not job or len(job) > 120 or job in self.jobs:
            raise ValueError(f"job name {job!r} is empty, too long or already registered")
        self.jobs[job] = PeriodicJob(job, seconds, fn)

    def consumers(self, name: str) -> list[str]:
        return list(self._subscribers.get(name, {}))

    def handle(self, db: Database, event: Event) -> None:
        """Run each subscriber of the event in its own unit of work (run again after a
        deadlock), skipping those that have already handled it. A failure rolls back only that
        subscriber; it is raised after the others ran, so the message is retried and only the
        failed ones run again."""
        errors: list[Exception] = []
        for consumer, handler in list(self._subscribers.get(event.name, {}).items()):
            try:
                db.unit(partial(_handle_once, consumer, handler, event))
            except Exception as exc:
                log.warning("%s failed on %s %s", consumer, event.name, event.id, exc_info=True)
                errors.append(exc)
        if len(errors) == 1:
            raise errors[0]
        if errors:
            raise ExceptionGroup(f"{len(errors)} subscribers of {event.name} failed", errors)

    def run_job(self, db: Database, name: str) -> None:
        """Run one periodic job now, in the calling thread."""
        job = self.jobs.get(name)
        if job is None:
            known = ", ".join(sorted(self.jobs)) or "none"
            raise LookupError(f"no periodic job {name!r} (known: {known})")
        job.fn(db)


def claim_job(tx: Session, job: PeriodicJob, now: datetime) -> bool:
    """True when this process should run the job now: it is due (or new), and this
    transaction moved its next run one period ahead before any other process could."""
    ahead = now + timedelta(seconds=job.seconds)
    # A little slack so that a process waking a hair early does not skip a whole period.
    slack = timedelta(seconds=min(job.seconds / 10, 1.0))
    moved = tx.execute(
        update(JobRow)
        .where(JobRow.name == job.name, JobRow.next_run_at <= now + slack)
        .values(next_run_at=ahead)
        .execution_options(synchronize_session=False)
    )
    if cast(CursorResult[Any], moved).rowcount == 1:
        return True
    return insert_ignore(tx, JobRow.__table__, {"name": job.name, "next_run_at": ahead})
