"""Group buying: deals, groups and their members.

Revision ID: 0027
Revises: 0026
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0027"
down_revision: str | None = "0026"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _deals() -> None:
    op.create_table(
        "groupbuy_deal",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("group_size", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("time_limit_minutes", sa.Integer(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("ladder", sa.Text(), nullable=False),
        sa.Column("cashback_how", sa.String(length=10), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("group_size BETWEEN 2 AND 50",
                           name=op.f("ck_groupbuy_deal_size_range")),
        sa.CheckConstraint("price_fen >= 1", name=op.f("ck_groupbuy_deal_price_positive")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupbuy_deal")),
    )
    op.create_index(op.f("ix_groupbuy_deal_sku_id"), "groupbuy_deal", ["sku_id"])
    op.create_index(op.f("ix_groupbuy_deal_product_id"), "groupbuy_deal", ["product_id"])


def _groups() -> None:
    op.create_table(
        "groupbuy_group",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("deal_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("leader_id", sa.Integer(), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("seats_taken", sa.Integer(), nullable=False),
        sa.Column("seats_paid", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("opened_at", sa.DateTime(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=False),
        sa.Column("ended_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("seats_taken BETWEEN 0 AND size",
                           name=op.f("ck_groupbuy_group_seats_within_size")),
        sa.CheckConstraint("seats_paid BETWEEN 0 AND seats_taken",
                           name=op.f("ck_groupbuy_group_paid_within_taken")),
        sa.ForeignKeyConstraint(["deal_id"], ["groupbuy_deal.id"],
                                name=op.f("fk_groupbuy_group_deal_id_groupbuy_deal")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupbuy_group")),
        sa.UniqueConstraint("code", name=op.f("uq_groupbuy_group_code")),
    )
    op.create_index("ix_groupbuy_group_due", "groupbuy_group", ["status", "expires_at"])
    op.create_index("ix_groupbuy_group_deal", "groupbuy_group", ["deal_id", "status"])


def _members() -> None:
    op.create_table(
        "groupbuy_member",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=True),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("cashback_fen", sa.BigInteger(), nullable=False),
        sa.Column("joined_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["group_id"], ["groupbuy_group.id"],
                                name=op.f("fk_groupbuy_member_group_id_groupbuy_group")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_groupbuy_member")),
        sa.UniqueConstraint("group_id", "customer_id", name="uq_groupbuy_member_once"),
        sa.UniqueConstraint("order_number", name=op.f("uq_groupbuy_member_order_number")),
    )
    op.create_index(op.f("ix_groupbuy_member_customer_id"), "groupbuy_member", ["customer_id"])


def upgrade() -> None:
    _deals()
    _groups()
    _members()


def downgrade() -> None:
    for name in ("groupbuy_member", "groupbuy_group", "groupbuy_deal"):
        op.drop_table(name)
