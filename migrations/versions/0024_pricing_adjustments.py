"""Pricing: group price lists; orders: each line's discount and the order's adjustments.

Revision ID: 0024
Revises: 0023
Create Date: 2026-12-07 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0024"
down_revision: str | None = "0023"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "pricing_price_list",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("group", sa.String(length=40), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("group"),
    )
    op.create_table(
        "pricing_price_list_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("price_list_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.ForeignKeyConstraint(["price_list_id"], ["pricing_price_list.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
        sa.UniqueConstraint("price_list_id", "sku_id"),
    )
    op.create_table(
        "orders_adjustment",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=16), nullable=False),
        sa.Column("source", sa.String(length=40), nullable=False),
        sa.Column("label", sa.String(length=120), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["order_id"], ["orders_order.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index("ix_orders_adjustment_order_id", "orders_adjustment", ["order_id"])
    with op.batch_alter_table("orders_line") as t:
        t.add_column(sa.Column("discount_fen", sa.BigInteger(), nullable=False,
                               server_default="0"))
    with op.batch_alter_table("orders_order") as t:
        t.add_column(sa.Column("points_used", sa.Integer(), nullable=False, server_default="0"))
        t.add_column(sa.Column("coupon_id", sa.Integer(), nullable=True))
        t.add_column(sa.Column("shipping_discount_fen", sa.BigInteger(), nullable=False,
                               server_default="0"))
        t.add_column(sa.Column("priority", sa.Boolean(), nullable=False,
                               server_default=sa.false()))


def downgrade() -> None:
    with op.batch_alter_table("orders_order") as t:
        for name in ("priority", "shipping_discount_fen", "coupon_id", "points_used"):
            t.drop_column(name)
    with op.batch_alter_table("orders_line") as t:
        t.drop_column("discount_fen")
    op.drop_index("ix_orders_adjustment_order_id", table_name="orders_adjustment")
    op.drop_table("orders_adjustment")
    op.drop_table("pricing_price_list_item")
    op.drop_table("pricing_price_list")
