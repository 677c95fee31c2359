"""sync: conflicts become synced records, peers' receipts, outbox message text and size, echo guard

Revision ID: 0003
Revises: 0002

Conflicts could only come from imports, which did not exist before this revision, so the old
table is empty and is recreated rather than altered.
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

SYNCED_TABLES = ("association", "association_sector", "member", "ipr_asset", "business_plan",
                 "business_plan_section", "financial_line", "action_plan", "activity", "progress_update", "attachment")

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.drop_index("ix_conflict_row_id")
    op.drop_table("conflict")
    op.create_table(
        "conflict",
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("loser_hlc", sa.String(length=80), nullable=False),
        sa.Column("loser_device", sa.String(length=36), nullable=False),
        sa.Column("loser_json", sa.Text(), nullable=False),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_code", sa.String(length=3), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("hlc", sa.String(length=80), nullable=False),
        sa.Column("vv", sa.Text(), nullable=False),
        sa.Column("origin_device", sa.String(length=36), nullable=False),
        sa.Column("deleted", sa.Boolean(), nullable=False),
        sa.Column("change_seq", sa.BigInteger(), nullable=False),
        sa.Column("received_from", sa.String(length=36), nullable=True),
        sa.ForeignKeyConstraint(["site_code"], ["site.code"], name=op.f("fk_conflict_site_code_site")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_row_id"), ["row_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_change_seq"), ["change_seq"], unique=False)
        batch_op.create_index(batch_op.f("ix_conflict_site_code"), ["site_code"], unique=False)
    op.create_table(
        "sync_peer",
        sa.Column("device_id", sa.String(length=36), nullable=False),
        sa.Column("site_code", sa.String(length=8), nullable=True),
        sa.Column("role", sa.String(length=8), nullable=True),
        sa.Column("merged_seq", sa.BigInteger(), nullable=False),
        sa.Column("merged_at", sa.DateTime(), nullable=True),
        sa.Column("confirmed_seq", sa.BigInteger(), nullable=False),
        sa.Column("confirmed_at", sa.DateTime(), nullable=True),
        sa.Column("last_bundle_at", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("device_id", name=op.f("pk_sync_peer")),
    )
    for name in SYNCED_TABLES:
        # A nullable column needs no table copy, even on SQLite.
        op.add_column(name, sa.Column("received_from", sa.String(length=36), nullable=True))
    with op.batch_alter_table("outbox_item") as batch_op:
        batch_op.add_column(sa.Column("subject", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("body", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("size", sa.BigInteger(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("outbox_item") as batch_op:
        batch_op.drop_column("size")
        batch_op.drop_column("body")
        batch_op.drop_column("subject")
    op.drop_table("sync_peer")
    for name in SYNCED_TABLES:
        with op.batch_alter_table(name) as batch_op:
            batch_op.drop_column("received_from")
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.drop_index(batch_op.f("ix_conflict_site_code"))
        batch_op.drop_index(batch_op.f("ix_conflict_change_seq"))
        batch_op.drop_index(batch_op.f("ix_conflict_row_id"))
    op.drop_table("conflict")
    op.create_table(
        "conflict",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("table_name", sa.String(length=40), nullable=False),
        sa.Column("row_id", sa.String(length=36), nullable=False),
        sa.Column("winner_hlc", sa.String(length=80), nullable=False),
        sa.Column("loser_hlc", sa.String(length=80), nullable=False),
        sa.Column("loser_device", sa.String(length=36), nullable=False),
        sa.Column("loser_json", sa.Text(), nullable=False),
        sa.Column("detected_at", sa.DateTime(), nullable=False),
        sa.Column("resolved_at", sa.DateTime(), nullable=True),
        sa.Column("resolution", sa.String(length=16), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_conflict")),
    )
    with op.batch_alter_table("conflict") as batch_op:
        batch_op.create_index(batch_op.f("ix_conflict_row_id"), ["row_id"], unique=False)
