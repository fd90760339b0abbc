"""Access: staff roles and the audit log. Each staff member has a role (built-in: owner,
operations, service, warehouse, finance; or a custom role in access_role); existing staff keep
what they could do (owner). platform_audit keeps every staff write (who, when, what, before
and after).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07 00:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "access_role",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("code", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=80), nullable=False),
        sa.Column("permissions", sa.Text(), nullable=False),
        sa.Column(
            "created_at",
            sa.DateTime(),
            server_default=sa.text("(CURRENT_TIMESTAMP)"),
            nullable=False,
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_access_role")),
        sa.UniqueConstraint("code", name=op.f("uq_access_role_code")),
    )
    with op.batch_alter_table("access_staff") as batch:
        batch.add_column(
            sa.Column("role", sa.String(length=40), server_default="owner", nullable=False)
        )
    op.create_table(
        "platform_audit",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("actor", sa.String(length=254), nullable=False),
        sa.Column("action", sa.String(length=300), nullable=False),
        sa.Column("target", sa.String(length=200), nullable=False),
        sa.Column("changes", sa.Text(), nullable=False),
        sa.Column("ip", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_platform_audit")),
    )
    for column in ("at", "actor", "target"):
        op.create_index(op.f(f"ix_platform_audit_{column}"), "platform_audit", [column])


def downgrade() -> None:
    op.drop_table("platform_audit")
    with op.batch_alter_table("access_staff") as batch:
        batch.drop_column("role")
    op.drop_table("access_role")
