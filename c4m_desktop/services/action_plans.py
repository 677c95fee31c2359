"""Action plans, their activities, and append-only progress updates."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import select

from ..domain.sites import SITES
from ..store.models import Activity, ProgressUpdate
from . import attachments, records
from .workspace import Changes, Workspace


def create(ws: Workspace, *, values: Mapping[str, Any], source: str | None = None) -> Changes:
    """Create an action plan; its currency defaults to the site's own."""
    values = dict(values)
    if values.get("site_code") in SITES:
        values.setdefault("currency", SITES[values["site_code"]].currency)
    return records.create(ws, kind="action_plan", values=values, source=source)


def add_progress(ws: Workspace, *, values: Mapping[str, Any], evidence: Sequence[Path] = ()) -> Changes:
    """Append a progress update with its evidence files; the activity takes the update's status.

    The files are stored first (content-addressed, so a failed save leaves at most an unused
    copy); the update, its attachment rows and the activity's status are one transaction.
    """
    stored = attachments.store_files(ws, evidence)
    with ws.write() as txn:
        row = records.prepare_new(txn, "progress_update", values)
        records.insert_rows(txn, "progress_update", [row])
        attachments.link_rows(txn, stored, entity_table="progress_update", entity_id=row["id"],
                              site_code=row["site_code"])
        activity = records.load(txn.session, "activity", row["activity_id"])
        records.apply_update(txn, "activity", activity, {"status": row["status"]})
        record = records.to_record("progress_update", records.load(txn.session, "progress_update", row["id"]))
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)


def progress(ws: Workspace, *, activity_id: str) -> list[Any]:
    """Return an activity's updates, newest first."""
    with ws.read() as s:
        rows = s.scalars(select(ProgressUpdate).where(
            ProgressUpdate.activity_id == activity_id, ProgressUpdate.deleted.is_(False)
        ).order_by(ProgressUpdate.report_date.desc(), ProgressUpdate.hlc.desc()))
        return [records.to_record("progress_update", r) for r in rows]


@dataclass(frozen=True)
class ActivityRow:
    """One activity as the plan editor shows it, with its latest progress."""

    record: Any
    percent: float | None
    last_report: date | None

    def overdue(self, today: date | None = None) -> bool:
        r = self.record
        return bool(r.due_date and r.due_date < (today or date.today()) and r.status not in ("done", "cancelled"))


@dataclass(frozen=True)
class ActionPlanDetail:
    record: Any
    activities: list[ActivityRow]


def detail(ws: Workspace, *, plan_id: str) -> ActionPlanDetail:
    """Return a plan with its live activities in order, each with its latest progress."""
    with ws.read() as s:
        plan = records.to_record("action_plan", records.load(s, "action_plan", plan_id))
        acts = s.scalars(select(Activity).where(Activity.plan_id == plan_id, Activity.deleted.is_(False))
                         .order_by(Activity.sort_order, Activity.start_date, Activity.title)).all()
        rows = []
        for a in acts:
            latest = s.scalars(select(ProgressUpdate).where(
                ProgressUpdate.activity_id == a.id, ProgressUpdate.deleted.is_(False)
            ).order_by(ProgressUpdate.report_date.desc(), ProgressUpdate.hlc.desc()).limit(1)).first()
            rows.append(ActivityRow(records.to_record("activity", a),
                                    latest.percent_complete if latest else None,
                                    latest.report_date if latest else None))
    return ActionPlanDetail(plan, rows)


ACTIVITY_FIELDS = ("title", "responsible", "start_date", "due_date", "deliverable", "indicator", "unit",
                   "baseline", "target", "status")


def save_editor(ws: Workspace, *, plan_id: str, changes: Mapping[str, Any],
                activities: Sequence[tuple[str | None, Mapping[str, Any]]]) -> Changes:
    """Save the plan's fields and its activities (id None = new; missing = deleted) at once."""
    with ws.write() as txn:
        plan = records.load(txn.session, "action_plan", plan_id)
        records.apply_update(txn, "action_plan", plan, changes)
        existing = {a.id: a for a in txn.session.scalars(select(Activity).where(
            Activity.plan_id == plan_id, Activity.deleted.is_(False)))}
        kept = {row_id for row_id, _values in activities if row_id}
        row_id: str | None  # an existing id first, then the editor's (None for a new activity)
        for row_id, act in existing.items():
            if row_id not in kept:
                records.tombstone_tree(txn, "activity", act)
        new_rows = []
        for order, (row_id, values) in enumerate(activities):
            values = dict(values) | {"sort_order": order}
            if row_id and row_id in existing:
                records.apply_update(txn, "activity", existing[row_id], values)
            else:
                new_rows.append(records.prepare_new(txn, "activity", values | {"plan_id": plan_id}))
        records.insert_rows(txn, "activity", new_rows)
    return Changes(frozenset(txn.tables), frozenset(txn.ids))
