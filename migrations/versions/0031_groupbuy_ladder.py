"""Group buying's cashback ladder (阶梯团): a deal takes up to `max_size` people; a group
succeeds once `needed` seats are paid, stays joinable up to its `size` (from now on its most
seats: the CHECK seats_taken BETWEEN 0 AND size keeps holding it there) and completes
(`completed_at`, its cashback fixed) at its most or when its time runs out.

Rows already there keep today's behaviour: a deal's most is its group size, a group needs
every seat it has, and a group that filled before this revision completed as it filled.
The server defaults only fill the rows already there (overwritten at once below); the code
always writes both columns. Columns are added with plain ALTER TABLE on SQLite too (no table
copy, which the foreign keys onto both tables would refuse).

Revision ID: 0031
Revises: 0030
Create Date: 2026-12-08 12:00:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0031"
down_revision: str | None = "0030"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COMPLETING = "status = 'filled' AND completed_at IS NULL"


def upgrade() -> None:
    with op.batch_alter_table("groupbuy_deal") as t:
        t.add_column(sa.Column("max_size", sa.Integer(), nullable=False, server_default="2"))
    with op.batch_alter_table("groupbuy_group") as t:
        t.add_column(sa.Column("needed", sa.Integer(), nullable=False, server_default="2"))
        t.add_column(sa.Column("completed_at", sa.DateTime(), nullable=True))
    op.execute("UPDATE groupbuy_deal SET max_size = group_size")
    op.execute("UPDATE groupbuy_group SET needed = size")
    op.execute("UPDATE groupbuy_group SET completed_at = ended_at WHERE status = 'filled'")
    # The expiry job's read of filled groups to complete (few, among ever more completed).
    op.create_index("ix_groupbuy_group_completing", "groupbuy_group", ["expires_at"],
                    postgresql_where=sa.text(COMPLETING), sqlite_where=sa.text(COMPLETING))


def downgrade() -> None:
    op.drop_index("ix_groupbuy_group_completing", table_name="groupbuy_group")
    # Plain ALTER TABLE ... DROP COLUMN (SQLite 3.35+ too): a batch's table copy would be
    # refused by the foreign keys onto both tables once they have rows.
    op.drop_column("groupbuy_group", "completed_at")
    op.drop_column("groupbuy_group", "needed")
    op.drop_column("groupbuy_deal", "max_size")
