"""The audit log of staff writes: who, when, what, before and after.

Each HTTP request runs in a scope (`Scope`, a context variable the web shell sets); once the
staff guard has recognised a staff member making a write, every change the request's ORM
sessions flush is recorded in the same transaction: one row per object changed, with the
columns that changed (before → after), and one per bulk statement run through a session
(its table and values; no "before" there: the stock ledger keeps stock's). So an audit row
exists exactly when the change was committed. Secrets (password hashes, token digests) are
never written: only that they changed."""

from __future__ import annotations

import json
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, cast

from sqlalchemy import (
    DateTime,
    Integer,
    String,
    Table,
    Text,
    event,
    func,
    insert,
    inspect,
    or_,
    select,
)
from sqlalchemy.orm import Mapped, ORMExecuteState, Session, mapped_column
from sqlalchemy.sql.dml import UpdateBase

from mercato.platform.clock import utcnow
from mercato.platform.db import Base


class AuditEntry(Base):
    __tablename__ = "platform_audit"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime, index=True)
    actor: Mapped[str] = mapped_column(String(254), index=True)  # the staff member's e-mail
    action: Mapped[str] = mapped_column(String(300))  # "POST /admin/orders/…/status"
    target: Mapped[str] = mapped_column(String(200), index=True)  # "orders_order#12"
    changes: Mapped[str] = mapped_column(Text)  # {"column": [before, after], ...}
    ip: Mapped[str] = mapped_column(String(64), default="")


@dataclass
class Scope:
    action: str
    ip: str
    actor: str = ""  # set by the staff guard of a write


_scope: ContextVar[Scope | None] = ContextVar("mercato_audit_scope", default=None)
# Tables whose rows are machinery, not decisions: never audited.
QUIET = (
    "platform_",
    "access_login_failure",
    "members_login_failure",
    "members_session",
    "members_api_token",
)
SECRET = ("password", "digest", "secret", "token_hash")


def begin(action: str, ip: str) -> Any:
    """Open the request's scope; returns the token `end` takes."""
    return _scope.set(Scope(action[:300], ip[:64]))


def end(token: Any) -> None:
    _scope.reset(token)


def act_as(actor: str) -> None:
    """The request is a staff member's write: audit what it changes from now on."""
    scope = _scope.get()
    if scope is not None:
        scope.actor = actor[:254]


def _plain(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    return repr(value)[:200]


def _shown(column: str, value: Any) -> Any:
    return "(changed)" if any(s in column for s in SECRET) else _plain(value)


def _changes(obj: Any, kind: str) -> dict[str, list[Any]]:
    state = inspect(obj)
    out: dict[str, list[Any]] = {}
    for attr in state.mapper.column_attrs:
        history = state.attrs[attr.key].history
        if kind == "new":
            value = state.attrs[attr.key].value
            if value is not None:
                out[attr.key] = [None, _shown(attr.key, value)]
        elif kind == "deleted":
            out[attr.key] = [_shown(attr.key, state.attrs[attr.key].loaded_value), None]
        elif history.has_changes():
            before = history.deleted[0] if history.deleted else None
            after = history.added[0] if history.added else None
            if before != after:
                out[attr.key] = [_shown(attr.key, before), _shown(attr.key, after)]
    return out


def _target(obj: Any) -> str:
    key = inspect(obj).mapper.primary_key_from_instance(obj)
    return f"{obj.__table__.name}#{','.join(str(k) for k in key)}"


def _row(scope: Scope, target: str, changes: dict[str, Any]) -> dict[str, Any]:
    return {
        "at": utcnow(),
        "actor": scope.actor,
        "action": scope.action,
        "target": target[:200],
        "changes": json.dumps(changes, ensure_ascii=False, default=str)[:20000],
        "ip": scope.ip,
    }


def _write(session: Session, rows: list[dict[str, Any]]) -> None:
    # Core, on the session's connection: in the flush's transaction, without adding objects
    # to a session that is flushing.
    if rows:
        session.connection().execute(insert(cast(Table, AuditEntry.__table__)), rows)


def _after_flush(session: Session, _context: Any) -> None:
    """After the flush (new rows have their ids) and before its history is reset."""
    scope = _scope.get()
    if scope is None or not scope.actor:
        return
    rows = []
    for kind, objects in (
        ("new", session.new),
        ("dirty", session.dirty),
        ("deleted", session.deleted),
    ):
        for obj in objects:
            table = getattr(getattr(obj, "__table__", None), "name", "")
            if not table or table.startswith(QUIET):
                continue
            changes = _changes(obj, kind)
            if changes:
                label = _target(obj) + ("" if kind == "dirty" else f" ({kind})")
                rows.append(_row(scope, label, changes))
    _write(session, rows)


def _bulk(state: ORMExecuteState) -> None:
    scope = _scope.get()
    statement = state.statement
    if scope is None or not scope.actor or not isinstance(statement, UpdateBase):
        return
    table = getattr(getattr(statement, "table", None), "name", "")
    if not table or table.startswith(QUIET):
        return
    given: Any = state.parameters
    rows: list[Any] = list(given) if isinstance(given, list | tuple) else [given or {}]
    values = [{k: _shown(k, v) for k, v in dict(row).items()} for row in rows[:20]]
    kind = type(statement).__name__.lower()
    # The statement itself is not rendered (an ORM statement compiles only inside the ORM);
    # which rows it touched is its WHERE clause, rendered on its own.
    where = getattr(statement, "whereclause", None)
    changes = {
        "values": [None, values],
        "where": [None, str(where)[:300] if where is not None else ""],
    }
    _write(state.session, [_row(scope, f"{table} ({kind})", changes)])


def install() -> None:
    """Listen to every ORM session (once per process)."""
    if not event.contains(Session, "after_flush", _after_flush):
        event.listen(Session, "after_flush", _after_flush)
        event.listen(Session, "do_orm_execute", _bulk)


@dataclass(frozen=True, slots=True)
class Filter:
    actor: str = ""
    text: str = ""  # in the action or the target
    since: datetime | None = None
    until: datetime | None = None


def entries(tx: Session, f: Filter, offset: int, limit: int) -> tuple[int, list[AuditEntry]]:
    """The log, newest first, filtered: (how many match, one page)."""
    where = []
    if f.actor:
        where.append(AuditEntry.actor == f.actor)
    if f.text:
        like = f"%{f.text}%"
        where.append(or_(AuditEntry.action.like(like), AuditEntry.target.like(like)))
    if f.since is not None:
        where.append(AuditEntry.at >= f.since)
    if f.until is not None:
        where.append(AuditEntry.at < f.until)
    total = tx.scalar(select(func.count()).select_from(AuditEntry).where(*where)) or 0
    q = select(AuditEntry).where(*where).order_by(AuditEntry.id.desc())
    return int(total), list(tx.scalars(q.offset(offset).limit(limit)))


def actors(tx: Session) -> list[str]:
    """Everyone who has written something, for the filter."""
    return list(tx.scalars(select(AuditEntry.actor).distinct().order_by(AuditEntry.actor)))
