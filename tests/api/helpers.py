"""Helpers for the API tests: SQL statement counting and error-body checks."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import event

from mercato.platform.db import Database

TX_CONTROL = ("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE")


@contextmanager
def sql_statements(db: Database) -> Iterator[list[str]]:
    """Every statement sent to the database inside the block, transaction control left out
    (SQLite gets an explicit BEGIN, PostgreSQL's driver sends it implicitly)."""
    seen: list[str] = []

    def _before(_conn, _cursor, statement, *_args):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith(TX_CONTROL):
            seen.append(statement)

    event.listen(db.engine, "before_cursor_execute", _before)
    try:
        yield seen
    finally:
        event.remove(db.engine, "before_cursor_execute", _before)


def error_of(response: Any, status: int, field: str | None = None) -> dict[str, Any]:
    """The error object of a JSON error response, after checking status, shape and field."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}
    err: dict[str, Any] = body["error"]
    assert err["code"] and err["message"]
    if field is not None:
        assert err.get("field") == field, err
    return err
