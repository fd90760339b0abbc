"""Catalogue: how the search index was built (catalog_state.search_format; `mercato migrate`
indexes every product again when it is older than the code's), and on PostgreSQL the search
term index with pattern ops, for the suggestions' prefix lookups.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-06 23:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_state") as batch:
        batch.add_column(
            sa.Column("search_format", sa.Integer(), server_default="1", nullable=False)
        )
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_catalog_search_term_term", table_name="catalog_search_term")
        op.create_index(
            "ix_catalog_search_term_term",
            "catalog_search_term",
            ["term", "product_id"],
            postgresql_ops={"term": "varchar_pattern_ops"},
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        op.drop_index("ix_catalog_search_term_term", table_name="catalog_search_term")
        op.create_index(
            "ix_catalog_search_term_term", "catalog_search_term", ["term", "product_id"]
        )
    with op.batch_alter_table("catalog_state") as batch:
        batch.drop_column("search_format")
