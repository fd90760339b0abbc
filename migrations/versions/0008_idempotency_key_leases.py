"""Platform: leases on idempotency keys claimed outside a transaction (owner, lease_until,
recovery), so a key whose owner crashed becomes retryable.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-06 22:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("platform_idempotency") as batch:
        batch.add_column(
            sa.Column("owner", sa.String(length=32), server_default="", nullable=False)
        )
        batch.add_column(sa.Column("lease_until", sa.DateTime(), nullable=True))
        batch.add_column(
            sa.Column("recovery", sa.String(length=120), server_default="", nullable=False)
        )


def downgrade() -> None:
    with op.batch_alter_table("platform_idempotency") as batch:
        batch.drop_column("recovery")
        batch.drop_column("lease_until")
        batch.drop_column("owner")
