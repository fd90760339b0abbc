"""Presale (预售): campaigns, their items (planned units, deposit, what it counts as),
customers' holdings against the per-customer limit, expected incoming stock per warehouse,
and the deposit orders the context follows.

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-07 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op


revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "presale_campaign",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("deposit_starts", sa.DateTime(), nullable=False),
        sa.Column("deposit_ends", sa.DateTime(), nullable=False),
        sa.Column("balance_starts", sa.DateTime(), nullable=False),
        sa.Column("balance_ends", sa.DateTime(), nullable=False),
        sa.Column("ship_on", sa.Date(), nullable=False),
        sa.Column("rule", sa.String(length=8), nullable=False),
        sa.Column("per_customer_limit", sa.Integer(), nullable=False),
        sa.Column("remind_hours", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presale_campaign")),
    )
    with op.batch_alter_table("presale_campaign", schema=None) as batch_op:
        batch_op.create_index("ix_presale_campaign_live", ["status", "balance_ends"], unique=False)

    op.create_table(
        "presale_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("deposit_fen", sa.BigInteger(), nullable=False),
        sa.Column("deduct_fen", sa.BigInteger(), nullable=False),
        sa.Column("planned", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "deposit_fen >= 1 AND deduct_fen >= deposit_fen AND price_fen > deduct_fen",
            name=op.f("ck_presale_item_amounts"),
        ),
        sa.CheckConstraint(
            "taken >= 0 AND taken <= planned", name=op.f("ck_presale_item_within_plan")
        ),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["presale_campaign.id"],
            name=op.f("fk_presale_item_campaign_id_presale_campaign"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presale_item")),
        sa.UniqueConstraint("campaign_id", "sku_id", name="uq_presale_item_sku"),
    )
    with op.batch_alter_table("presale_item", schema=None) as batch_op:
        batch_op.create_index("ix_presale_item_sku", ["sku_id"], unique=False)

    op.create_table(
        "presale_holding",
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("units", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "units >= 0 AND units <= cap", name=op.f("ck_presale_holding_within_cap")
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["presale_item.id"], name=op.f("fk_presale_holding_item_id_presale_item")
        ),
        sa.PrimaryKeyConstraint("item_id", "customer_id", name=op.f("pk_presale_holding")),
    )
    op.create_table(
        "presale_incoming",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("expected_on", sa.Date(), nullable=True),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_presale_incoming_quantity_nonneg")),
        sa.ForeignKeyConstraint(
            ["item_id"], ["presale_item.id"], name=op.f("fk_presale_incoming_item_id_presale_item")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_presale_incoming")),
        sa.UniqueConstraint("item_id", "warehouse_id", name="uq_presale_incoming"),
    )
    op.create_table(
        "presale_order",
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("campaign_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("deposit_fen", sa.BigInteger(), nullable=False),
        sa.Column("balance_fen", sa.BigInteger(), nullable=False),
        sa.Column("province", sa.String(length=20), nullable=False),
        sa.Column("phone", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=14), nullable=False),
        sa.Column("deposit_paid_at", sa.DateTime(), nullable=True),
        sa.Column("balance_paid_at", sa.DateTime(), nullable=True),
        sa.Column("reminded_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["campaign_id"],
            ["presale_campaign.id"],
            name=op.f("fk_presale_order_campaign_id_presale_campaign"),
        ),
        sa.ForeignKeyConstraint(
            ["item_id"], ["presale_item.id"], name=op.f("fk_presale_order_item_id_presale_item")
        ),
        sa.PrimaryKeyConstraint("order_number", name=op.f("pk_presale_order")),
    )
    with op.batch_alter_table("presale_order", schema=None) as batch_op:
        batch_op.create_index("ix_presale_order_item_state", ["item_id", "state"], unique=False)
        batch_op.create_index("ix_presale_order_state", ["state", "balance_paid_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("presale_order", schema=None) as batch_op:
        batch_op.drop_index("ix_presale_order_state")
        batch_op.drop_index("ix_presale_order_item_state")

    op.drop_table("presale_order")
    op.drop_table("presale_incoming")
    op.drop_table("presale_holding")
    with op.batch_alter_table("presale_item", schema=None) as batch_op:
        batch_op.drop_index("ix_presale_item_sku")

    op.drop_table("presale_item")
    with op.batch_alter_table("presale_campaign", schema=None) as batch_op:
        batch_op.drop_index("ix_presale_campaign_live")

    op.drop_table("presale_campaign")
