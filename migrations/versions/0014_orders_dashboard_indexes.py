"""Orders: indexes for the admin home (dashboard). Paid orders by payment time, with the
customer and the total in the index, so the period figures and the sales per day are read
from the index alone; an order's lines with product, SKU, quantity and total (in place of the
index on order_id alone, which it covers), so the sales per SKU are read from it alone; and
the refund entries of the order timeline (a small partial index), so the refunds still owed
are counted without reading the whole timeline.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-10 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0014"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

REFUNDS = sa.text("kind = 'refund'")
LINE_SALES = ["order_id", "product_id", "sku_id", "quantity", "line_total_fen"]


def upgrade() -> None:
    op.create_index(
        "ix_orders_order_paid", "orders_order", ["paid_at", "customer_id", "total_fen", "id"]
    )
    op.create_index("ix_orders_line_sales", "orders_line", LINE_SALES)
    op.drop_index("ix_orders_line_order_id", table_name="orders_line")
    op.create_index(
        "ix_orders_timeline_refund",
        "orders_timeline",
        ["order_id", "reason", "to_status"],
        postgresql_where=REFUNDS,
        sqlite_where=REFUNDS,
    )


def downgrade() -> None:
    op.drop_index("ix_orders_timeline_refund", table_name="orders_timeline")
    op.create_index("ix_orders_line_order_id", "orders_line", ["order_id"])
    op.drop_index("ix_orders_line_sales", table_name="orders_line")
    op.drop_index("ix_orders_order_paid", table_name="orders_order")
