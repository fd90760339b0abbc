"""Payments: partial refunds (after-sales returns), one row per refund number against the
paid attempt; and what an attempt's whole refund gives back once partial refunds took part
of it (NULL on older rows: the whole amount).

Revision ID: 0020
Revises: 0019
Create Date: 2026-12-14 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0020"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "payments_refund",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("refund_no", sa.String(length=32), nullable=False),
        sa.Column("out_trade_no", sa.String(length=32), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("provider", sa.String(length=20), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("refund_id", sa.String(length=64), nullable=False),
        sa.Column("error", sa.String(length=64), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("amount_fen > 0", name=op.f("ck_payments_refund_amount_pos")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_payments_refund")),
        sa.UniqueConstraint("refund_no", name=op.f("uq_payments_refund_refund_no")),
    )
    with op.batch_alter_table("payments_refund", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_payments_refund_order_number"), ["order_number"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_payments_refund_out_trade_no"), ["out_trade_no"], unique=False
        )
        batch_op.create_index(
            "ix_payments_refund_status_updated", ["status", "updated_at"], unique=False
        )

    with op.batch_alter_table("payments_payment", schema=None) as batch_op:
        batch_op.add_column(sa.Column("refund_fen", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    # The older code refunds a whole attempt in full: an attempt owed back after partial
    # refunds would be asked for more than is left, which the provider refuses (NOT_ENOUGH).
    with op.batch_alter_table("payments_payment", schema=None) as batch_op:
        batch_op.drop_column("refund_fen")
    with op.batch_alter_table("payments_refund", schema=None) as batch_op:
        batch_op.drop_index("ix_payments_refund_status_updated")
        batch_op.drop_index(batch_op.f("ix_payments_refund_out_trade_no"))
        batch_op.drop_index(batch_op.f("ix_payments_refund_order_number"))
    op.drop_table("payments_refund")
