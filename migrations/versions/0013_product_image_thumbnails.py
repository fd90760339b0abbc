"""Catalogue: uploaded product pictures keep their list thumbnail, the original as sent and
its size beside the storefront's version (catalog_product_image.thumb_url, original_url,
width, height; empty or 0 for pictures given by address).

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-09 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("catalog_product_image") as batch:
        batch.add_column(
            sa.Column("thumb_url", sa.String(length=300), server_default="", nullable=False)
        )
        batch.add_column(
            sa.Column("original_url", sa.String(length=300), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("width", sa.Integer(), server_default="0", nullable=False))
        batch.add_column(sa.Column("height", sa.Integer(), server_default="0", nullable=False))


def downgrade() -> None:
    with op.batch_alter_table("catalog_product_image") as batch:
        for name in ("height", "width", "original_url", "thumb_url"):
            batch.drop_column(name)
