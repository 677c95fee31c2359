"""Local settings of this install kept in the database (never synced, never in bundles)."""

from __future__ import annotations

from ..store.models import AppState
from ..store.paths import backups_dir
from .workspace import Workspace

BACKUP_DIR = "backup_dir"
FONTS_DIR = "fonts_dir"  # searched first for report fonts (DESIGN §5)


def get(ws: Workspace, key: str, default: str | None = None) -> str | None:
    with ws.read() as s:
        row = s.get(AppState, f"setting.{key}")
        return row.value if row else default


def put(ws: Workspace, key: str, value: str | None) -> None:
    """Store a setting; None removes it."""
    with ws.db.session() as s:
        row = s.get(AppState, f"setting.{key}")
        if value is None:
            if row is not None:
                s.delete(row)
        elif row is None:
            s.add(AppState(key=f"setting.{key}", value=value))
        else:
            row.value = value


def default_backup_dir(ws: Workspace) -> str:
    return str(backups_dir(ws.files_dir.parent))
