"""index for the association list's order (site, name)

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("association") as batch_op:
        batch_op.create_index("ix_association_site_name", ["site_code", "name_en"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("association") as batch_op:
        batch_op.drop_index("ix_association_site_name")
