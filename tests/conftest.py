"""Shared fixtures. One database per test worker, emptied after every test.

MERCATO_TEST_DATABASE_URL points the whole suite at PostgreSQL; tests marked `postgres`
need it and skip without it, except under CI=true where they fail instead."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine, text
from sqlalchemy.orm import Session

from mercato.app import create_app
from mercato.bootstrap import metadata
from mercato.platform.db import Database
from mercato.platform.settings import Settings

PG_URL = os.environ.get("MERCATO_TEST_DATABASE_URL", "")
# A PostgreSQL server for the tests that must run there even when the suite runs on SQLite.
PG_SERVER = PG_URL or os.environ.get("MERCATO_TEST_PG_URL", "")
IN_CI = os.environ.get("CI", "").lower() == "true"


def need(condition: bool, reason: str) -> None:
    """Skip when a server or tool is missing, but fail in CI, where it must be present."""
    if condition:
        return
    if IN_CI:
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def _pg_admin(sql: str) -> None:
    admin = create_engine(
        PG_SERVER.replace("postgresql://", "postgresql+psycopg://", 1),
        isolation_level="AUTOCOMMIT",
    )
    with admin.connect() as conn:
        conn.execute(text(sql))
    admin.dispose()


def pg_scratch_url(worker: str) -> tuple[str, str]:
    """A new empty PostgreSQL database for this worker: (url, name)."""
    name = f"mercato_test_{worker}_{uuid.uuid4().hex[:6]}"
    _pg_admin(f'CREATE DATABASE "{name}"')
    return PG_SERVER.rsplit("/", 1)[0] + "/" + name, name


def drop_pg_database(name: str) -> None:
    _pg_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="session")
def database(tmp_path_factory: pytest.TempPathFactory, worker_id: str) -> Iterator[Database]:
    name = ""
    if PG_URL:
        url, name = pg_scratch_url(worker_id)
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
    db = Database(url)
    metadata.create_all(db.engine)
    yield db
    db.engine.dispose()
    if name:
        drop_pg_database(name)


def _empty(db: Database) -> None:
    names = [t.name for t in reversed(metadata.sorted_tables)]
    with db.engine.begin() as conn:
        if db.is_sqlite:
            for n in names:
                conn.execute(text(f"DELETE FROM {n}"))
        else:
            conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


@pytest.fixture
def pg_db() -> Iterator[Database]:
    """A fresh PostgreSQL database with the schema, whatever backend the suite runs on."""
    need(bool(PG_SERVER), "no PostgreSQL: set MERCATO_TEST_PG_URL or MERCATO_TEST_DATABASE_URL")
    url, name = pg_scratch_url("pg")
    pg = Database(url)
    metadata.create_all(pg.engine)
    yield pg
    pg.engine.dispose()
    drop_pg_database(name)


@pytest.fixture
def db(database: Database) -> Iterator[Database]:
    yield database
    _empty(database)


@pytest.fixture
def tx(db: Database) -> Iterator[Session]:
    """A session whose work is committed at the end of the test body (like a request)."""
    with db.transaction(immediate=False) as session:
        yield session


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        database_url="sqlite://",
        media_dir=tmp_path / "media",
        demo=True,
        login_attempts_per_15min=5,
        jobs=False,  # no relay/worker threads; tests that want them build a Runtime
    )


@pytest.fixture
def app(db: Database, settings: Settings):  # type: ignore[no-untyped-def]
    return create_app(settings, db)


@pytest.fixture
def client(app) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    with TestClient(app) as c:
        yield c


@pytest.fixture
def staff(db: Database) -> dict[str, object]:
    from mercato.access import services

    with db.transaction() as s:
        member = services.create_staff(s, "admin@example.com", "correct-horse-9", "Admin", True)
        token = services.issue_token(s, member.id, "tests")
        return {
            "id": member.id,
            "email": member.email,
            "password": "correct-horse-9",
            "token": token,
        }


@pytest.fixture
def api_headers(staff: dict[str, object]) -> dict[str, str]:
    return {"Authorization": f"Bearer {staff['token']}"}


@pytest.fixture
def admin(client: TestClient, staff: dict[str, object]) -> TestClient:
    """A client signed in to /admin; .csrf holds the token for form posts."""
    r = client.post(
        "/admin/login",
        data={"email": staff["email"], "password": staff["password"]},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    import hashlib
    import hmac

    from mercato.access.public import SESSION_COOKIE

    raw = client.cookies.get(SESSION_COOKIE) or ""
    key = client.app.state.settings.secret_key.encode()  # type: ignore[attr-defined]
    client.csrf = hmac.new(key, b"csrf:" + raw.encode(), hashlib.sha256).hexdigest()[:32]  # type: ignore[attr-defined]
    return client


@pytest.fixture
def shop(db: Database) -> dict[str, object]:
    """A small active catalogue: see tests/factories.py."""
    from tests.factories import small_shop

    with db.transaction() as s:
        return small_shop(s)


@pytest.fixture
def market(db: Database, shop: dict[str, object]) -> dict[str, object]:
    """The small shop plus shipping methods `std` and `express` (tests/checkout)."""
    from tests.checkout.shipping_factory import shipping_methods

    with db.transaction() as tx:
        methods = shipping_methods(tx)
    return {**shop, "methods": methods}


@pytest.fixture
def buyer(db: Database, market: dict[str, object]) -> dict[str, object]:
    """A customer with one address (the default) and nothing in the cart yet."""
    from tests.orders.conftest import make_buyer

    return make_buyer(db)
