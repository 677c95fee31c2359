"""initial schema

Revision ID: 0001
Revises: (none)
Create Date: 2026-11-23 12:29:11.876909
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table('app_state',
    sa.Column('key', sa.String(length=40), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_app_state'))
    )
    op.create_table('conflict',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('winner_hlc', sa.String(length=80), nullable=False),
    sa.Column('loser_hlc', sa.String(length=80), nullable=False),
    sa.Column('loser_device', sa.String(length=36), nullable=False),
    sa.Column('loser_json', sa.Text(), nullable=False),
    sa.Column('detected_at', sa.DateTime(), nullable=False),
    sa.Column('resolved_at', sa.DateTime(), nullable=True),
    sa.Column('resolution', sa.String(length=16), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_conflict'))
    )
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_conflict_row_id'), ['row_id'], unique=False)

    op.create_table('history',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('table_name', sa.String(length=40), nullable=False),
    sa.Column('row_id', sa.String(length=36), nullable=False),
    sa.Column('field', sa.String(length=40), nullable=False),
    sa.Column('old', sa.Text(), nullable=True),
    sa.Column('new', sa.Text(), nullable=True),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('source', sa.String(length=255), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_history'))
    )
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_history_row_id'), ['row_id'], unique=False)

    op.create_table('import_log',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('file_name', sa.Text(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=True),
    sa.Column('source_device', sa.String(length=36), nullable=True),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.Column('outcome', sa.String(length=16), nullable=False),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('rows_applied', sa.Integer(), nullable=False),
    sa.Column('rows_conflicted', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_import_log'))
    )
    op.create_table('outbox_item',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('recipient', sa.String(length=200), nullable=False),
    sa.Column('bundle_path', sa.Text(), nullable=False),
    sa.Column('bundle_id', sa.String(length=36), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', sa.DateTime(), nullable=True),
    sa.Column('message_id', sa.String(length=255), nullable=True),
    sa.Column('sent_at', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox_item'))
    )
    op.create_table('peer_key',
    sa.Column('device_id', sa.String(length=36), nullable=False),
    sa.Column('public_key', sa.String(length=100), nullable=False),
    sa.Column('first_seen', sa.DateTime(), nullable=False),
    sa.Column('source', sa.String(length=16), nullable=False),
    sa.Column('revoked', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('device_id', name=op.f('pk_peer_key'))
    )
    op.create_table('sector',
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_sector'))
    )
    op.create_table('site',
    sa.Column('code', sa.String(length=3), nullable=False),
    sa.Column('name_en', sa.String(length=80), nullable=False),
    sa.Column('name_local', sa.String(length=80), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_site'))
    )
    op.create_table('association',
    sa.Column('name_en', sa.String(length=200), nullable=True),
    sa.Column('name_local', sa.String(length=200), nullable=True),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('district', sa.String(length=120), nullable=True),
    sa.Column('village', sa.String(length=120), nullable=True),
    sa.Column('legal_status', sa.String(length=32), nullable=True),
    sa.Column('registration_no', sa.String(length=80), nullable=True),
    sa.Column('year_founded', sa.Integer(), nullable=True),
    sa.Column('members_total', sa.Integer(), nullable=True),
    sa.Column('members_women', sa.Integer(), nullable=True),
    sa.Column('members_youth', sa.Integer(), nullable=True),
    sa.Column('contact_person', sa.String(length=200), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('products', sa.Text(), nullable=True),
    sa.Column('programme_product', sa.String(length=200), nullable=True),
    sa.Column('programme_year', sa.Integer(), nullable=True),
    sa.Column('programme_stars', sa.Integer(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_association_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_association'))
    )
    with op.batch_alter_table('association', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_association_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_association_site_code'), ['site_code'], unique=False)

    op.create_table('attachment',
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('filename', sa.String(length=255), nullable=False),
    sa.Column('mime_type', sa.String(length=100), nullable=True),
    sa.Column('size', sa.BigInteger(), nullable=False),
    sa.Column('entity_table', sa.String(length=40), nullable=False),
    sa.Column('entity_id', sa.String(length=36), nullable=False),
    sa.Column('caption', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_attachment_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attachment'))
    )
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attachment_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_entity_id'), ['entity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_sha256'), ['sha256'], unique=False)
        batch_op.create_index(batch_op.f('ix_attachment_site_code'), ['site_code'], unique=False)

    op.create_table('device',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('coordinator', sa.String(length=200), nullable=False),
    sa.Column('mi_email', sa.String(length=200), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('is_local', sa.Boolean(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_device_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_device'))
    )
    op.create_table('action_plan',
    sa.Column('scope', sa.String(length=16), nullable=False),
    sa.Column('owner', sa.String(length=200), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('objective', sa.Text(), nullable=True),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('association_id', sa.String(length=36), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_action_plan_association_id_association')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_action_plan_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_action_plan'))
    )
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_action_plan_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_action_plan_site_code'), ['site_code'], unique=False)

    op.create_table('association_sector',
    sa.Column('association_id', sa.String(length=36), nullable=False),
    sa.Column('sector', sa.String(length=32), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_association_sector_association_id_association')),
    sa.ForeignKeyConstraint(['sector'], ['sector.code'], name=op.f('fk_association_sector_sector_sector')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_association_sector_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_association_sector')),
    sa.UniqueConstraint('association_id', 'sector', name=op.f('uq_association_sector_association_id'))
    )
    with op.batch_alter_table('association_sector', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_association_sector_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_association_sector_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_association_sector_site_code'), ['site_code'], unique=False)

    op.create_table('business_plan',
    sa.Column('association_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('start_year', sa.Integer(), nullable=False),
    sa.Column('horizon_years', sa.Integer(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_business_plan_association_id_association')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_business_plan_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_plan'))
    )
    with op.batch_alter_table('business_plan', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_plan_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_plan_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_plan_site_code'), ['site_code'], unique=False)

    op.create_table('ipr_asset',
    sa.Column('association_id', sa.String(length=36), nullable=False),
    sa.Column('ipr_type', sa.String(length=32), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('office', sa.String(length=16), nullable=True),
    sa.Column('application_no', sa.String(length=80), nullable=True),
    sa.Column('registration_no', sa.String(length=80), nullable=True),
    sa.Column('filing_date', sa.Date(), nullable=True),
    sa.Column('registration_date', sa.Date(), nullable=True),
    sa.Column('renewal_date', sa.Date(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_ipr_asset_association_id_association')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_ipr_asset_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_ipr_asset'))
    )
    with op.batch_alter_table('ipr_asset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_ipr_asset_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_ipr_asset_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_ipr_asset_site_code'), ['site_code'], unique=False)

    op.create_table('member',
    sa.Column('association_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('gender', sa.String(length=16), nullable=True),
    sa.Column('birth_year', sa.Integer(), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('email', sa.String(length=200), nullable=True),
    sa.Column('products', sa.Text(), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['association_id'], ['association.id'], name=op.f('fk_member_association_id_association')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_member_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_member'))
    )
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_member_association_id'), ['association_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_member_site_code'), ['site_code'], unique=False)

    op.create_table('activity',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=200), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('responsible', sa.String(length=200), nullable=True),
    sa.Column('start_date', sa.Date(), nullable=True),
    sa.Column('due_date', sa.Date(), nullable=True),
    sa.Column('deliverable', sa.Text(), nullable=True),
    sa.Column('indicator', sa.String(length=300), nullable=True),
    sa.Column('unit', sa.String(length=40), nullable=True),
    sa.Column('baseline', sa.Float(), nullable=True),
    sa.Column('target', sa.Float(), nullable=True),
    sa.Column('budget_minor', sa.BigInteger(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('sort_order', sa.Integer(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['action_plan.id'], name=op.f('fk_activity_plan_id_action_plan')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_activity_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_activity'))
    )
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_activity_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_activity_site_code'), ['site_code'], unique=False)

    op.create_table('business_plan_section',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('key', sa.String(length=32), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['business_plan.id'], name=op.f('fk_business_plan_section_plan_id_business_plan')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_business_plan_section_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_business_plan_section')),
    sa.UniqueConstraint('plan_id', 'key', name=op.f('uq_business_plan_section_plan_id'))
    )
    with op.batch_alter_table('business_plan_section', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_business_plan_section_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_plan_section_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_business_plan_section_site_code'), ['site_code'], unique=False)

    op.create_table('financial_line',
    sa.Column('plan_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('label', sa.String(length=200), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('amount_minor', sa.BigInteger(), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['plan_id'], ['business_plan.id'], name=op.f('fk_financial_line_plan_id_business_plan')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_financial_line_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_financial_line'))
    )
    with op.batch_alter_table('financial_line', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_financial_line_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_financial_line_plan_id'), ['plan_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_financial_line_site_code'), ['site_code'], unique=False)

    op.create_table('progress_update',
    sa.Column('activity_id', sa.String(length=36), nullable=False),
    sa.Column('report_date', sa.Date(), nullable=False),
    sa.Column('percent_complete', sa.Float(), nullable=True),
    sa.Column('actual_value', sa.Float(), nullable=True),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('narrative', sa.Text(), nullable=True),
    sa.Column('challenges', sa.Text(), nullable=True),
    sa.Column('next_steps', sa.Text(), nullable=True),
    sa.Column('reported_by', sa.String(length=200), nullable=False),
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('site_code', sa.String(length=3), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.Column('hlc', sa.String(length=80), nullable=False),
    sa.Column('vv', sa.Text(), nullable=False),
    sa.Column('origin_device', sa.String(length=36), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('change_seq', sa.BigInteger(), nullable=False),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], name=op.f('fk_progress_update_activity_id_activity')),
    sa.ForeignKeyConstraint(['site_code'], ['site.code'], name=op.f('fk_progress_update_site_code_site')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_progress_update'))
    )
    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_progress_update_activity_id'), ['activity_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_update_change_seq'), ['change_seq'], unique=False)
        batch_op.create_index(batch_op.f('ix_progress_update_site_code'), ['site_code'], unique=False)

    # Reference data, written out here (not read from the domain package) so that this
    # revision stays the same whatever later code says.
    op.bulk_insert(
        sa.table("site", *(sa.column(c) for c in ("code", "name_en", "name_local", "country", "currency", "language"))),
        [
            {"code": "AYU", "name_en": "Ayutthaya", "name_local": "พระนครศรีอยุธยา", "country": "TH", "currency": "THB", "language": "th"},
            {"code": "SRP", "name_en": "Siem Reap", "name_local": "សៀមរាប", "country": "KH", "currency": "KHR", "language": "km"},
            {"code": "HUE", "name_en": "Hue", "name_local": "Huế", "country": "VN", "currency": "VND", "language": "vi"},
            {"code": "LPB", "name_en": "Luang Prabang", "name_local": "ຫຼວງພະບາງ", "country": "LA", "currency": "LAK", "language": "lo"},
            {"code": "BGN", "name_en": "Bagan", "name_local": "ပုဂံ", "country": "MM", "currency": "MMK", "language": "my"},
        ],
    )
    op.bulk_insert(
        sa.table("sector", sa.column("code")),
        [{"code": c} for c in ("crafts", "performing_arts", "design", "visual_arts", "music",
                               "culinary", "cultural_tourism", "publishing_media", "other")],
    )


def downgrade() -> None:

    with op.batch_alter_table('progress_update', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_progress_update_site_code'))
        batch_op.drop_index(batch_op.f('ix_progress_update_change_seq'))
        batch_op.drop_index(batch_op.f('ix_progress_update_activity_id'))

    op.drop_table('progress_update')
    with op.batch_alter_table('financial_line', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_financial_line_site_code'))
        batch_op.drop_index(batch_op.f('ix_financial_line_plan_id'))
        batch_op.drop_index(batch_op.f('ix_financial_line_change_seq'))

    op.drop_table('financial_line')
    with op.batch_alter_table('business_plan_section', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_plan_section_site_code'))
        batch_op.drop_index(batch_op.f('ix_business_plan_section_plan_id'))
        batch_op.drop_index(batch_op.f('ix_business_plan_section_change_seq'))

    op.drop_table('business_plan_section')
    with op.batch_alter_table('activity', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_activity_site_code'))
        batch_op.drop_index(batch_op.f('ix_activity_plan_id'))
        batch_op.drop_index(batch_op.f('ix_activity_change_seq'))

    op.drop_table('activity')
    with op.batch_alter_table('member', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_member_site_code'))
        batch_op.drop_index(batch_op.f('ix_member_change_seq'))
        batch_op.drop_index(batch_op.f('ix_member_association_id'))

    op.drop_table('member')
    with op.batch_alter_table('ipr_asset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_ipr_asset_site_code'))
        batch_op.drop_index(batch_op.f('ix_ipr_asset_change_seq'))
        batch_op.drop_index(batch_op.f('ix_ipr_asset_association_id'))

    op.drop_table('ipr_asset')
    with op.batch_alter_table('business_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_business_plan_site_code'))
        batch_op.drop_index(batch_op.f('ix_business_plan_change_seq'))
        batch_op.drop_index(batch_op.f('ix_business_plan_association_id'))

    op.drop_table('business_plan')
    with op.batch_alter_table('association_sector', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_association_sector_site_code'))
        batch_op.drop_index(batch_op.f('ix_association_sector_change_seq'))
        batch_op.drop_index(batch_op.f('ix_association_sector_association_id'))

    op.drop_table('association_sector')
    with op.batch_alter_table('action_plan', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_action_plan_site_code'))
        batch_op.drop_index(batch_op.f('ix_action_plan_change_seq'))
        batch_op.drop_index(batch_op.f('ix_action_plan_association_id'))

    op.drop_table('action_plan')
    op.drop_table('device')
    with op.batch_alter_table('attachment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attachment_site_code'))
        batch_op.drop_index(batch_op.f('ix_attachment_sha256'))
        batch_op.drop_index(batch_op.f('ix_attachment_entity_id'))
        batch_op.drop_index(batch_op.f('ix_attachment_change_seq'))

    op.drop_table('attachment')
    with op.batch_alter_table('association', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_association_site_code'))
        batch_op.drop_index(batch_op.f('ix_association_change_seq'))

    op.drop_table('association')
    op.drop_table('site')
    op.drop_table('sector')
    op.drop_table('peer_key')
    op.drop_table('outbox_item')
    op.drop_table('import_log')
    with op.batch_alter_table('history', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_history_row_id'))

    op.drop_table('history')
    with op.batch_alter_table('conflict', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_conflict_row_id'))

    op.drop_table('conflict')
    op.drop_table('app_state')

