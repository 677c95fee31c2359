"""association list: trigram name index (SQLite FTS5) and an order index that ends with the id

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

from alembic import op

from c4m_desktop.store import search

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The list sorts by (site, name, id): with the id in the index no sort step is left.
    with op.batch_alter_table("association") as batch_op:
        batch_op.drop_index("ix_association_site_name")
        batch_op.create_index("ix_association_site_name", ["site_code", "name_en", "id"], unique=False)
    search.create(op.get_bind())  # after the batch copy above, which may renumber rowids


def downgrade() -> None:
    search.drop(op.get_bind())
    with op.batch_alter_table("association") as batch_op:
        batch_op.drop_index("ix_association_site_name")
        batch_op.create_index("ix_association_site_name", ["site_code", "name_en"], unique=False)
