"""The one front door to the data: a database, this install's identity and its clock.

Every write runs in ``Workspace.write()``: one transaction that allocates the change number,
stamps rows with the hybrid logical clock and records history, then persists the clock, so a
failure anywhere leaves nothing half-written.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert, select
from sqlalchemy.orm import Session

from ..domain import version_vector as vvec
from ..domain.hlc import HybridLogicalClock, Stamp
from ..domain.messages import N_, UserError
from ..store.database import Database, open_database
from ..store.models import AppState, Device, History
from ..store.paths import attachments_dir, data_dir

HLC_KEY = "hlc_last"
SEQ_KEY = "change_seq"


class NotInitialised(UserError):
    """The database has no local device yet."""

    def __init__(self) -> None:
        super().__init__(N_("This database is not set up yet: run `c4m init --site CODE --coordinator NAME` "
                            "or start the app to set it up."))


@dataclass(frozen=True)
class Changes:
    """What a write changed, so views refresh only what they show."""

    tables: frozenset[str]
    ids: frozenset[str] = frozenset()
    record: Any = None


@dataclass
class WriteTxn:
    """One write in progress: its session, change number, clock and history buffer."""

    session: Session
    seq: int
    device_id: str
    clock: HybridLogicalClock
    now: datetime
    source: str | None
    track_ids: bool = True
    history: list[dict[str, Any]] = field(default_factory=list)
    # Sites of rows created in this write, so their children need no query to find theirs.
    new_sites: dict[str, str] = field(default_factory=dict)
    tables: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)

    def stamp(self) -> str:
        """Return a fresh clock stamp for one row version."""
        return self.clock.now().encode()

    @functools.cached_property
    def first_vv(self) -> str:
        """The version vector of a row this device has just created."""
        return vvec.dumps({self.device_id: 1})

    def touched(self, table: str, row_id: str) -> None:
        """Note a changed row for the "what changed" value of this write."""
        self.tables.add(table)
        if self.track_ids:
            self.ids.add(row_id)

    def flush_history(self) -> None:
        """Write buffered history rows now (bulk writes call this to bound memory)."""
        if self.history:
            self.session.connection().execute(insert(cast(Table, History.__table__)), self.history)
            self.history.clear()

    def record_change(self, table: str, row_id: str, field_name: str, old: str | None,
                      new: str | None, hlc: str) -> None:
        self.history.append({
            "table_name": table, "row_id": row_id, "field": field_name, "old": old, "new": new,
            "hlc": hlc, "device_id": self.device_id, "source": self.source,
        })


class Workspace:
    """An open database with this install's device identity."""

    def __init__(self, db: Database, *, files_dir: Path | None = None,
                 wall_ms: Callable[[], int] | None = None):
        self.db = db
        self.files_dir = files_dir or attachments_dir(db.path.parent if db.path is not None else data_dir())
        self._wall_ms = wall_ms

    @classmethod
    def open(cls, target: str | os.PathLike[str] | None = None, *, create: bool = True,
             **kw: Any) -> Workspace:
        return cls(open_database(target, create=create), **kw)

    def close(self) -> None:
        self.db.close()

    @contextmanager
    def read(self) -> Iterator[Session]:
        with self.db.reading() as session:
            yield session

    def local_device(self) -> Device | None:
        with self.read() as s:
            return s.scalar(select(Device).where(Device.is_local.is_(True)))

    def require_device(self) -> Device:
        device = self.local_device()
        if device is None:
            raise NotInitialised()
        return device

    def _clock(self, session: Session, device_id: str) -> HybridLogicalClock:
        last = session.get(AppState, HLC_KEY, with_for_update=True)
        kw: dict[str, Any] = {"wall_ms": self._wall_ms} if self._wall_ms else {}
        return HybridLogicalClock(device_id, last=Stamp.decode(last.value) if last else None, **kw)

    @contextmanager
    def write(self, *, source: str | None = None, device_id: str | None = None,
              track_ids: bool = True) -> Iterator[WriteTxn]:
        """Run one all-or-nothing write as this device."""
        with self.db.session() as session:
            if device_id is None:
                device = session.scalar(select(Device).where(Device.is_local.is_(True)))
                if device is None:
                    raise NotInitialised()
                device_id = device.id
            # Row locks (ignored by SQLite, whose BEGIN IMMEDIATE already serialises writers) keep
            # two MI staff writing to one PostgreSQL database from taking the same change number.
            seq_row = session.get(AppState, SEQ_KEY, with_for_update=True)
            seq = int(seq_row.value) + 1 if seq_row else 1
            txn = WriteTxn(session, seq, device_id, self._clock(session, device_id),
                           datetime.now(UTC), source, track_ids)
            yield txn
            session.flush()
            txn.flush_history()
            session.merge(AppState(key=SEQ_KEY, value=str(seq)))
            session.merge(AppState(key=HLC_KEY, value=txn.clock.last.encode()))
