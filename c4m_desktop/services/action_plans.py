"""Action plans, their activities, and append-only progress updates."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sqlalchemy import select

from ..domain.sites import SITES
from ..store.models import ProgressUpdate
from . import records
from .workspace import Changes, Workspace


def create(ws: Workspace, *, values: Mapping[str, Any], source: str | None = None) -> Changes:
    """Create an action plan; its currency defaults to the site's own."""
    values = dict(values)
    if values.get("site_code") in SITES:
        values.setdefault("currency", SITES[values["site_code"]].currency)
    return records.create(ws, kind="action_plan", values=values, source=source)


def add_progress(ws: Workspace, *, values: Mapping[str, Any]) -> Changes:
    """Append a progress update and carry its status over to the activity, in one transaction."""
    with ws.write() as txn:
        row = records.prepare_new(txn, "progress_update", values)
        records.insert_rows(txn, "progress_update", [row])
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
