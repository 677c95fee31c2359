"""Field history of a record, for the History tab: when, which device, old -> new."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import select

from ..domain.hlc import Stamp
from ..store.models import Device, History
from .workspace import Workspace


@dataclass(frozen=True)
class Change:
    when: datetime
    device_id: str
    device_name: str | None
    field: str
    old: str | None
    new: str | None
    source: str | None


def for_record(ws: Workspace, *, row_id: str) -> list[Change]:
    """Return a record's changes, newest first."""
    with ws.read() as s:
        rows = s.execute(
            select(History, Device.coordinator).outerjoin(Device, Device.id == History.device_id)
            .where(History.row_id == row_id).order_by(History.hlc.desc(), History.id.desc())
        ).all()
    return [
        Change(datetime.fromtimestamp(Stamp.decode(h.hlc).ms / 1000, UTC), h.device_id, name,
               h.field, h.old, h.new, h.source)
        for h, name in rows
    ]
