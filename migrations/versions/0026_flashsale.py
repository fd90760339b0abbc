"""Flash sales: events, their items, customers' holdings and seats.

Revision ID: 0026
Revises: 0025
Create Date: 2026-12-08 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0026"
down_revision: str | None = "0025"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _events() -> None:
    op.create_table(
        "flashsale_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=60), nullable=False),
        sa.Column("starts_at", sa.DateTime(), nullable=False),
        sa.Column("ends_at", sa.DateTime(), nullable=False),
        sa.Column("per_customer_limit", sa.Integer(), nullable=False),
        sa.Column("admit_per_second", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flashsale_event")),
    )
    op.create_index("ix_flashsale_event_live", "flashsale_event", ["status", "ends_at"])
    op.create_table(
        "flashsale_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("price_fen", sa.BigInteger(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.CheckConstraint("taken >= 0 AND taken <= quantity",
                           name=op.f("ck_flashsale_item_within_quantity")),
        sa.CheckConstraint("price_fen >= 1 AND quantity >= 1",
                           name=op.f("ck_flashsale_item_positive")),
        sa.ForeignKeyConstraint(["event_id"], ["flashsale_event.id"],
                                name=op.f("fk_flashsale_item_event_id_flashsale_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flashsale_item")),
        sa.UniqueConstraint("event_id", "sku_id", name="uq_flashsale_item_sku"),
    )
    op.create_index("ix_flashsale_item_sku", "flashsale_item", ["sku_id"])


def _holdings() -> None:
    op.create_table(
        "flashsale_holding",
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("taken", sa.Integer(), nullable=False),
        sa.Column("cap", sa.Integer(), nullable=False),
        sa.CheckConstraint("taken >= 0 AND taken <= cap",
                           name=op.f("ck_flashsale_holding_within_cap")),
        sa.ForeignKeyConstraint(["event_id"], ["flashsale_event.id"],
                                name=op.f("fk_flashsale_holding_event_id_flashsale_event")),
        sa.PrimaryKeyConstraint("event_id", "customer_id", name=op.f("pk_flashsale_holding")),
    )


def _seats() -> None:
    op.create_table(
        "flashsale_seat",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("seat_id", sa.String(length=48), nullable=False),
        sa.Column("event_id", sa.Integer(), nullable=False),
        sa.Column("sku_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("quantity", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=10), nullable=False),
        sa.Column("order_number", sa.String(length=20), nullable=True),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["event_id"], ["flashsale_event.id"],
                                name=op.f("fk_flashsale_seat_event_id_flashsale_event")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_flashsale_seat")),
        sa.UniqueConstraint("seat_id", name="uq_flashsale_seat_seat_id"),
    )
    op.create_index("ix_flashsale_seat_status", "flashsale_seat",
                    ["event_id", "status", "taken_at"])
    op.create_index("ix_flashsale_seat_customer", "flashsale_seat", ["event_id", "customer_id"])
    op.create_index("ix_flashsale_seat_order", "flashsale_seat", ["order_number"])


def upgrade() -> None:
    _events()
    _holdings()
    _seats()


def downgrade() -> None:
    for name in ("flashsale_seat", "flashsale_holding", "flashsale_item", "flashsale_event"):
        op.drop_table(name)
