"""Members loyalty: tiers, points ledger, spend record, referrals, life-cycle tags.

Revision ID: 0023
Revises: 0022
Create Date: 2026-12-07 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0023"
down_revision: str | None = "0022"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

OPEN = "remaining > 0"
WITH_REF = "ref <> ''"


def _customer_fk(table: str, column: str = "customer_id") -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        [column],
        ["members_customer.id"],
        name=op.f(f"fk_{table}_{column}_members_customer"),
        ondelete="CASCADE",
    )


def upgrade() -> None:
    with op.batch_alter_table("members_customer", schema=None) as batch_op:
        batch_op.add_column(sa.Column("birthday", sa.Date(), nullable=True))
        batch_op.add_column(
            sa.Column("group", sa.String(length=40), server_default="", nullable=False)
        )

    tier = op.create_table(
        "members_tier",
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("min_spend_fen", sa.BigInteger(), nullable=False),
        sa.Column("min_orders", sa.Integer(), nullable=False),
        sa.Column("discount_bp", sa.Integer(), nullable=False),
        sa.Column("priority_shipping", sa.Boolean(), nullable=False),
        sa.Column("birthday_gift", sa.Boolean(), nullable=False),
        sa.CheckConstraint(
            "discount_bp >= 0 AND discount_bp <= 5000", name=op.f("ck_members_tier_discount_range")
        ),
        sa.CheckConstraint(
            "min_spend_fen >= 0 AND min_orders >= 0",
            name=op.f("ck_members_tier_thresholds_nonneg"),
        ),
        sa.PrimaryKeyConstraint("code", name=op.f("pk_members_tier")),
        sa.UniqueConstraint("rank", name=op.f("uq_members_tier_rank")),
    )
    # The defaults of mercato.members.domain_loyalty.DEFAULT_TIERS.
    op.bulk_insert(
        tier,
        [
            {"code": "silver", "name": "Silver", "rank": 1, "min_spend_fen": 50_000,
             "min_orders": 1, "discount_bp": 0, "priority_shipping": False,
             "birthday_gift": True},
            {"code": "gold", "name": "Gold", "rank": 2, "min_spend_fen": 300_000,
             "min_orders": 3, "discount_bp": 200, "priority_shipping": False,
             "birthday_gift": True},
            {"code": "diamond", "name": "Diamond", "rank": 3, "min_spend_fen": 1_000_000,
             "min_orders": 8, "discount_bp": 500, "priority_shipping": True,
             "birthday_gift": True},
        ],
    )

    op.create_table(
        "members_loyalty",
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("tier", sa.String(length=16), nullable=False),
        sa.Column("points", sa.BigInteger(), nullable=False),
        sa.Column("spend_fen_365", sa.BigInteger(), nullable=False),
        sa.Column("orders_365", sa.Integer(), nullable=False),
        sa.Column("purchases", sa.Integer(), nullable=False),
        sa.Column("spend_fen_total", sa.BigInteger(), nullable=False),
        sa.Column("tag", sa.String(length=12), nullable=False),
        sa.Column("r_score", sa.SmallInteger(), nullable=False),
        sa.Column("f_score", sa.SmallInteger(), nullable=False),
        sa.Column("m_score", sa.SmallInteger(), nullable=False),
        sa.Column("first_order_at", sa.DateTime(), nullable=True),
        sa.Column("last_order_at", sa.DateTime(), nullable=True),
        sa.Column("birth_md", sa.SmallInteger(), nullable=True),
        sa.Column("invite_code", sa.String(length=12), nullable=True),
        sa.Column("referred_by", sa.Integer(), nullable=True),
        sa.Column("recomputed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint("points >= 0", name=op.f("ck_members_loyalty_points_nonneg")),
        _customer_fk("members_loyalty"),
        sa.PrimaryKeyConstraint("customer_id", name=op.f("pk_members_loyalty")),
        sa.UniqueConstraint("invite_code", name=op.f("uq_members_loyalty_invite_code")),
    )
    with op.batch_alter_table("members_loyalty", schema=None) as batch_op:
        batch_op.create_index("ix_members_loyalty_tier", ["tier", "customer_id"], unique=False)
        batch_op.create_index("ix_members_loyalty_tag", ["tag", "customer_id"], unique=False)
        batch_op.create_index("ix_members_loyalty_birth_md", ["birth_md"], unique=False)

    op.create_table(
        "members_points_ledger",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("delta", sa.BigInteger(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.String(length=200), nullable=False),
        sa.Column("balance_after", sa.BigInteger(), nullable=False),
        sa.Column("remaining", sa.BigInteger(), nullable=False),
        sa.Column("expires_at", sa.DateTime(), nullable=True),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint(
            "remaining >= 0", name=op.f("ck_members_points_ledger_remaining_nonneg")
        ),
        _customer_fk("members_points_ledger"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_members_points_ledger")),
        sqlite_autoincrement=True,
    )
    with op.batch_alter_table("members_points_ledger", schema=None) as batch_op:
        batch_op.create_index(
            "uq_members_points_ledger_ref",
            ["customer_id", "kind", "ref"],
            unique=True,
            postgresql_where=sa.text(WITH_REF),
            sqlite_where=sa.text(WITH_REF),
        )
        batch_op.create_index(
            "ix_members_points_ledger_customer", ["customer_id", "id"], unique=False
        )
        batch_op.create_index(
            "ix_members_points_ledger_open",
            ["customer_id", "expires_at", "id"],
            unique=False,
            postgresql_where=sa.text(OPEN),
            sqlite_where=sa.text(OPEN),
        )
        batch_op.create_index(
            "ix_members_points_ledger_due",
            ["expires_at"],
            unique=False,
            postgresql_where=sa.text(OPEN),
            sqlite_where=sa.text(OPEN),
        )

    op.create_table(
        "members_order_record",
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("shipping_fen", sa.BigInteger(), nullable=False),
        sa.Column("goods_fen", sa.BigInteger(), nullable=False),
        sa.Column("refunded_fen", sa.BigInteger(), nullable=False),
        sa.Column("points_used", sa.BigInteger(), nullable=False),
        sa.Column("points_earned", sa.BigInteger(), nullable=False),
        sa.Column("points_reversed", sa.BigInteger(), nullable=False),
        sa.Column("points_returned", sa.BigInteger(), nullable=False),
        sa.Column("paid_at", sa.DateTime(), nullable=True),
        sa.Column("completed_at", sa.DateTime(), nullable=True),
        sa.Column("closed_at", sa.DateTime(), nullable=True),
        sa.CheckConstraint(
            "refunded_fen >= 0", name=op.f("ck_members_order_record_refunded_nonneg")
        ),
        sa.PrimaryKeyConstraint("order_number", name=op.f("pk_members_order_record")),
    )
    with op.batch_alter_table("members_order_record", schema=None) as batch_op:
        batch_op.create_index(
            "ix_members_order_record_customer", ["customer_id", "paid_at"], unique=False
        )

    op.create_table(
        "members_order_refund",
        sa.Column("number", sa.String(length=40), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("goods_fen", sa.BigInteger(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("number", name=op.f("pk_members_order_refund")),
    )
    with op.batch_alter_table("members_order_refund", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_members_order_refund_order_number"), ["order_number"], unique=False
        )

    op.create_table(
        "members_referral",
        sa.Column("invitee_id", sa.Integer(), nullable=False),
        sa.Column("referrer_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=12), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.String(length=40), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        _customer_fk("members_referral", "invitee_id"),
        _customer_fk("members_referral", "referrer_id"),
        sa.PrimaryKeyConstraint("invitee_id", name=op.f("pk_members_referral")),
    )
    with op.batch_alter_table("members_referral", schema=None) as batch_op:
        batch_op.create_index(
            "ix_members_referral_referrer", ["referrer_id", "created_at"], unique=False
        )


def downgrade() -> None:
    # Points balances, ledgers and referrals are lost: export them first if they matter.
    op.drop_table("members_referral")
    op.drop_table("members_order_refund")
    op.drop_table("members_order_record")
    op.drop_table("members_points_ledger")
    op.drop_table("members_loyalty")
    op.drop_table("members_tier")
    with op.batch_alter_table("members_customer", schema=None) as batch_op:
        batch_op.drop_column("group")
        batch_op.drop_column("birthday")
