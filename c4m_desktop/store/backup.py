"""Consistent copies of a live SQLite database with SQLite's online backup API."""

from __future__ import annotations

import os
import shutil
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from .paths import backups_dir


def backup_file(src: Path, dest: Path) -> Path:
    """Copy the database at src to dest through the backup API; dest appears whole or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    source = sqlite3.connect(f"file:{src}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(tmp)
        try:
            source.backup(target)
        finally:
            target.close()
    finally:
        source.close()
    _publish(tmp, dest)
    return dest


def _publish(tmp: Path, dest: Path) -> None:
    """Give a finished temporary file its name: user-only, on disk, then renamed whole."""
    os.chmod(tmp, 0o600)
    with open(tmp, "rb") as fh:
        os.fsync(fh.fileno())
    os.replace(tmp, dest)


def write_private(dest: Path, data: bytes) -> None:
    """Write bytes to dest, readable by the user only; dest appears whole or not at all."""
    tmp = dest.with_name(dest.name + ".part")
    tmp.unlink(missing_ok=True)
    with os.fdopen(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600), "wb") as fh:  # never readable by others
        fh.write(data)
    _publish(tmp, dest)


def copy_private(source: Path, dest: Path) -> None:
    """Copy a file byte for byte, readable by the user only; dest appears whole or not at all."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = dest.with_name(dest.name + ".part")
    shutil.copyfile(source, tmp)
    _publish(tmp, dest)


def backup_before(src: Path, reason: str) -> Path:
    """Back up src into the backups folder beside it, named for the reason and the time."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return backup_file(src, backups_dir(src.parent) / f"{src.stem}-{reason}-{stamp}.sqlite")
