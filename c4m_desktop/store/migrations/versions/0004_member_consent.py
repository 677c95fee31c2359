"""members: consent to keep personal details, the "forgotten" mark, fields withheld from this copy

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # Nullable or server-defaulted columns: ADD COLUMN, no table copy, even on SQLite.
    op.add_column("member", sa.Column("consent", sa.String(length=16), nullable=True))
    op.add_column("member", sa.Column("consent_date", sa.Date(), nullable=True))
    op.add_column("member", sa.Column("forgotten", sa.Boolean(), nullable=False, server_default=sa.false()))
    op.add_column("member", sa.Column("withheld", sa.String(length=40), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("member") as batch_op:
        for name in ("withheld", "forgotten", "consent_date", "consent"):
            batch_op.drop_column(name)
