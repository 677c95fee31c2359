"""dashboard: covering indexes for activities by site and status and for each activity's latest report

Revision ID: 0006
Revises: 0005
"""

from __future__ import annotations

from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_activity_site_status", "activity", ["site_code", "status", "deleted"])
    op.create_index("ix_progress_update_latest", "progress_update",
                    ["activity_id", "deleted", "report_date", "actual_value"])


def downgrade() -> None:
    op.drop_index("ix_progress_update_latest", table_name="progress_update")
    op.drop_index("ix_activity_site_status", table_name="activity")
