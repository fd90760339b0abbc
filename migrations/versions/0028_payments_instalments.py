"""Payments: the Alipay Huabei instalments (花呗分期) an attempt was opened with: how many
periods (0: paid at once, as every older attempt was) and who pays the fee.

Revision ID: 0028
Revises: 0027
Create Date: 2026-12-21 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0028"
down_revision: str | None = "0027"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Server defaults fill the rows already there: every older attempt was paid at once.
    with op.batch_alter_table("payments_payment", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("instalments", sa.Integer(), nullable=False, server_default="0")
        )
        batch_op.add_column(
            sa.Column("instalment_payer", sa.String(length=8), nullable=False, server_default="")
        )


def downgrade() -> None:
    # The older code pays every attempt at once: the periods chosen are only forgotten here
    # (Alipay keeps them on its trades).
    with op.batch_alter_table("payments_payment", schema=None) as batch_op:
        batch_op.drop_column("instalment_payer")
        batch_op.drop_column("instalments")
