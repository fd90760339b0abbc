"""Payments: the attempt status holds up to 16 characters, for "refund_failed" (a refund the
provider refused for good, left to a person).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("payments_payment") as batch:
        batch.alter_column(
            "status",
            existing_type=sa.String(length=12),
            type_=sa.String(length=16),
            existing_nullable=False,
        )


def downgrade() -> None:
    # The older code knows no refused refund: it asks the provider again, as it did before.
    op.execute("UPDATE payments_payment SET status = 'refund_due' WHERE status = 'refund_failed'")
    with op.batch_alter_table("payments_payment") as batch:
        batch.alter_column(
            "status",
            existing_type=sa.String(length=16),
            type_=sa.String(length=12),
            existing_nullable=False,
        )
