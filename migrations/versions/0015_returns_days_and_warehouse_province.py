"""Service promises on the product page: a category's no-reason returns
(catalog_category.returns_days: NULL = as its parent, at the top 7 days; 0 = none; else days)
and the province a warehouse ships from (inventory_warehouse.province, a full name such as
"广东省", "" when not set), for delivery estimates. Existing warehouses get the province their
region, address or Chinese name starts with, when it names one ("上海嘉定仓" → 上海市).

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-11 10:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0015"
down_revision: str | None = "0014"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The 31 of the mainland as (short name, full name), as in mercato.kernel.provinces.
PROVINCES = [
    (full.removesuffix(suffix), full)
    for full, suffix in (
        ("北京市", "市"),
        ("天津市", "市"),
        ("河北省", "省"),
        ("山西省", "省"),
        ("内蒙古自治区", "自治区"),
        ("辽宁省", "省"),
        ("吉林省", "省"),
        ("黑龙江省", "省"),
        ("上海市", "市"),
        ("江苏省", "省"),
        ("浙江省", "省"),
        ("安徽省", "省"),
        ("福建省", "省"),
        ("江西省", "省"),
        ("山东省", "省"),
        ("河南省", "省"),
        ("湖北省", "省"),
        ("湖南省", "省"),
        ("广东省", "省"),
        ("广西壮族自治区", "壮族自治区"),
        ("海南省", "省"),
        ("重庆市", "市"),
        ("四川省", "省"),
        ("贵州省", "省"),
        ("云南省", "省"),
        ("西藏自治区", "自治区"),
        ("陕西省", "省"),
        ("甘肃省", "省"),
        ("青海省", "省"),
        ("宁夏回族自治区", "回族自治区"),
        ("新疆维吾尔自治区", "维吾尔自治区"),
    )
]
GUESS = sa.text(
    "UPDATE inventory_warehouse SET province = :full WHERE province = '' AND "
    "(region IN (:short, :full) OR address LIKE :prefix OR name_zh LIKE :prefix)"
)


def upgrade() -> None:
    with op.batch_alter_table("catalog_category") as batch:
        batch.add_column(sa.Column("returns_days", sa.Integer(), nullable=True))
    with op.batch_alter_table("inventory_warehouse") as batch:
        batch.add_column(
            sa.Column("province", sa.String(length=40), server_default="", nullable=False)
        )
    bind = op.get_bind()
    for short, full in PROVINCES:
        bind.execute(GUESS, {"short": short, "full": full, "prefix": short + "%"})


def downgrade() -> None:
    with op.batch_alter_table("inventory_warehouse") as batch:
        batch.drop_column("province")
    with op.batch_alter_table("catalog_category") as batch:
        batch.drop_column("returns_days")
