"""Orders paid in two parts (presale 预售: a deposit now, the balance in a later window) and
the part each payment attempt paid.

Revision ID: 0029
Revises: 0028
Create Date: 2026-12-07 18:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0029"
down_revision: str | None = "0028"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Server defaults fill the rows already there: every older order was paid in one part.
    with op.batch_alter_table("orders_order") as t:
        t.add_column(sa.Column("deposit_fen", sa.BigInteger(), nullable=False,
                               server_default="0"))
        t.add_column(sa.Column("deposit_paid_at", sa.DateTime(), nullable=True))
        t.add_column(sa.Column("deposit_ref", sa.String(length=64), nullable=False,
                               server_default=""))
        t.add_column(sa.Column("balance_from", sa.DateTime(), nullable=True))
        t.add_column(sa.Column("balance_until", sa.DateTime(), nullable=True))
        t.add_column(sa.Column("deposit_rule", sa.String(length=8), nullable=False,
                               server_default=""))
    with op.batch_alter_table("payments_payment") as t:
        t.add_column(sa.Column("stage", sa.String(length=8), nullable=False,
                               server_default=""))


def downgrade() -> None:
    with op.batch_alter_table("payments_payment") as t:
        t.drop_column("stage")
    with op.batch_alter_table("orders_order") as t:
        t.drop_column("deposit_rule")
        t.drop_column("balance_until")
        t.drop_column("balance_from")
        t.drop_column("deposit_ref")
        t.drop_column("deposit_paid_at")
        t.drop_column("deposit_fen")
