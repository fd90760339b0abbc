"""After-sales: requests (returns, exchanges, refunds of unshipped orders) with their lines,
photos and timeline; the order's refunded total and special-VAT invoice details; returned
units held in quarantine; VAT rates per category (NULL = as the parent, 13% at the top).

Revision ID: 0018
Revises: 0017
Create Date: 2026-12-07 08:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0018"
down_revision: str | None = "0017"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_ORDER_COLUMNS = (
    ("invoice_type", sa.String(length=10), "ordinary"),
    ("invoice_address", sa.String(length=200), ""),
    ("invoice_phone", sa.String(length=30), ""),
    ("invoice_bank", sa.String(length=100), ""),
    ("invoice_account", sa.String(length=40), ""),
)


def _request() -> None:
    op.create_table(
        "aftersales_request",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=24), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=10), nullable=False),
        sa.Column("reason", sa.String(length=20), nullable=False),
        sa.Column("description", sa.String(length=500), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("shipping_fen", sa.BigInteger(), nullable=False),
        sa.Column("refund_no", sa.String(length=32), nullable=False),
        sa.Column("decision_note", sa.String(length=500), nullable=False),
        sa.Column("warehouse_id", sa.Integer(), nullable=True),
        sa.Column("return_to", sa.String(length=400), nullable=False),
        sa.Column("return_carrier", sa.String(length=40), nullable=False),
        sa.Column("return_waybill", sa.String(length=40), nullable=False),
        sa.Column("replacement_carrier", sa.String(length=40), nullable=False),
        sa.Column("replacement_waybill", sa.String(length=40), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("decided_at", sa.DateTime(), nullable=True),
        sa.Column("received_at", sa.DateTime(), nullable=True),
        sa.Column("refunded_at", sa.DateTime(), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.CheckConstraint("refund_fen >= 0", name=op.f("ck_aftersales_request_refund_nonneg")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_request")),
        sa.UniqueConstraint("number", name=op.f("uq_aftersales_request_number")),
    )
    op.create_index("ix_aftersales_request_queue", "aftersales_request", ["status", "created_at"])
    op.create_index(op.f("ix_aftersales_request_order_number"), "aftersales_request",
                    ["order_number"])
    op.create_index(op.f("ix_aftersales_request_customer_id"), "aftersales_request",
                    ["customer_id"])


def _fk() -> sa.ForeignKey:
    return sa.ForeignKey("aftersales_request.id", ondelete="CASCADE")


def _children() -> None:
    op.create_table(
        "aftersales_line",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), _fk(), nullable=False),
        sa.Column("order_line_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("product_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=300), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("refund_fen", sa.BigInteger(), nullable=False),
        sa.Column("disposition", sa.String(length=12), nullable=False),
        sa.CheckConstraint("quantity > 0", name=op.f("ck_aftersales_line_quantity_pos")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_line")),
    )
    op.create_table(
        "aftersales_photo",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), _fk(), nullable=True),
        sa.Column("path", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_photo")),
    )
    op.create_table(
        "aftersales_step",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("request_id", sa.Integer(), _fk(), nullable=False),
        sa.Column("from_status", sa.String(length=12), nullable=False),
        sa.Column("to_status", sa.String(length=12), nullable=False),
        sa.Column("actor", sa.String(length=120), nullable=False),
        sa.Column("note", sa.String(length=500), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_step")),
    )
    for table in ("aftersales_line", "aftersales_step", "aftersales_photo"):
        op.create_index(op.f(f"ix_{table}_request_id"), table, ["request_id"])
    op.create_index(op.f("ix_aftersales_photo_customer_id"), "aftersales_photo", ["customer_id"])


def upgrade() -> None:
    _request()
    _children()
    with op.batch_alter_table("orders_order") as batch:
        for name, type_, default in _ORDER_COLUMNS:
            batch.add_column(sa.Column(name, type_, nullable=False, server_default=default))
        batch.add_column(sa.Column("refunded_fen", sa.BigInteger(), nullable=False,
                                   server_default="0"))
    with op.batch_alter_table("inventory_stock") as batch:
        batch.add_column(sa.Column("quarantined", sa.Integer(), nullable=False,
                                   server_default="0"))
    with op.batch_alter_table("catalog_category") as batch:
        batch.add_column(sa.Column("tax_rate_bp", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("catalog_category") as batch:
        batch.drop_column("tax_rate_bp")
    with op.batch_alter_table("inventory_stock") as batch:
        batch.drop_column("quarantined")
    with op.batch_alter_table("orders_order") as batch:
        batch.drop_column("refunded_fen")
        for name, _type, _default in reversed(_ORDER_COLUMNS):
            batch.drop_column(name)
    for table in ("aftersales_step", "aftersales_photo", "aftersales_line", "aftersales_request"):
        op.drop_table(table)
