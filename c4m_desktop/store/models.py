"""Typed SQLAlchemy models of every entity of DESIGN.md §3.

Synced records share ``SyncMixin``: a UUID made on the creating device, the site, times, the
hybrid-clock stamp of the version, its version vector, the creating device, a tombstone flag and
the local ``change_seq`` that picks rows for the next export.
"""

from __future__ import annotations

import uuid
from datetime import date, datetime
from typing import TYPE_CHECKING, ClassVar

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from sqlalchemy.sql import FromClause

from .types import UTCDateTime

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_id() -> str:
    """Return a fresh random UUID as text."""
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


# --- reference data (seeded by migration, never synced) ---------------------------------------


class Site(Base):
    __tablename__ = "site"
    code: Mapped[str] = mapped_column(String(3), primary_key=True)
    name_en: Mapped[str] = mapped_column(String(80))
    name_local: Mapped[str] = mapped_column(String(80))
    country: Mapped[str] = mapped_column(String(2))
    currency: Mapped[str] = mapped_column(String(3))
    language: Mapped[str] = mapped_column(String(8))


class Sector(Base):
    __tablename__ = "sector"
    code: Mapped[str] = mapped_column(String(32), primary_key=True)


# --- synced records ----------------------------------------------------------------------------

# Columns the app sets itself, never a person in a form or a spreadsheet.
MANAGED_COLUMNS = frozenset({"forgotten", "withheld"})
SYNC_COLUMNS = frozenset(
    {"id", "site_code", "created_at", "updated_at", "hlc", "vv", "origin_device", "deleted", "change_seq",
     "received_from"}
)


