"""Evidence files stored content-addressed (SHA-256) in the data folder, linked to any record."""

from __future__ import annotations

import hashlib
import os
import tempfile
from collections.abc import Sequence
from pathlib import Path

from ..domain import files
from ..domain.messages import N_, UserError
from ..store.models import SYNCED
from . import records
from .workspace import Changes, Workspace, WriteTxn

MAX_BYTES = 20 * 1024 * 1024
_CHUNK = 1 << 16


class AttachmentTooLarge(UserError):
    def __init__(self, name: str, size: int, limit: int):
        super().__init__(N_("{name} is {size_mb} MB; files may be at most {limit_mb} MB."), name=name,
                         size_mb=round(size / 1048576, 1), limit_mb=round(limit / 1048576, 1))


class NotEvidence(UserError):
    def __init__(self, name: str):
        super().__init__(N_("{name} is a program, not an evidence file; nothing was attached."), name=name)


def blob_path(ws: Workspace, sha256: str) -> Path:
    if not files.is_sha256(sha256):  # the hash names the file: anything else could point outside
        raise ValueError(f"not a SHA-256 hex digest: {sha256!r}")
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


def store_bytes(ws: Workspace, data: bytes, sha256: str) -> None:
    """Store received file contents under their hash (checked by the caller), whole or not at all."""
    final = blob_path(ws, sha256)
    if final.exists():
        return
    final.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=final.parent, prefix=".incoming-")
    try:
        with os.fdopen(fd, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, final)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def attach(ws: Workspace, *, entity_table: str, entity_id: str, path: Path,
           caption: str | None = None, limit: int = MAX_BYTES) -> Changes:
    """Store a file and link it to a record."""
    return attach_many(ws, entity_table=entity_table, entity_id=entity_id, paths=[path],
                       caption=caption, limit=limit)


def attach_many(ws: Workspace, *, entity_table: str, entity_id: str, paths: Sequence[Path],
                caption: str | None = None, limit: int = MAX_BYTES) -> Changes:
    """Store files and link them all to a record in one transaction (``record``: the last one).

    Files are checked against the limit before any is stored, so a too-large file refuses them all.
    """
    if entity_table not in SYNCED:
        raise ValueError(f"cannot attach to {entity_table!r}")
    paths = [Path(p) for p in paths]
    for p in paths:
        if p.stat().st_size > limit:
            raise AttachmentTooLarge(p.name, p.stat().st_size, limit)
    with ws.read() as s:
        parent = records.load(s, entity_table, entity_id)
        site = parent.site_code
    stored = store_files(ws, paths, limit=limit)
    with ws.write() as txn:
        rows = link_rows(txn, stored, entity_table=entity_table, entity_id=entity_id, site_code=site,
                         caption=caption)
        last = records.to_record("attachment", records.load(txn.session, "attachment", rows[-1]["id"])) if rows else None
    return Changes(frozenset(txn.tables), frozenset(txn.ids), last)


Stored = tuple[Path, str, int]  # (original path, sha256, size)


def store_files(ws: Workspace, paths: Sequence[Path], *, limit: int = MAX_BYTES) -> list[Stored]:
    """Store files by hash (before the transaction that links them: a failure leaves only copies).

    Every file is checked first, so a program among them refuses them all."""
    for p in paths:
        if files.is_program(_head(Path(p))):
            raise NotEvidence(Path(p).name)
    return [(Path(p), *store_file(ws, Path(p), limit=limit)) for p in paths]


def link_rows(txn: WriteTxn, stored: Sequence[Stored], *, entity_table: str, entity_id: str,
              site_code: str, caption: str | None = None) -> list[dict]:
    """Insert the attachment rows that link stored files to a record, inside a write."""
    rows = [records.prepare_new(txn, "attachment", {
        "sha256": sha, "filename": path.name, "size": size, "caption": caption,
        "mime_type": files.content_type(_head(path), path.name), "entity_table": entity_table,
        "entity_id": entity_id, "site_code": site_code}) for path, sha, size in stored]
    records.insert_rows(txn, "attachment", rows)
    return rows


def _head(path: Path) -> bytes:
    with open(path, "rb") as fh:
        return fh.read(files.HEAD_BYTES)


def read_bytes(ws: Workspace, *, sha256: str) -> bytes:
    """Return a stored file's bytes, refusing a copy whose content no longer matches its hash."""
    data = blob_path(ws, sha256).read_bytes()
    if hashlib.sha256(data).hexdigest() != sha256:
        raise UserError(N_("The stored file {sha} is damaged."), sha=sha256[:12], rejected=False)
    return data
