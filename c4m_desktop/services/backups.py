"""Backups of the database and its evidence files, thinned over time, and restore.

A backup is ``c4m-<UTC time>-<reason>.sqlite`` made with SQLite's online backup API (never a file
copy of a live database), with a ``.json`` beside it: when, why, size, record counts and the
evidence files it needs. Evidence files are kept once, by hash, under ``files/`` in the backup
folder, shared by every backup. The folder may be on a USB stick: a folder that is not there is
reported (``BackupFolderMissing``), never created on a stick that is not plugged in.
"""

from __future__ import annotations

import json
import os
import sqlite3
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from sqlalchemy import func, select

from ..domain.files import is_sha256
from ..domain.messages import N_, UserError
from ..store.backup import backup_file, copy_private, write_private
from ..store.models import SYNCED, AppState, Attachment
from ..store.small_files import read_json_object
from . import settings
from .attachments import blob_path
from .workspace import SEQ_KEY, Workspace

PREFIX, SUFFIX = "c4m-", ".sqlite"
STAMP = "%Y%m%dT%H%M%S%fZ"  # microseconds: two backups in one second must not overwrite each other
SIDECAR_MAX_BYTES = 4 * 1024 * 1024  # a sidecar lists record counts and evidence hashes: small
BUDGET_BYTES = 2 * 1024**3  # all backups together; the newest is always kept
# Kept: every backup of the last day, then the newest of each day for a week, of each week for
# five weeks, of each month for a year (DESIGN-NOTES: "Backups").
RECENT, DAYS, WEEKS, MONTHS = timedelta(days=1), 7, 5, 12
COUNTED = ("association", "member", "ipr_asset", "business_plan", "action_plan", "activity", "progress_update")


class BackupFolderMissing(UserError):
    def __init__(self, folder: Path):
        super().__init__(N_("The backup folder {path} is not there (is the USB stick plugged in?). No backup was "
                            "made; choose another folder in Settings or plug the stick in."),
                         rejected=False, path=str(folder))


@dataclass(frozen=True)
class Backup:
    path: Path
    made: datetime
    reason: str
    size: int
    counts: dict[str, int]
    files: tuple[str, ...] = ()


def folder_of(ws: Workspace) -> Path:
    return Path(settings.get(ws, settings.BACKUP_DIR) or settings.default_backup_dir(ws))


