"""Alembic environment: the URL comes from the caller (mercato migrate) or the settings."""

from alembic import context

from mercato.bootstrap import metadata
from mercato.platform.db import make_engine
from mercato.platform.settings import get_settings

config = context.config


def run_migrations_online() -> None:
    url = config.attributes.get("url") or get_settings().database_url
    engine = make_engine(url)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


run_migrations_online()
