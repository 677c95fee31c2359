"""Create, update, soft-delete and read any synced record, with validation, stamps and history.

Records leave this module as frozen dataclasses built from the models' columns, never as live
ORM rows, so the UI can hold them across threads.
"""

from __future__ import annotations

import dataclasses
import unicodedata
import uuid
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from functools import cache
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from ..domain import privacy
from ..domain import version_vector as vvec
from ..domain.messages import N_, Problem, UserError, ValidationError
from ..domain.validation import validate
from ..store.models import MANAGED_COLUMNS, SYNC_COLUMNS, SYNCED, Member, SyncMixin
from .workspace import Changes, Workspace, WriteTxn

# Where a child record takes its site from: kind -> (parent kind, foreign key).
PARENT: dict[str, tuple[str, str]] = {
    "association_sector": ("association", "association_id"),
    "member": ("association", "association_id"),
    "ipr_asset": ("association", "association_id"),
    "business_plan": ("association", "association_id"),
    "business_plan_section": ("business_plan", "plan_id"),
    "financial_line": ("business_plan", "plan_id"),
    "activity": ("action_plan", "plan_id"),
    "progress_update": ("activity", "activity_id"),
}
PARENTS_OF_CHILDREN = frozenset(p for p, _ in PARENT.values())
APPEND_ONLY = frozenset({"progress_update"})
# Namespace for ids derived from their natural key, so two devices adding the same thing agree.
_DERIVED_NS = uuid.UUID("7c1f4b8e-0d4a-4a8e-9f3c-c4e0b2d5a001")


class NotFound(UserError):
    def __init__(self, kind: str, row_id: str):
        super().__init__(N_("No {kind} with id {id} was found."), kind=kind, id=row_id)


def derived_id(*parts: str) -> str:
    """Return the same UUID for the same natural key on every device."""
    return str(uuid.uuid5(_DERIVED_NS, "/".join(parts)))


def model(kind: str) -> type[SyncMixin]:
    try:
        return SYNCED[kind]
    except KeyError:
        raise ValueError(f"unknown record kind {kind!r}") from None


@cache
def user_fields(kind: str) -> tuple[str, ...]:
    """Return the columns a person edits (everything but the sync bookkeeping and managed flags)."""
    return tuple(c.key for c in model(kind).__table__.columns
                 if c.key not in SYNC_COLUMNS and c.key not in MANAGED_COLUMNS)


@cache
def record_type(kind: str) -> type:
    """Return the frozen dataclass that carries one record of this kind."""
    cols = [c.key for c in model(kind).__table__.columns]
    name = "".join(p.title() for p in kind.split("_")) + "Record"
    return dataclasses.make_dataclass(name, [(c, Any) for c in cols], frozen=True)


def to_record(kind: str, row: Any) -> Any:
    cls = record_type(kind)
    return cls(**{f.name: getattr(row, f.name) for f in dataclasses.fields(cls)})


