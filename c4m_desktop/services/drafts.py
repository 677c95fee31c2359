"""Edits in progress kept on disk, so a crash or a killed app loses nothing typed.

A draft is a small JSON file per open editor in ``drafts/`` beside the database, replaced
atomically on every pause in typing and removed when the record is saved or the edit discarded.
"""

from __future__ import annotations

import dataclasses
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from ..store.small_files import read_json_object
from .workspace import Workspace

DRAFT_MAX_BYTES = 16 * 1024 * 1024  # an editor's values; a larger file is not a draft of ours

NEW = "new"


@dataclass(frozen=True)
class Draft:
    kind: str
    row_id: str | None
    saved_at: datetime
    values: dict[str, Any]
    path: Path


def folder(ws: Workspace) -> Path:
    return ws.files_dir.parent / "drafts"


def _path(ws: Workspace, kind: str, row_id: str | None) -> Path:
    return folder(ws) / f"{kind}--{row_id or NEW}.json"


def _encode(value: Any) -> Any:
    if isinstance(value, date):
        return {"__date__": value.isoformat()}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _encode(dataclasses.asdict(value))
    if isinstance(value, dict):
        return {k: _encode(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_encode(v) for v in value]
    return value


def save(ws: Workspace, *, kind: str, row_id: str | None, values: dict[str, Any]) -> Path:
    """Write (or replace) the draft of one editor; the file is whole or absent, never half."""
    target = _path(ws, kind, row_id)
    target.parent.mkdir(parents=True, exist_ok=True)
    body = {"kind": kind, "row_id": row_id, "saved_at": datetime.now(UTC).isoformat(),
            "values": {k: _encode(v) for k, v in values.items()}}
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".draft-")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(body, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def _decode(value: Any) -> Any:
    if isinstance(value, dict):
        if "__date__" in value:
            return date.fromisoformat(value["__date__"])
        return {k: _decode(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_decode(v) for v in value]
    return value


def _read(path: Path) -> Draft | None:
    try:
        body = read_json_object(path, max_bytes=DRAFT_MAX_BYTES)
        return Draft(body["kind"], body["row_id"], datetime.fromisoformat(body["saved_at"]),
                     {k: _decode(v) for k, v in body["values"].items()}, path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None  # unreadable drafts are skipped, not fatal


def load(ws: Workspace, *, kind: str, row_id: str | None) -> Draft | None:
    path = _path(ws, kind, row_id)
    return _read(path) if path.exists() else None


def discard(ws: Workspace, *, kind: str, row_id: str | None) -> None:
    _path(ws, kind, row_id).unlink(missing_ok=True)


def all_drafts(ws: Workspace) -> list[Draft]:
    """Return every readable draft, oldest first."""
    if not folder(ws).exists():
        return []
    found = (_read(p) for p in folder(ws).glob("*--*.json"))
    return sorted((d for d in found if d is not None), key=lambda d: d.saved_at)
