"""Orders: the campaign an order came from (a flash sale, a group deal) and a hold that keeps
a paid order from shipping until its campaign releases it (a group not yet full).

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-07 14:40:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("orders_order") as t:
        t.add_column(sa.Column("campaign", sa.String(length=40), nullable=False,
                               server_default=""))
        t.add_column(sa.Column("ship_hold", sa.Boolean(), nullable=False,
                               server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("orders_order") as t:
        t.drop_column("ship_hold")
        t.drop_column("campaign")
