"""Export: every change the recipient has not confirmed, as one signed (and maybe sealed) bundle.

Rows are chosen by this install's change number: after what the recipient's latest receipt
confirms, up to now. A lost e-mail therefore costs nothing: the next bundle carries its rows
again, and importing a row twice changes nothing.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import or_, select

from .. import __version__
from ..domain import privacy
from ..domain.messages import N_, UserError
from ..domain.privacy import CONTACT_FIELDS
from ..domain.sites import SITES
from ..services import attachments, settings
from ..services.workspace import SEQ_KEY, Workspace
from ..store.migrate import HEAD
from ..store.models import AppState, PeerKey, SyncPeer
from ..store.paths import data_dir
from . import bundle, keys
from .rows import TABLE_ORDER, VERSION_COLUMNS, export_rows, exported_columns, table

MAIL_LIMIT_MB = 20
ENCRYPT_TO = "encrypt_to"  # setting: device id of MI, whose key bundles to MI are sealed to
# setting: members' phone numbers and e-mails in bundles: "encrypted" (only in sealed ones, the
# default), "always" or "never". Left out, they are named in the row's ``withheld`` field.
CONTACTS = "contacts_in_bundles"
CONTACTS_CHOICES = ("encrypted", "always", "never")


@dataclass(frozen=True)
class Recipient:
    label: str  # "hq", a site code or a device id, as written in the manifest
    devices: tuple[str, ...]  # the known devices this covers (their receipts count)
    site: str | None  # rows of this site only; None = every site


@dataclass(frozen=True)
class ExportResult:
    path: Path
    bundle_id: str
    counts: dict[str, int]
    size: int
    since: int
    upto: int
    sealed: bool
    manifest: dict[str, Any]

    @property
    def contacts_left_out(self) -> bool:
        return bool(self.manifest.get("withheld"))

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def resolve_recipient(ws: Workspace, recipient: str | None) -> Recipient:
    device = ws.require_device()
    with ws.read() as s:
        peers = list(s.scalars(select(SyncPeer)))
    if recipient in (None, "hq", "mi"):
        if recipient is None and device.role == "hq":
            raise UserError(N_("At MI, choose the site to export to (for example --recipient SRP)."))
        return Recipient("hq", tuple(p.device_id for p in peers if p.role == "hq"), None)
    if recipient in SITES:
        return Recipient(recipient, tuple(p.device_id for p in peers if p.site_code == recipient
                                          and p.role == "site"), recipient)
    peer = next((p for p in peers if p.device_id == recipient), None)
    if peer is None:
        raise UserError(N_("{recipient} is neither hq, a site code nor a device this install has heard from."),
                        recipient=recipient)
    return Recipient(recipient, (peer.device_id,), peer.site_code if peer.role == "site" else None)


def _since(ws: Workspace, to: Recipient) -> int:
    if not to.devices:
        return 0
    with ws.read() as s:
        confirmed = list(s.scalars(select(SyncPeer.confirmed_seq).where(SyncPeer.device_id.in_(to.devices))))
    return min(confirmed, default=0)


def default_folder(ws: Workspace) -> Path:
    base = ws.db.path.parent if ws.db.path is not None else data_dir()
    return base / "outbox"


def contacts_included(ws: Workspace, *, sealed: bool, override: bool | None = None) -> bool:
    """Whether members' phone numbers and e-mails go into a bundle (``override`` from the command line)."""
    if override is not None:
        return override
    choice = settings.get(ws, CONTACTS) or "encrypted"
    return choice == "always" or (choice == "encrypted" and sealed)