def normalise(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    """NFC-normalise and trim text; blank text becomes the column's default (usually None)."""
    defaults = _defaults(kind)
    out: dict[str, Any] = {}
    for k, v in values.items():
        if isinstance(v, str):
            v = unicodedata.normalize("NFC", v).strip() or defaults.get(k)
        out[k] = v
    return out


def as_text(value: Any) -> str | None:
    """Render a field value for the history table."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, date | datetime):
        return value.isoformat()
    return str(value)


def _check_fields(kind: str, values: Mapping[str, Any], allowed: Iterable[str]) -> None:
    unknown = set(values) - set(allowed)
    if unknown:
        raise ValidationError([Problem(f, N_("{field} is not a field of this record."), {"field": f})
                               for f in sorted(unknown)])


def _parent_site(txn: WriteTxn, kind: str, values: Mapping[str, Any]) -> str | None:
    parent_kind, fk = PARENT[kind]
    parent_id = values.get(fk)
    if not parent_id:
        return None
    if parent_id in txn.new_sites:
        return txn.new_sites[parent_id]
    parent = txn.session.get(model(parent_kind), parent_id)
    if parent is None or parent.deleted:
        raise ValidationError([Problem(fk, N_("The linked record does not exist or was deleted."))])
    return parent.site_code


@cache
def _defaults(kind: str) -> dict[str, Any]:
    out = {}
    for c in model(kind).__table__.columns:
        if c.key in SYNC_COLUMNS:
            continue
        default = c.default.arg if c.default is not None and not callable(c.default.arg) else None
        out[c.key] = default
    return out


def defaults(kind: str) -> dict[str, Any]:
    """Every user column of a kind with its default value."""
    return _defaults(kind)


def prepare_new(txn: WriteTxn, kind: str, values: Mapping[str, Any], *,
                row_id: str | None = None, extra: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """Validate a new record and return its full column values, stamped (not yet inserted)."""
    _check_fields(kind, values, (*user_fields(kind), "site_code"))
    full = _defaults(kind) | normalise(kind, values)
    if kind in PARENT:
        site = _parent_site(txn, kind, full)
        if site is not None:
            full["site_code"] = site
    problems = validate(kind, full | dict(extra or {}))
    if problems:
        raise ValidationError(problems)
    hlc = txn.stamp()
    full.update(
        id=row_id or str(uuid.uuid4()), created_at=txn.now, updated_at=txn.now, hlc=hlc,
        vv=txn.first_vv, origin_device=txn.device_id,
        deleted=False, change_seq=txn.seq,
    )
    txn.record_change(kind, full["id"], "(created)", None, None, hlc)
    if kind in PARENTS_OF_CHILDREN:
        txn.new_sites[full["id"]] = full["site_code"]
    txn.touched(kind, full["id"])
    return full


def insert_rows(txn: WriteTxn, kind: str, rows: list[dict[str, Any]]) -> None:
    """Insert prepared rows in one statement (executemany), not one ORM round trip each."""
    if rows:
        # Core on the table, not the ORM bulk path: one executemany for the whole list.
        txn.session.connection().execute(insert(cast(Table, model(kind).__table__)), rows)


def apply_update(txn: WriteTxn, kind: str, row: SyncMixin, changes: Mapping[str, Any], *,
                 extra: Mapping[str, Any] | None = None) -> bool:
    """Validate and apply changes to a loaded row; stamp it and write history. False if no-op."""
    _check_fields(kind, changes, user_fields(kind))
    changes = normalise(kind, changes)
    current = {f: getattr(row, f) for f in (*user_fields(kind), "site_code")}
    merged = current | dict(changes)
    managed = {f: getattr(row, f) for f in MANAGED_COLUMNS if hasattr(row, f)}  # e.g. forgotten
    problems = validate(kind, merged | managed | dict(extra or {}))
    if problems:
        raise ValidationError(problems)
    changed = {f: v for f, v in changes.items() if current[f] != v}
    if not changed:
        return False
    hlc = txn.stamp()
    for f, v in changed.items():
        txn.record_change(kind, row.id, f, as_text(current[f]), as_text(v), hlc)
        setattr(row, f, v)
    if getattr(row, "withheld", None):  # a value typed here is this copy's own from now on
        member = cast(Member, row)  # only members withhold values
        member.withheld = privacy.still_withheld(member.withheld, changed)
    restamp(txn, row, hlc)
    txn.touched(kind, row.id)
    return True


def restamp(txn: WriteTxn, row: SyncMixin, hlc: str) -> None:
    row.hlc = hlc
    row.updated_at = txn.now
    row.change_seq = txn.seq
    row.vv = vvec.dumps(vvec.bump(vvec.loads(row.vv), txn.device_id))
    row.received_from = None


def load(session: Session, kind: str, row_id: str, *, include_deleted: bool = False) -> SyncMixin:
    row = session.get(model(kind), row_id)
    if row is None or (row.deleted and not include_deleted):
        raise NotFound(kind, row_id)
    return row


def set_deleted(txn: WriteTxn, kind: str, row: SyncMixin, deleted: bool = True) -> None:
    """Tombstone a row (synced rows are never removed) or bring a tombstoned one back."""
    if row.deleted == deleted:
        return
    hlc = txn.stamp()
    txn.record_change(kind, row.id, "deleted", as_text(row.deleted), as_text(deleted), hlc)
    row.deleted = deleted
    restamp(txn, row, hlc)
    txn.touched(kind, row.id)


# Children that go with their parent when it is deleted.
CHILDREN: dict[str, tuple[tuple[str, str], ...]] = {
    "association": (("association_sector", "association_id"), ("member", "association_id"),
                    ("ipr_asset", "association_id"), ("business_plan", "association_id")),
    "business_plan": (("business_plan_section", "plan_id"), ("financial_line", "plan_id")),
    "action_plan": (("activity", "plan_id"),),
    "activity": (("progress_update", "activity_id"),),
}


def tombstone_tree(txn: WriteTxn, kind: str, row: SyncMixin) -> None:
    """Delete a record with everything that belongs to it, so nothing is left orphaned."""
    set_deleted(txn, kind, row)
    for child_kind, fk in CHILDREN.get(kind, ()):
        m = model(child_kind)
        for child in txn.session.scalars(
            select(m).where(getattr(m, fk) == row.id, m.deleted.is_(False))
        ):
            tombstone_tree(txn, child_kind, child)


# --- the generic public API -------------------------------------------------------------------


def create(ws: Workspace, *, kind: str, values: Mapping[str, Any], source: str | None = None) -> Changes:
    """Create one record of any kind."""
    if kind == "association_sector":
        raise ValueError("sectors are set through associations.set_sectors")
    with ws.write(source=source) as txn:
        row = prepare_new(txn, kind, values)
        insert_rows(txn, kind, [row])
        record = to_record(kind, load(txn.session, kind, row["id"]))
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)


def update(ws: Workspace, *, kind: str, row_id: str, changes: Mapping[str, Any],
           source: str | None = None) -> Changes:
    """Change fields of one record; a change to nothing changes nothing."""
    if kind in APPEND_ONLY:
        raise UserError(N_("Progress updates cannot be edited: add a new update to correct one."))
    with ws.write(source=source) as txn:
        row = load(txn.session, kind, row_id)
        apply_update(txn, kind, row, changes)
        record = to_record(kind, row)
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)


def delete(ws: Workspace, *, kind: str, row_id: str) -> Changes:
    """Soft-delete a record and what belongs to it."""
    with ws.write() as txn:
        tombstone_tree(txn, kind, load(txn.session, kind, row_id))
    return Changes(frozenset(txn.tables), frozenset(txn.ids))


def get(ws: Workspace, *, kind: str, row_id: str) -> Any:
    """Return one live record."""
    with ws.read() as s:
        return to_record(kind, load(s, kind, row_id))


def children(ws: Workspace, *, kind: str, fk: str, parent_id: str) -> list[Any]:
    """Return the live records of one kind that point at a parent."""
    m = model(kind)
    with ws.read() as s:
        rows = s.scalars(select(m).where(getattr(m, fk) == parent_id, m.deleted.is_(False)))
        return [to_record(kind, r) for r in rows]