def make(ws: Workspace, reason: str = "manual", *, now: datetime | None = None,
         budget: int = BUDGET_BYTES) -> Backup:
    """Back up the database and its evidence files now, then thin the folder."""
    if ws.db.path is None:
        raise UserError(N_("Only a database file on this computer can be backed up here."))
    folder = folder_of(ws)
    _usable(folder)
    now = now or datetime.now(UTC)
    path = folder / f"{PREFIX}{now.strftime(STAMP)}-{reason}{SUFFIX}"
    backup_file(ws.db.path, path)
    with ws.read() as s:
        counts = {k: s.scalar(select(func.count()).select_from(SYNCED[k]).where(SYNCED[k].deleted.is_(False))) or 0
                  for k in COUNTED}
        hashes = tuple(sorted(s.scalars(select(Attachment.sha256).where(Attachment.deleted.is_(False)).distinct())))
    for sha in hashes:
        _copy_once(blob_path(ws, sha), folder / "files" / sha[:2] / sha)
    backup = Backup(path, now, reason, path.stat().st_size, counts, hashes)
    meta = {"made": now.isoformat(), "reason": reason, "size": backup.size, "counts": counts,
            "files": list(hashes), "seq": current_seq(ws)}
    write_private(path.with_suffix(".json"), json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    thin(folder, now=now, budget=budget)
    return backup


def current_seq(ws: Workspace) -> int:
    """The number of the last change written here (every write transaction takes the next one)."""
    with ws.read() as s:
        row = s.get(AppState, SEQ_KEY)
        return int(row.value) if row else 0


def due(ws: Workspace) -> bool:
    """Whether anything was written since the newest backup (the schedule backs up only then)."""
    newest = list_backups(folder_of(ws))
    if not newest:
        return True
    meta = newest[0].path.with_suffix(".json")
    return _sidecar(meta).get("seq") != current_seq(ws)


def before(ws: Workspace, reason: str) -> BackupFolderMissing | None:
    """Back up before a step that writes much (an import, a restore). A backup folder that is not there
    does not stop the step: it is returned, to be said."""
    if ws.db.path is None:  # MI's PostgreSQL server has its own backups
        return None
    try:
        make(ws, reason)
    except BackupFolderMissing as missing:
        return missing
    return None


def _usable(folder: Path) -> None:
    if folder.is_dir():
        return
    if not folder.parent.is_dir():  # a stick that is not plugged in: never make its mount point
        raise BackupFolderMissing(folder)
    folder.mkdir(mode=0o700)


def _copy_once(source: Path, dest: Path) -> None:
    if not dest.exists() and source.exists():
        copy_private(source, dest)


def list_backups(folder: Path) -> list[Backup]:
    """The backups in a folder, newest first (a file without its .json still counts, its counts unknown)."""
    out = []
    for path in folder.glob(f"{PREFIX}*{SUFFIX}") if folder.is_dir() else ():
        meta = path.with_suffix(".json")
        data = _sidecar(meta)
        try:
            made = datetime.fromisoformat(str(data["made"])) if "made" in data else _made_from_name(path)
            made = made if made.tzinfo else made.replace(tzinfo=UTC)
        except ValueError:
            continue
        reason = str(data.get("reason") or path.name[len(PREFIX):-len(SUFFIX)].partition("-")[2])
        counts = data.get("counts")
        counts = {str(k): v for k, v in counts.items() if isinstance(v, int)} if isinstance(counts, dict) else {}
        out.append(Backup(path, made, reason, path.stat().st_size, counts, _hashes(data)))
    return sorted(out, key=lambda b: b.made, reverse=True)


def _sidecar(meta: Path) -> dict:
    """A backup's sidecar, or {} when it is missing or unreadable (a backup folder may be a shared stick)."""
    try:
        return read_json_object(meta, max_bytes=SIDECAR_MAX_BYTES)
    except (OSError, ValueError):
        return {}


def _hashes(data: dict) -> tuple[str, ...]:
    """The evidence files a sidecar lists; only real hashes, as they become paths."""
    listed = data.get("files")
    return tuple(sha for sha in listed if is_sha256(sha)) if isinstance(listed, list) else ()


def _made_from_name(path: Path) -> datetime:
    stamp = path.name[len(PREFIX):].split("-", 1)[0]
    return datetime.strptime(stamp, STAMP).replace(tzinfo=UTC)


def kept(made: list[datetime], sizes: list[int], *, now: datetime, budget: int) -> set[int]:
    """Which backups (indexes; ``made`` newest first) thinning keeps."""
    keep: set[int] = {0} if made else set()
    buckets: dict[tuple[str, int], int] = {}
    for i, when in enumerate(made):
        age = now - when
        if age <= RECENT:
            keep.add(i)
            continue
        iso = when.isocalendar()
        for unit, horizon, key in (("day", timedelta(days=DAYS), when.date().toordinal()),
                                   ("week", timedelta(weeks=WEEKS), iso[0] * 53 + iso[1]),
                                   ("month", timedelta(days=31 * MONTHS), when.year * 12 + when.month)):
            if age <= horizon and (unit, key) not in buckets:
                buckets[(unit, key)] = i  # newest first: the first seen is the newest of its day/week/month
                keep.add(i)
    total = 0
    for i in sorted(keep):  # newest first: the oldest go when the budget is spent
        total += sizes[i]
        if total > budget and i != 0:
            keep.discard(i)
    return keep


def thin(folder: Path, *, now: datetime, budget: int = BUDGET_BYTES) -> list[Path]:
    """Delete the backups thinning does not keep, and evidence files no kept backup needs."""
    backups = list_backups(folder)
    keep = kept([b.made for b in backups], [b.size for b in backups], now=now, budget=budget)
    removed = []
    for i, b in enumerate(backups):
        if i not in keep:
            b.path.unlink(missing_ok=True)
            b.path.with_suffix(".json").unlink(missing_ok=True)
            removed.append(b.path)
    needed = {sha for i, b in enumerate(backups) if i in keep for sha in b.files}
    for blob in (folder / "files").glob("*/*") if (folder / "files").is_dir() else ():
        if blob.name not in needed and not blob.name.endswith(".part"):
            blob.unlink(missing_ok=True)
    return removed


def damage(path: Path) -> list[str]:
    """SQLite's own verdict on a database file: [] when it is sound."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            rows = [r[0] for r in con.execute("PRAGMA quick_check")]
        finally:
            con.close()
    except sqlite3.DatabaseError as error:
        return [str(error)]
    return [] if rows == ["ok"] else rows


FULL_CHECK_EVERY = timedelta(days=7)


def _closed_marker(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".closed")


def mark_closed(db_path: Path, *, checked: datetime | None) -> None:
    """Record that the app closed this database cleanly: its size and time, and when it was last checked."""
    if not db_path.exists() or Path(f"{db_path}-wal").exists():
        return  # not cleanly closed after all (another process still has it open)
    st = db_path.stat()
    body = {"size": st.st_size, "mtime_ns": st.st_mtime_ns, "checked": checked.isoformat() if checked else None}
    write_private(_closed_marker(db_path), json.dumps(body).encode())


def opened(db_path: Path) -> None:
    """The app is using the database now: until it closes cleanly, the next start checks it."""
    _closed_marker(db_path).unlink(missing_ok=True)


def check_due(db_path: Path, now: datetime | None = None) -> tuple[bool, datetime | None]:
    """Whether the start-up check must read the whole file, and when it was last checked.

    Not when the app closed the file cleanly last time and nothing has touched it since (same size
    and time), unless the last full check is over a week old: SQLite's quick_check reads every
    page, about 2 s for MI's 1 GB database on a field laptop.
    """
    try:
        body = read_json_object(_closed_marker(db_path), max_bytes=4096)
        st = db_path.stat()
        checked = datetime.fromisoformat(body["checked"]) if body.get("checked") else None
        same = body.get("size") == st.st_size and body.get("mtime_ns") == st.st_mtime_ns
    except (OSError, ValueError, KeyError, TypeError):
        return True, None
    if not same or checked is None or (now or datetime.now(UTC)) - checked > FULL_CHECK_EVERY:
        return True, checked
    return False, checked


def newest_sound(folder: Path) -> Backup | None:
    """The newest backup SQLite finds sound, if any."""
    return next((b for b in list_backups(folder) if not damage(b.path)), None)


def restore(db_path: Path, backup: Path, *, files_dir: Path, folder: Path) -> Path | None:
    """Replace the database (closed) with a backup, all or nothing; return the copy kept of the replaced one.

    The database being replaced is copied first (with the backup API when it can be read, byte
    for byte when it is damaged), so a restore can itself be undone.
    """
    if damage(backup):
        raise UserError(N_("The backup {name} is damaged and cannot be restored."), name=backup.name)
    _usable(folder)
    kept_copy = None
    if db_path.exists():
        kept_copy = folder / f"{PREFIX}{datetime.now(UTC).strftime(STAMP)}-before-restore{SUFFIX}"
        try:
            backup_file(db_path, kept_copy)
        except sqlite3.DatabaseError:
            copy_private(db_path, kept_copy)
    tmp = db_path.with_name(db_path.name + ".restoring")
    backup_file(backup, tmp)
    for journal in ("-wal", "-shm", "-journal"):  # the old database's, never to be replayed onto this one
        Path(f"{db_path}{journal}").unlink(missing_ok=True)
    os.replace(tmp, db_path)
    meta = backup.with_suffix(".json")
    for sha in _hashes(_sidecar(meta)):
        _copy_once(folder / "files" / sha[:2] / sha, files_dir / sha[:2] / sha)
    return kept_copy
