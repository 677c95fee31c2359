"""Review of concurrent edits: the version that stands beside the one that lost, and the decision.

The merge keeps the losing version of a concurrent edit as a synced ``conflict`` record (DESIGN
§4). Here a person sees it field by field next to the record as it is now and decides: keep the
current version, take the other one (one normal, audited edit of the record), or say they edited
the record by hand. The decision changes the conflict record through the same write path as any
edit (clock stamp, version vector, history), so it travels to every other replica.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Float, select

from ..domain import version_vector as vvec
from ..domain.enums import SectionKey, label
from ..domain.hlc import Stamp
from ..domain.messages import N_, UserError
from ..domain.sectors import SECTORS
from ..store.models import SYNCED, Conflict, Device, SyncMixin, SyncPeer
from . import records
from .workspace import Changes, Workspace, WriteTxn

KEPT, TAKEN, EDITED = "kept", "taken", "edited"

KIND_LABELS: dict[str, str] = {
    "association": N_("Association"),
    "association_sector": N_("Sector of an association"),
    "member": N_("Member"),
    "ipr_asset": N_("IPR asset"),
    "business_plan": N_("Business plan"),
    "business_plan_section": N_("Business plan section"),
    "financial_line": N_("Financial line"),
    "action_plan": N_("Action plan"),
    "activity": N_("Activity"),
    "progress_update": N_("Progress update"),
    "attachment": N_("Evidence file"),
}
# The editor that shows a record of each kind: (editor kind, foreign key to follow), None = itself.
_EDITED_IN: dict[str, tuple[str, str | None]] = {
    "association": ("association", None),
    "association_sector": ("association", "association_id"),
    "member": ("association", "association_id"),
    "ipr_asset": ("association", "association_id"),
    "business_plan": ("business_plan", None),
    "business_plan_section": ("business_plan", "plan_id"),
    "financial_line": ("business_plan", "plan_id"),
    "action_plan": ("action_plan", None),
    "activity": ("action_plan", "plan_id"),
}


class AlreadyResolved(UserError):
    def __init__(self) -> None:
        super().__init__(N_("This conflict was already resolved, here or on another device."))


class RecordGone(UserError):
    def __init__(self) -> None:
        super().__init__(N_("The record of this conflict is not in this database, so the other version "
                            "cannot be taken."))


@dataclass(frozen=True)
class FieldDiff:
    """One field: its value now (the version that stands) and in the other (losing) version."""

    field: str
    current: Any
    other: Any
    differs: bool


@dataclass(frozen=True)
class ConflictInfo:
    """One conflict as the list shows it."""

    id: str
    site_code: str
    kind: str
    kind_label: str  # English, marked for translation
    row_id: str
    name: str  # the record's own name, title or label; translate it when ``name_is_label``
    name_is_label: bool
    parent_name: str | None  # the association or plan it belongs to, for child records
    found_at: datetime
    other_device: str
    other_device_site: str | None
    other_device_role: str | None
    other_device_is_local: bool
    other_made_at: datetime | None
    record_exists: bool
    resolution: str | None


@dataclass(frozen=True)
class ConflictDetail:
    """A conflict with both versions field by field, and where the record is edited."""

    info: ConflictInfo
    fields: tuple[FieldDiff, ...]
    currency: str | None  # of money fields (``*_minor``), from the plan the record belongs to
    open_kind: str | None  # "association", "business_plan" or "action_plan"; None: no editor
    open_id: str | None

    @property
    def differing(self) -> tuple[str, ...]:
        return tuple(f.field for f in self.fields if f.differs)


# --- reading --------------------------------------------------------------------------------------


def _from_json(column: Any, value: Any) -> Any:
    """Turn a value of the stored losing version back into the column's type."""
    if value is None:
        return None
    try:
        if isinstance(column.type, DateTime):
            parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
            return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        if isinstance(column.type, Date):
            return date.fromisoformat(str(value))
        if isinstance(column.type, Float) and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
    except ValueError:
        return value
    return value


def other_values(kind: str, loser_json: str) -> dict[str, Any]:
    """Return the losing version's user fields and ``deleted``, typed like the record's columns."""
    try:
        raw = json.loads(loser_json or "{}")
    except ValueError:
        raw = {}
    columns = {c.key: c for c in records.model(kind).__table__.columns}
    return {k: _from_json(columns[k], raw.get(k)) for k in (*records.user_fields(kind), "deleted")}