class SyncMixin:
    if TYPE_CHECKING:  # as Base declares it: every synced model derives from Base too
        __table__: ClassVar[FromClause]

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_code: Mapped[str] = mapped_column(ForeignKey("site.code"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)
    hlc: Mapped[str] = mapped_column(String(80))
    vv: Mapped[str] = mapped_column(Text, default="{}")
    origin_device: Mapped[str] = mapped_column(String(36))
    deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    change_seq: Mapped[int] = mapped_column(BigInteger, index=True)
    # Local: the device whose bundle brought this exact version, so it is not echoed back to it.
    received_from: Mapped[str | None] = mapped_column(String(36))


class Association(SyncMixin, Base):
    __tablename__ = "association"
    # Serves the association list's default order (site, then name) without a sort step.
    __table_args__ = (Index("ix_association_site_name", "site_code", "name_en", "id"),)
    name_en: Mapped[str | None] = mapped_column(String(200))
    name_local: Mapped[str | None] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    district: Mapped[str | None] = mapped_column(String(120))
    village: Mapped[str | None] = mapped_column(String(120))
    legal_status: Mapped[str | None] = mapped_column(String(32))
    registration_no: Mapped[str | None] = mapped_column(String(80))
    year_founded: Mapped[int | None] = mapped_column(Integer)
    members_total: Mapped[int | None] = mapped_column(Integer)
    members_women: Mapped[int | None] = mapped_column(Integer)
    members_youth: Mapped[int | None] = mapped_column(Integer)
    contact_person: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    products: Mapped[str | None] = mapped_column(Text)
    programme_product: Mapped[str | None] = mapped_column(String(200))
    programme_year: Mapped[int | None] = mapped_column(Integer)
    programme_stars: Mapped[int | None] = mapped_column(Integer)
    notes: Mapped[str | None] = mapped_column(Text)


class AssociationSector(SyncMixin, Base):
    """One sector of one association; its id is derived from both so devices converge."""

    __tablename__ = "association_sector"
    __table_args__ = (UniqueConstraint("association_id", "sector"),)
    association_id: Mapped[str] = mapped_column(ForeignKey("association.id"), index=True)
    sector: Mapped[str] = mapped_column(ForeignKey("sector.code"))


class Member(SyncMixin, Base):
    __tablename__ = "member"
    association_id: Mapped[str] = mapped_column(ForeignKey("association.id"), index=True)
    name: Mapped[str] = mapped_column(String(200))
    kind: Mapped[str] = mapped_column(String(32))
    gender: Mapped[str | None] = mapped_column(String(16))
    birth_year: Mapped[int | None] = mapped_column(Integer)
    phone: Mapped[str | None] = mapped_column(String(40))
    email: Mapped[str | None] = mapped_column(String(200))
    products: Mapped[str | None] = mapped_column(Text)
    notes: Mapped[str | None] = mapped_column(Text)
    # Consent to keep personal details (PDPA, Viet Nam's Decree 13): given, refused, withdrawn or not asked.
    consent: Mapped[str | None] = mapped_column(String(16))
    consent_date: Mapped[date | None] = mapped_column(Date)
    # Set by "forget this person": personal fields are blank here and on every copy this reaches.
    forgotten: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Fields this copy never received (left out of an unencrypted bundle): "email,phone" or None.
    withheld: Mapped[str | None] = mapped_column(String(40))


class IPRAsset(SyncMixin, Base):
    __tablename__ = "ipr_asset"
    association_id: Mapped[str] = mapped_column(ForeignKey("association.id"), index=True)
    ipr_type: Mapped[str] = mapped_column(String(32))
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    office: Mapped[str | None] = mapped_column(String(16))
    application_no: Mapped[str | None] = mapped_column(String(80))
    registration_no: Mapped[str | None] = mapped_column(String(80))
    filing_date: Mapped[date | None] = mapped_column(Date)
    registration_date: Mapped[date | None] = mapped_column(Date)
    renewal_date: Mapped[date | None] = mapped_column(Date)
    notes: Mapped[str | None] = mapped_column(Text)


class BusinessPlan(SyncMixin, Base):
    __tablename__ = "business_plan"
    association_id: Mapped[str] = mapped_column(ForeignKey("association.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    start_year: Mapped[int] = mapped_column(Integer)
    horizon_years: Mapped[int] = mapped_column(Integer)
    currency: Mapped[str] = mapped_column(String(3))


class BusinessPlanSection(SyncMixin, Base):
    """One section of a plan, its own row so edits to different sections never conflict."""

    __tablename__ = "business_plan_section"
    __table_args__ = (UniqueConstraint("plan_id", "key"),)
    plan_id: Mapped[str] = mapped_column(ForeignKey("business_plan.id"), index=True)
    key: Mapped[str] = mapped_column(String(32))
    body: Mapped[str] = mapped_column(Text, default="")


class FinancialLine(SyncMixin, Base):
    __tablename__ = "financial_line"
    plan_id: Mapped[str] = mapped_column(ForeignKey("business_plan.id"), index=True)
    kind: Mapped[str] = mapped_column(String(32))
    label: Mapped[str] = mapped_column(String(200))
    year: Mapped[int] = mapped_column(Integer)
    amount_minor: Mapped[int] = mapped_column(BigInteger)


class ActionPlan(SyncMixin, Base):
    __tablename__ = "action_plan"
    scope: Mapped[str] = mapped_column(String(16))
    owner: Mapped[str] = mapped_column(String(200))
    title: Mapped[str] = mapped_column(String(200))
    objective: Mapped[str | None] = mapped_column(Text)
    period_start: Mapped[date | None] = mapped_column(Date)
    period_end: Mapped[date | None] = mapped_column(Date)
    status: Mapped[str] = mapped_column(String(16))
    currency: Mapped[str] = mapped_column(String(3))
    association_id: Mapped[str | None] = mapped_column(ForeignKey("association.id"), index=True)


class Activity(SyncMixin, Base):
    __tablename__ = "activity"
    # The dashboard counts activities by site and status from this index alone.
    __table_args__ = (Index("ix_activity_site_status", "site_code", "status", "deleted"),)
    plan_id: Mapped[str] = mapped_column(ForeignKey("action_plan.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str | None] = mapped_column(Text)
    responsible: Mapped[str | None] = mapped_column(String(200))
    start_date: Mapped[date | None] = mapped_column(Date)
    due_date: Mapped[date | None] = mapped_column(Date)
    deliverable: Mapped[str | None] = mapped_column(Text)
    indicator: Mapped[str | None] = mapped_column(String(300))
    unit: Mapped[str | None] = mapped_column(String(40))
    # Indicator values are counts or percentages, not money, so a float is fine here.
    baseline: Mapped[float | None] = mapped_column(Float)
    target: Mapped[float | None] = mapped_column(Float)
    budget_minor: Mapped[int | None] = mapped_column(BigInteger)
    status: Mapped[str] = mapped_column(String(16))
    sort_order: Mapped[int] = mapped_column(Integer, default=0)


class ProgressUpdate(SyncMixin, Base):
    """Append-only: a correction is a new update, never an edit."""

    __tablename__ = "progress_update"
    # An activity's latest report in one seek (dashboard achievement), without reading the rows.
    __table_args__ = (Index("ix_progress_update_latest", "activity_id", "deleted", "report_date", "actual_value"),)
    activity_id: Mapped[str] = mapped_column(ForeignKey("activity.id"), index=True)
    report_date: Mapped[date] = mapped_column(Date)
    percent_complete: Mapped[float | None] = mapped_column(Float)
    actual_value: Mapped[float | None] = mapped_column(Float)
    status: Mapped[str] = mapped_column(String(16))
    narrative: Mapped[str | None] = mapped_column(Text)
    challenges: Mapped[str | None] = mapped_column(Text)
    next_steps: Mapped[str | None] = mapped_column(Text)
    reported_by: Mapped[str] = mapped_column(String(200))


class Attachment(SyncMixin, Base):
    """Evidence file metadata; the bytes live content-addressed by SHA-256 in the data folder."""

    __tablename__ = "attachment"
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    mime_type: Mapped[str | None] = mapped_column(String(100))
    size: Mapped[int] = mapped_column(BigInteger)
    entity_table: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[str] = mapped_column(String(36), index=True)
    caption: Mapped[str | None] = mapped_column(Text)


# --- local bookkeeping -------------------------------------------------------------------------


class History(Base):
    """One changed field of one record, with who and when; shown per record."""

    __tablename__ = "history"
    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    field: Mapped[str] = mapped_column(String(40))
    old: Mapped[str | None] = mapped_column(Text)
    new: Mapped[str | None] = mapped_column(Text)
    hlc: Mapped[str] = mapped_column(String(80))
    device_id: Mapped[str] = mapped_column(String(36))
    source: Mapped[str | None] = mapped_column(String(255))


class Conflict(SyncMixin, Base):
    """A version of a row that lost to a concurrent edit, kept until a person reviews it.

    Synced like any record, so every replica (MI above all) sees the same conflicts. Its content
    is fixed by the losing version alone, so two replicas that detect the same conflict agree.
    """

    __tablename__ = "conflict"
    table_name: Mapped[str] = mapped_column(String(40))
    row_id: Mapped[str] = mapped_column(String(36), index=True)
    loser_hlc: Mapped[str] = mapped_column(String(80))
    loser_device: Mapped[str] = mapped_column(String(36))
    loser_json: Mapped[str] = mapped_column(Text)
    resolution: Mapped[str | None] = mapped_column(String(16))
    resolved_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Device(Base):
    """An install of the app: this one (``is_local``) and every one whose data was seen."""

    __tablename__ = "device"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_code: Mapped[str] = mapped_column(ForeignKey("site.code"))
    role: Mapped[str] = mapped_column(String(8))
    coordinator: Mapped[str] = mapped_column(String(200))
    mi_email: Mapped[str | None] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(8))
    is_local: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class PeerKey(Base):
    """A device's public signing key, trusted on first use or pre-registered by MI."""

    __tablename__ = "peer_key"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    public_key: Mapped[str] = mapped_column(String(100))
    first_seen: Mapped[datetime] = mapped_column(UTCDateTime)
    source: Mapped[str] = mapped_column(String(16))
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


class OutboxItem(Base):
    __tablename__ = "outbox_item"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    recipient: Mapped[str] = mapped_column(String(200))
    bundle_path: Mapped[str] = mapped_column(Text)
    bundle_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text)
    next_attempt_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[str | None] = mapped_column(String(255))
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    subject: Mapped[str | None] = mapped_column(Text)
    body: Mapped[str | None] = mapped_column(Text)
    size: Mapped[int | None] = mapped_column(BigInteger)


class SyncPeer(Base):
    """What this install knows of another: how far it merged theirs, how far they confirmed ours.

    ``merged_seq`` is the peer's own change number up to which this install holds all their
    changes (sent back as a receipt); ``confirmed_seq`` is this install's change number up to
    which the peer's receipts confirm it holds ours (an export to the peer starts after it).
    """

    __tablename__ = "sync_peer"
    device_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    site_code: Mapped[str | None] = mapped_column(String(8))
    role: Mapped[str | None] = mapped_column(String(8))
    merged_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    merged_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    confirmed_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    confirmed_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_bundle_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class ImportLog(Base):
    __tablename__ = "import_log"
    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    file_name: Mapped[str] = mapped_column(Text)
    bundle_id: Mapped[str | None] = mapped_column(String(36))
    source_device: Mapped[str | None] = mapped_column(String(36))
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    outcome: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str | None] = mapped_column(Text)
    rows_applied: Mapped[int] = mapped_column(Integer, default=0)
    rows_conflicted: Mapped[int] = mapped_column(Integer, default=0)


class AppState(Base):
    """Small local key/value facts: the clock's last stamp, the change counter."""

    __tablename__ = "app_state"
    key: Mapped[str] = mapped_column(String(40), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


SYNCED: dict[str, type[SyncMixin]] = {
    m.__tablename__: m
    for m in (
        Association, AssociationSector, Member, IPRAsset, BusinessPlan, BusinessPlanSection,
        FinancialLine, ActionPlan, Activity, ProgressUpdate, Attachment, Conflict,
    )
}
