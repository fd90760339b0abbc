"""The Alembic history builds exactly the schema the code declares, on SQLite and PostgreSQL."""

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from mercato.bootstrap import metadata
from mercato.platform.db import make_engine
from mercato.platform.migrate import upgrade
from tests.conftest import PG_SERVER, drop_pg_database, need, pg_scratch_url


def _diff(url: str) -> list[object]:
    upgrade(url)
    upgrade(url)  # a second run is a no-op
    engine = make_engine(url)
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    engine.dispose()
    return diff


def test_sqlite_migrations_match_models(tmp_path):
    assert _diff(f"sqlite:///{tmp_path / 'm.db'}") == []


def test_postgres_migrations_match_models():
    need(bool(PG_SERVER), "no PostgreSQL: set MERCATO_TEST_PG_URL or MERCATO_TEST_DATABASE_URL")
    url, name = pg_scratch_url("mig")
    try:
        assert _diff(url) == []
    finally:
        drop_pg_database(name)
