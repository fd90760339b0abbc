"""Finance: issued invoices (fapiao), blue and red-letter, with their structured data.

Revision ID: 0021
Revises: 0020
Create Date: 2026-12-07 08:30:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0021"
down_revision: str | None = "0020"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "finance_invoice",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=20), nullable=False),
        sa.Column("key", sa.String(length=60), nullable=False),
        sa.Column("kind", sa.String(length=4), nullable=False),
        sa.Column("vat_type", sa.String(length=10), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("original_number", sa.String(length=20), nullable=False),
        sa.Column("buyer", sa.Text(), nullable=False),
        sa.Column("seller", sa.Text(), nullable=False),
        sa.Column("lines", sa.Text(), nullable=False),
        sa.Column("total_fen", sa.BigInteger(), nullable=False),
        sa.Column("net_fen", sa.BigInteger(), nullable=False),
        sa.Column("tax_fen", sa.BigInteger(), nullable=False),
        sa.Column("email", sa.String(length=120), nullable=False),
        sa.Column("issuer", sa.String(length=40), nullable=False),
        sa.Column("settled_refunds", sa.Text(), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_finance_invoice")),
        sa.UniqueConstraint("number", name=op.f("uq_finance_invoice_number")),
        sa.UniqueConstraint("key", name=op.f("uq_finance_invoice_key")),
    )
    op.create_index("ix_finance_invoice_order", "finance_invoice", ["order_number", "kind"])
    op.create_index(op.f("ix_finance_invoice_customer_id"), "finance_invoice", ["customer_id"])
    op.create_index(op.f("ix_finance_invoice_issued_at"), "finance_invoice", ["issued_at"])


def downgrade() -> None:
    op.drop_table("finance_invoice")