def _when(hlc: str) -> datetime | None:
    try:
        return datetime.fromtimestamp(Stamp.decode(hlc).ms / 1000, UTC)
    except ValueError:
        return None


def _title(session: Any, kind: str, row_id: str | None) -> str | None:
    if not row_id:
        return None
    row = session.get(records.model(kind), row_id)
    if row is None:
        return None
    return row.name_en or row.name_local if kind == "association" else row.title


def _names(session: Any, kind: str, values: dict[str, Any]) -> tuple[str, bool, str | None]:
    """Return (name, name is an English label to translate, parent's name) of a record."""
    v = values
    if kind == "association":
        return v.get("name_en") or v.get("name_local") or "", False, None
    if kind == "association_sector":
        return (SECTORS.get(v.get("sector") or "", v.get("sector") or ""), True,
                _title(session, "association", v.get("association_id")))
    if kind in ("member", "ipr_asset", "business_plan"):
        text = v.get("name") if kind == "member" else v.get("title")
        return text or "", False, _title(session, "association", v.get("association_id"))
    if kind == "business_plan_section":
        key = v.get("key") or ""
        text = label(SectionKey(key)) if key in {k.value for k in SectionKey} else key
        return text, key != text, _title(session, "business_plan", v.get("plan_id"))
    if kind == "financial_line":
        year = v.get("year")
        text = f"{v.get('label') or ''} {year}" if year is not None else v.get("label") or ""
        return text, False, _title(session, "business_plan", v.get("plan_id"))
    if kind == "activity":
        return v.get("title") or "", False, _title(session, "action_plan", v.get("plan_id"))
    if kind == "progress_update":
        when = v.get("report_date")
        return when.isoformat() if isinstance(when, date) else "", False, _title(
            session, "activity", v.get("activity_id"))
    if kind == "attachment":
        return v.get("filename") or "", False, None
    return v.get("title") or "", False, None


def _info(session: Any, c: Conflict, current: dict[str, Any] | None, other: dict[str, Any],
          devices: dict[str, tuple[str | None, str | None, bool]]) -> ConflictInfo:
    name, is_label, parent = _names(session, c.table_name, current or other)
    site, role, local = devices.get(c.loser_device, (None, None, False))
    return ConflictInfo(
        id=c.id, site_code=c.site_code, kind=c.table_name,
        kind_label=KIND_LABELS.get(c.table_name, c.table_name), row_id=c.row_id,
        name=name or c.row_id[:8], name_is_label=is_label and bool(name), parent_name=parent,
        found_at=c.created_at, other_device=c.loser_device, other_device_site=site, other_device_role=role,
        other_device_is_local=local, other_made_at=_when(c.loser_hlc), record_exists=current is not None,
        resolution=c.resolution)


def _devices(session: Any) -> dict[str, tuple[str | None, str | None, bool]]:
    known = {p.device_id: (p.site_code, p.role, False) for p in session.scalars(select(SyncPeer))}
    for d in session.scalars(select(Device)):
        known[d.id] = (d.site_code, d.role, bool(d.is_local))
    return known


def _current(session: Any, kind: str, row_id: str) -> tuple[SyncMixin | None, dict[str, Any] | None]:
    row = session.get(records.model(kind), row_id)
    if row is None:
        return None, None
    return row, {f: getattr(row, f) for f in (*records.user_fields(kind), "deleted")}


def unresolved(ws: Workspace) -> list[ConflictInfo]:
    """Return the conflicts nobody has decided yet, newest first."""
    with ws.read() as s:
        rows = s.scalars(select(Conflict).where(Conflict.deleted.is_(False), Conflict.resolved_at.is_(None))
                         .order_by(Conflict.created_at.desc(), Conflict.id)).all()
        devices = _devices(s)
        out = []
        for c in rows:
            if c.table_name not in SYNCED or c.table_name == "conflict":
                continue
            _row, current = _current(s, c.table_name, c.row_id)
            out.append(_info(s, c, current, other_values(c.table_name, c.loser_json), devices))
        return out


def _load_conflict(session: Any, conflict_id: str) -> Conflict:
    c = records.load(session, "conflict", conflict_id)
    assert isinstance(c, Conflict)
    return c


def _currency(session: Any, kind: str, values: dict[str, Any]) -> str | None:
    if kind == "financial_line":
        plan = session.get(records.model("business_plan"), values.get("plan_id"))
        return plan.currency if plan is not None else None
    if kind == "activity":
        plan = session.get(records.model("action_plan"), values.get("plan_id"))
        return plan.currency if plan is not None else None
    return None