def export(ws: Workspace, *, recipient: str | None = None, full: bool = False,
           to_dir: Path | None = None, contacts: bool | None = None) -> ExportResult:
    """Write a bundle for a recipient and return what it holds."""
    device = ws.require_device()
    key = keys.signing_key(ws)
    to = resolve_recipient(ws, recipient)
    since = 0 if full else _since(ws, to)
    seal_key = _seal_key(ws, to)
    withhold = not contacts_included(ws, sealed=seal_key is not None, override=contacts)
    # Each table is compressed on a second thread while the next one is read; a failure writes nothing.
    with bundle.Writer() as writer:
        counts: dict[str, int] = {}
        period: list[str] = []
        sheets: dict[str, list[dict[str, Any]]] = {}
        with ws.read() as s:
            seq_row = s.get(AppState, SEQ_KEY)
            upto = int(seq_row.value) if seq_row else 0
            receipt = {p.device_id: p.merged_seq for p in s.scalars(select(SyncPeer).where(SyncPeer.merged_seq > 0))}
            conn = s.connection()
            for name in TABLE_ORDER:
                t = table(name)
                columns = exported_columns(name)
                stmt = (select(*(t.c[c] for c in columns))
                        .where(t.c.change_seq > since, t.c.change_seq <= upto).order_by(t.c.id))
                if to.site is not None:
                    stmt = stmt.where(t.c.site_code == to.site)
                if len(to.devices) == 1:  # not back to the device it came from, unchanged
                    stmt = stmt.where(or_(t.c.received_from.is_(None), t.c.received_from != to.devices[0]))
                rows = export_rows(conn, stmt, name, columns)
                if withhold and name == "member":
                    rows = [privacy.withhold(r) for r in rows]
                if not rows:
                    continue
                counts[name] = len(rows)
                sheets[name] = rows
                writer.add(f"rows/{name}.jsonl", bundle.jsonl(rows))
                dates = [r["updated_at"] for r in rows]
                period += [min(dates)[:10], max(dates)[:10]]
                if name == "attachment":
                    for row in rows:
                        blob = attachments.blob_path(ws, row["sha256"])
                        if not row["deleted"] and blob.exists():
                            writer.add(f"files/{row['sha256']}", blob.read_bytes())
        writer.add(bundle.SUMMARY, summary_workbook(sheets, counts))
        now = datetime.now(UTC)
        bundle_id = str(uuid.uuid4())
        manifest = {
            "bundle_id": bundle_id, "schema": HEAD, "created_at": now.isoformat().replace("+00:00", "Z"),
            "source_device": device.id, "source_site": device.site_code, "source_role": device.role,
            "coordinator": device.coordinator, "public_key_hex": bytes(key.verify_key).hex(),
            "recipient": to.label, "scope": to.site or "all", "from_seq": since, "upto_seq": upto,
            "receipt": receipt, "counts": counts,
            "withheld": [f"member.{f}" for f in CONTACT_FIELDS] if withhold else [],
            "period": {"from": min(period, default=None), "to": max(period, default=None)},
            "app_version": __version__,  # MI sees which sites still run an older build
        }
        folder = (to_dir or default_folder(ws)).resolve()
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"{device.site_code}-{now:%Y%m%d-%H%M%S}-{bundle_id[:8]}.c4m"
        size = writer.finish(path, manifest, key, seal_key)
        return ExportResult(path, bundle_id, counts, size, since, upto, seal_key is not None, manifest)


def _seal_key(ws: Workspace, to: Recipient):
    target = settings.get(ws, ENCRYPT_TO)
    if not target or to.label != "hq":
        return None
    with ws.read() as s:
        peer = s.get(PeerKey, target)
    if peer is None or peer.revoked:
        raise UserError(N_("Bundles to MI are to be encrypted, but MI's key is not registered or was revoked. "
                           "Register it with `c4m keys trust`."))
    return keys.sealing_public_key(peer.public_key)


SUMMARY_ROWS = 200  # per table: a summary to read, not a copy (its size also counts against the mail limit)
# Bookkeeping no reader needs; "updated_at" stays, as people ask when a record last changed.
_NOT_SHOWN = VERSION_COLUMNS - {"updated_at"}


def summary_workbook(sheets: dict[str, list[dict[str, Any]]], counts: dict[str, int]) -> bytes:
    """What the bundle holds, for MI staff who open it without the app (Excel reads UTF-8 xlsx):
    an overview sheet with every table's count, then the first rows of each table."""
    from openpyxl import Workbook  # 0.2 s to import: only when exporting, not at app start

    wb = Workbook(write_only=True)
    overview = wb.create_sheet("overview")
    overview.append(["table", "rows in this bundle", "rows shown here"])
    for name, n in counts.items():
        overview.append([name, n, min(n, SUMMARY_ROWS)])
    if not sheets:
        overview.append(["No changes in this bundle"])
    overview.append([])
    overview.append([f"Each table's sheet shows its first {SUMMARY_ROWS} rows; the app imports all of them."])
    for name, rows in sheets.items():
        sheet = wb.create_sheet(name[:31])
        columns = [c for c in rows[0] if c not in _NOT_SHOWN]
        sheet.append(columns)
        for row in rows[:SUMMARY_ROWS]:
            sheet.append([_cell(row[c]) for c in columns])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _cell(value: Any) -> Any:
    # openpyxl stores text starting with "=" as a formula, which Excel would run.
    if isinstance(value, str) and value.startswith("="):
        return " " + value
    return value
