"""Evidence files stored content-addressed (SHA-256) in the data folder, linked to any record."""

from __future__ import annotations

import hashlib
import mimetypes
import os
import tempfile
from pathlib import Path

from ..domain.messages import N_, UserError
from ..store.models import SYNCED
from . import records
from .workspace import Changes, Workspace

MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 16


class AttachmentTooLarge(UserError):
    def __init__(self, name: str, size: int, limit: int):
        super().__init__(N_("{name} is {size_mb} MB; files may be at most {limit_mb} MB."), name=name,
                         size_mb=round(size / 1048576, 1), limit_mb=round(limit / 1048576, 1))


def blob_path(ws: Workspace, sha256: str) -> Path:
    return ws.files_dir / sha256[:2] / sha256


def store_file(ws: Workspace, source: Path, *, limit: int = MAX_BYTES) -> tuple[str, int]:
    """Copy a file into the store under its hash; the stored copy appears whole or not at all."""
    size = source.stat().st_size
    if size > limit:
        raise AttachmentTooLarge(source.name, size, limit)
    ws.files_dir.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256()
    fd, tmp = tempfile.mkstemp(dir=ws.files_dir, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            while chunk := src.read(_CHUNK):
                digest.update(chunk)
                out.write(chunk)
            out.flush()
            os.fsync(out.fileno())
        sha = digest.hexdigest()
        final = blob_path(ws, sha)
        final.parent.mkdir(exist_ok=True)
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return sha, size


def attach(ws: Workspace, *, entity_table: str, entity_id: str, path: Path,
           caption: str | None = None, limit: int = MAX_BYTES) -> Changes:
    """Store a file and link it to a record."""
    if entity_table not in SYNCED:
        raise ValueError(f"cannot attach to {entity_table!r}")
    with ws.read() as s:
        parent = records.load(s, entity_table, entity_id)
    sha, size = store_file(ws, Path(path), limit=limit)
    values = {
        "sha256": sha, "filename": Path(path).name, "size": size, "caption": caption,
        "mime_type": mimetypes.guess_type(str(path))[0], "entity_table": entity_table,
        "entity_id": entity_id, "site_code": parent.site_code,
    }
    return records.create(ws, kind="attachment", values=values)


def read_bytes(ws: Workspace, *, sha256: str) -> bytes:
    """Return a stored file's bytes, refusing a copy whose content no longer matches its hash."""
    data = blob_path(ws, sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserError(N_("The stored file {sha} is damaged."), sha=sha256[:12], rejected=False)
    return data