def _editor(session: Any, kind: str, values: dict[str, Any], row_id: str) -> tuple[str | None, str | None]:
    """Return which editor shows this record (a child opens its parent's editor)."""
    if kind == "attachment":
        target = values.get("entity_table")
        if target in SYNCED and target != "attachment" and values.get("entity_id"):
            entity = session.get(records.model(target), values["entity_id"])
            if entity is not None:
                return _editor(session, target, {f: getattr(entity, f) for f in records.user_fields(target)},
                               entity.id)
        return None, None
    if kind == "progress_update":
        activity = session.get(records.model("activity"), values.get("activity_id"))
        return ("action_plan", activity.plan_id) if activity is not None else (None, None)
    editor, fk = _EDITED_IN.get(kind, (None, None))
    if editor is None:
        return None, None
    return editor, (values.get(fk) if fk else row_id)


def detail(ws: Workspace, *, conflict_id: str) -> ConflictDetail:
    """Return a conflict with the current and the other version field by field."""
    with ws.read() as s:
        c = _load_conflict(s, conflict_id)
        kind = c.table_name
        _row, current = _current(s, kind, c.row_id)
        other = other_values(kind, c.loser_json)
        info = _info(s, c, current, other, _devices(s))
        now = current or dict.fromkeys(other)
        fields = tuple(FieldDiff(f, now[f], other[f], now[f] != other[f])
                       for f in (*records.user_fields(kind), "deleted"))
        open_kind, open_id = _editor(s, kind, current or other, c.row_id)
        return ConflictDetail(info, fields, _currency(s, kind, current or other), open_kind, open_id)


# --- deciding -------------------------------------------------------------------------------------


def _resolve(txn: WriteTxn, c: Conflict, resolution: str) -> None:
    """Record the decision on the conflict record as a normal, stamped and audited edit.

    ``records.apply_update`` would do the same, but there are no validation rules for conflict
    records (the merge makes them, nobody types them), so the edit is stamped here.
    """
    if c.resolved_at is not None or c.deleted:
        raise AlreadyResolved()
    hlc = txn.stamp()
    txn.record_change("conflict", c.id, "resolution", records.as_text(c.resolution), resolution, hlc)
    txn.record_change("conflict", c.id, "resolved_at", None, records.as_text(txn.now), hlc)
    c.resolution, c.resolved_at = resolution, txn.now
    c.hlc, c.updated_at, c.change_seq, c.received_from = hlc, txn.now, txn.seq, None
    c.vv = vvec.dumps(vvec.bump(vvec.loads(c.vv), txn.device_id))
    txn.touched("conflict", c.id)


def _decide(ws: Workspace, conflict_id: str, resolution: str) -> Changes:
    with ws.write(source=f"conflict {conflict_id}") as txn:
        _resolve(txn, _load_conflict(txn.session, conflict_id), resolution)
    return Changes(frozenset(txn.tables), frozenset(txn.ids))


def keep_mine(ws: Workspace, *, conflict_id: str) -> Changes:
    """Keep the record as it is and close the conflict ("kept")."""
    return _decide(ws, conflict_id, KEPT)


def mark_edited(ws: Workspace, *, conflict_id: str) -> Changes:
    """Close the conflict after the person merged both versions by hand in the editor ("edited")."""
    return _decide(ws, conflict_id, EDITED)


def take_theirs(ws: Workspace, *, conflict_id: str) -> Changes:
    """Make the other version the record's content and close the conflict ("taken"), in one transaction.

    The record changes by a normal edit (validated, stamped, one history row per field), so it
    wins over both versions everywhere; a deletion or revival follows the other version too.
    """
    with ws.write(source=f"conflict {conflict_id}") as txn:
        c = _load_conflict(txn.session, conflict_id)
        if c.resolved_at is not None:
            raise AlreadyResolved()
        kind = c.table_name
        row, current = _current(txn.session, kind, c.row_id)
        if row is None or current is None:
            raise RecordGone()
        other = other_values(kind, c.loser_json)
        changes = {f: other[f] for f in records.user_fields(kind) if other[f] != current[f]}
        if other["deleted"] and not row.deleted:
            records.tombstone_tree(txn, kind, row)
        else:
            if row.deleted and not other["deleted"]:
                records.set_deleted(txn, kind, row, False)
            if changes:
                records.apply_update(txn, kind, row, changes)
        _resolve(txn, c, TAKEN)
        record = records.to_record(kind, row)
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)
