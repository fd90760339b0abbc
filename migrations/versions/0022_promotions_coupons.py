"""Promotions and coupons: promotions, coupon templates, issued coupons, redemptions.

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 11:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0022"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _promotions() -> None:
    op.create_table(
        "promotions_promotion",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("priority", sa.Integer(), nullable=False),
        sa.Column("stacking", sa.String(length=10), nullable=False),
        sa.Column("percent_off_bp", sa.Integer(), nullable=False),
        sa.Column("buy", sa.Integer(), nullable=False),
        sa.Column("pay", sa.Integer(), nullable=False),
        sa.Column("nth", sa.Integer(), nullable=False),
        sa.Column("tiers", sa.Text(), nullable=False),
        sa.Column("over_fen", sa.BigInteger(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_promotion")),
    )
    op.create_index("ix_promotions_promotion_live", "promotions_promotion",
                    ["enabled", "ends_at"])


def _templates() -> None:
    op.create_table(
        "promotions_coupon_template",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("off_fen", sa.BigInteger(), nullable=False),
        sa.Column("percent_off_bp", sa.Integer(), nullable=False),
        sa.Column("cap_fen", sa.BigInteger(), nullable=False),
        sa.Column("min_spend_fen", sa.BigInteger(), nullable=False),
        sa.Column("scope", sa.Text(), nullable=False),
        sa.Column("with_promotions", sa.Boolean(), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=True),
        sa.Column("ends_at", sa.DateTime(), nullable=True),
        sa.Column("valid_days", sa.Integer(), nullable=False),
        sa.Column("total_limit", sa.Integer(), nullable=False),
        sa.Column("per_customer_limit", sa.Integer(), nullable=False),
        sa.Column("issued_count", sa.Integer(), nullable=False),
        sa.Column("used_count", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=20), nullable=True),
        sa.Column("purpose", sa.String(length=20), nullable=True),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_by", sa.String(length=254), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("total_limit = 0 OR issued_count <= total_limit",
                           name=op.f("ck_promotions_coupon_template_within_limit")),
        sa.CheckConstraint("issued_count >= 0 AND used_count >= 0",
                           name=op.f("ck_promotions_coupon_template_counts_nonneg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_coupon_template")),
        sa.UniqueConstraint("code", name=op.f("uq_promotions_coupon_template_code")),
        sa.UniqueConstraint("purpose", name=op.f("uq_promotions_coupon_template_purpose")),
    )


def _coupons() -> None:
    op.create_table(
        "promotions_coupon",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("template_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=24), nullable=False),
        sa.Column("off_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("used_order_number", sa.String(length=20), nullable=True),
        sa.Column("used_at", sa.DateTime(), nullable=True),
        sa.Column("source", sa.String(length=10), nullable=False),
        sa.Column("source_ref", sa.String(length=64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["template_id"], ["promotions_coupon_template.id"],
            name=op.f("fk_promotions_coupon_template_id_promotions_coupon_template")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_coupon")),
        sa.UniqueConstraint("code", name=op.f("uq_promotions_coupon_code")),
        sa.UniqueConstraint("template_id", "customer_id", "source", "source_ref",
                            name="uq_promotions_coupon_once"),
    )
    op.create_index("ix_promotions_coupon_mine", "promotions_coupon",
                    ["customer_id", "status", "ends_at"])
    op.create_index("ix_promotions_coupon_expiry", "promotions_coupon", ["status", "ends_at"])
    op.create_index("ix_promotions_coupon_template", "promotions_coupon",
                    ["template_id", "status"])
    op.create_index(op.f("ix_promotions_coupon_used_order_number"), "promotions_coupon",
                    ["used_order_number"])


def _redemptions() -> None:
    op.create_table(
        "promotions_redemption",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=24), nullable=False),
        sa.Column("promotion_id", sa.Integer(), nullable=True),
        sa.Column("coupon_id", sa.Integer(), nullable=True),
        sa.Column("template_id", sa.Integer(), nullable=True),
        sa.Column("discount_fen", sa.BigInteger(), nullable=False),
        sa.Column("order_goods_fen", sa.BigInteger(), nullable=False),
        sa.Column("order_total_fen", sa.BigInteger(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_redemption")),
        sa.UniqueConstraint("order_number", "source", name="uq_promotions_redemption_once"),
    )
    op.create_index(op.f("ix_promotions_redemption_promotion_id"), "promotions_redemption",
                    ["promotion_id"])
    op.create_index(op.f("ix_promotions_redemption_template_id"), "promotions_redemption",
                    ["template_id"])


def _gifts() -> None:
    op.create_table(
        "promotions_bundle",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("trigger", sa.String(length=20), nullable=False),
        sa.Column("tier", sa.String(length=20), nullable=False),
        sa.Column("template_ids", sa.String(length=200), nullable=False),
        sa.Column("enabled", sa.Boolean(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_bundle")),
    )
    op.create_index(op.f("ix_promotions_bundle_trigger"), "promotions_bundle", ["trigger"])
    op.create_table(
        "promotions_cashback",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("amount_fen", sa.BigInteger(), nullable=False),
        sa.Column("how", sa.String(length=10), nullable=False),
        sa.Column("coupon_id", sa.Integer(), nullable=True),
        sa.Column("points", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_promotions_cashback")),
        sa.UniqueConstraint("ref", name=op.f("uq_promotions_cashback_ref")),
    )
    op.create_index(op.f("ix_promotions_cashback_customer_id"), "promotions_cashback",
                    ["customer_id"])


def upgrade() -> None:
    _promotions()
    _templates()
    _coupons()
    _redemptions()
    _gifts()


def downgrade() -> None:
    for name in ("promotions_cashback", "promotions_bundle", "promotions_redemption",
                 "promotions_coupon", "promotions_coupon_template", "promotions_promotion"):
        op.drop_table(name)
