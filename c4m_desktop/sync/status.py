"""Where sync stands, for the Outbox & sync page and the status bar: plain reads, no Qt.

Per recipient it says how far that install's receipts confirm this install's changes and how
many records changed since then (what the next export to it would carry), and warns when
changes wait but nothing was confirmed for a fortnight: e-mails are being lost, or nobody at
the other end imports them.

"Changes not yet confirmed" counts records, chosen as the exporter chooses them (change
number after the confirmed one, not received from that peer, its site only for a site peer),
rather than subtracting change numbers: every import is a write transaction that takes a change
number too, so a subtraction would always show at least one change left after a complete round
trip, and with it a false warning after two quiet weeks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, or_, select

from ..services.workspace import Workspace
from ..store.models import OutboxItem, SyncPeer
from . import outbox
from .rows import TABLE_ORDER, table

CONFIRM_WARN_AFTER = timedelta(days=14)
NOT_WAITING = (outbox.SENT, outbox.SAVED)  # every other item still needs the outbox or the user


@dataclass(frozen=True)
class Confirmation:
    """How far one recipient confirmed this install's changes."""

    device_id: str | None  # None: MI, before any bundle from MI arrived here
    site_code: str | None
    role: str | None  # "hq" (MI) or "site"
    confirmed_seq: int
    confirmed_at: datetime | None  # when the peer made the bundle whose receipt confirmed it
    last_bundle_at: datetime | None
    pending: int  # records changed here that the peer has not confirmed
    overdue: bool  # changes wait and nothing was confirmed for CONFIRM_WARN_AFTER

    @property
    def is_mi(self) -> bool:
        return self.role == "hq"


@dataclass(frozen=True)
class SyncStatus:
    """What the Outbox & sync page shows, read in one go."""

    items: list[outbox.Item]
    confirmations: list[Confirmation]
    waiting: int


def _now(now: datetime | None) -> datetime:
    return now if now is not None else datetime.now(UTC)


def count_waiting(ws: Workspace) -> int:
    """Return how many exports still wait: to be sent, or for the user (failed, too large)."""
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(OutboxItem)
                        .where(OutboxItem.status.not_in(NOT_WAITING))) or 0


def _pending(s, *, since: int, peer: str | None, site: str | None) -> int:
    total = 0
    for name in TABLE_ORDER:
        t = table(name)
        stmt = select(func.count()).select_from(t).where(t.c.change_seq > since)
        if site is not None:
            stmt = stmt.where(t.c.site_code == site)
        if peer is not None:  # rows that came from the peer go back to it only if changed here
            stmt = stmt.where(or_(t.c.received_from.is_(None), t.c.received_from != peer))
        total += s.scalar(stmt) or 0
    return total


def confirmations(ws: Workspace, *, now: datetime | None = None,
                  warn_after: timedelta = CONFIRM_WARN_AFTER) -> list[Confirmation]:
    """Say per recipient how far it confirmed this install's changes, MI first.

    A site always lists MI, even before MI's first bundle arrived. A recipient that never
    confirmed anything is overdue once the oldest export in the outbox is ``warn_after`` old.
    """
    at = _now(now)
    device = ws.require_device()
    with ws.read() as s:
        peers = list(s.scalars(select(SyncPeer)))
        first_export = s.scalar(select(func.min(OutboxItem.created_at)))
        rows: list[tuple[str | None, str | None, str | None, int, datetime | None, datetime | None]]
        rows = [(p.device_id, p.site_code, p.role, p.confirmed_seq or 0, p.confirmed_at, p.last_bundle_at)
                for p in peers]
        if device.role != "hq" and not any(p.role == "hq" for p in peers):
            rows.append((None, None, "hq", 0, None, None))
        out = []
        for device_id, site, role, seq, confirmed_at, last_bundle_at in rows:
            pending = _pending(s, since=seq, peer=device_id, site=site if role == "site" else None)
            since = confirmed_at or first_export
            overdue = bool(pending) and since is not None and at - since >= warn_after
            out.append(Confirmation(device_id, site, role, seq, confirmed_at, last_bundle_at, pending, overdue))
    out.sort(key=lambda c: (not c.is_mi, c.site_code or "", c.device_id or ""))
    return out


def sync_status(ws: Workspace, *, now: datetime | None = None) -> SyncStatus:
    """Read the outbox items, the confirmations and the number of waiting exports."""
    return SyncStatus(outbox.items(ws), confirmations(ws, now=now), count_waiting(ws))
