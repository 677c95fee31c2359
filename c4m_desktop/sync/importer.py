"""Import: check a bundle completely, then merge it in one transaction, or refuse it untouched.

Every attempt, applied or refused, leaves an ImportLog row. The receipt a bundle carries moves
what this install believes the sender holds; the bundle's own range moves the receipt this
install sends back.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from ..domain import zawgyi
from ..domain.hlc import ClockDriftError, Stamp
from ..domain.messages import N_, UserError
from ..i18n import error_text
from ..services import attachments, privacy, settings
from ..services.workspace import Workspace
from ..store.migrate import HEAD
from ..store.models import SYNCED, ImportLog, PeerKey, SyncPeer
from . import bundle, keys
from .merge import MergeStats, merge_rows
from .rows import TABLE_ORDER, parse_row

MAX_CLOCK_AHEAD_MS = 7 * 24 * 3600 * 1000
MAX_MB_SETTING = "import_max_mb"  # what a bundle may unpack to at most (default: bundle.Limits)
Progress = Callable[[int, int], bool]  # (done, total) -> keep going?


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__(N_("The import was cancelled; nothing was changed."))


@dataclass(frozen=True)
class SuspectRow:
    """A row of a bundle with text fields that look like Zawgyi (see ``domain.zawgyi``)."""

    table: str
    row_id: str
    fields: tuple[str, ...]


@dataclass
class Preview:
    """What a checked bundle holds, before anything is applied."""

    path: Path
    bundle_id: str
    source_device: str
    source_site: str
    source_role: str
    coordinator: str
    created_at: str
    counts: dict[str, int]
    sealed: bool
    key_state: str  # "known", "new" (trusted on first use) or "registered"
    period: dict[str, Any]
    # Rows whose Burmese text looks Zawgyi-encoded; imported as they are, flagged for a person.
    zawgyi_suspects: list[SuspectRow] = field(default_factory=list)
    app_version: str | None = None  # of the app that made it; None from builds that did not record it


@dataclass
class ImportResult:
    preview: Preview
    stats: dict[str, MergeStats] = field(default_factory=dict)

    @property
    def applied(self) -> int:
        return sum(s.applied for s in self.stats.values())

    @property
    def conflicts(self) -> int:
        return sum(s.conflicts for s in self.stats.values())


@dataclass
class _Checked:
    preview: Preview
    manifest: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]]
    files: dict[str, bytes]
    public_key: str


def _check(ws: Workspace, path: Path) -> _Checked:
    device = ws.require_device()
    opener = keys.opening_private_key(ws) if _is_sealed(path) else None
    max_mb = settings.get(ws, MAX_MB_SETTING)
    limits = bundle.Limits(max_total_bytes=int(max_mb) * 1024 * 1024) if max_mb else bundle.Limits()
    b = bundle.read(path, opener=opener, limits=limits)
    m = b.manifest
    try:
        source, site, role = str(m["source_device"]), str(m["source_site"]), str(m["source_role"])
        schema, from_seq, upto_seq = str(m["schema"]), int(m["from_seq"]), int(m["upto_seq"])
        receipt = {str(k): int(v) for k, v in dict(m["receipt"]).items()}
        bundle_id, created = str(m["bundle_id"]), str(m["created_at"])
        public_key = keys.b64(bytes.fromhex(m["public_key_hex"]))
    except (KeyError, TypeError, ValueError):
        raise bundle.BundleRefused(N_("The bundle's manifest is damaged; it is refused.")) from None
    if schema > HEAD:
        raise bundle.BundleRefused(N_("This bundle was made by a newer version of the app (data format {schema}). "
                                      "Update the app, then import it."), schema=schema)
    if source == device.id:
        raise bundle.BundleRefused(N_("This bundle was made by this install; there is nothing to import."))
    unknown = sorted(set(b.rows) - set(SYNCED))
    if unknown:
        raise bundle.BundleRefused(N_("The bundle has a table this app does not know ({table}); it was made by a "
                                      "newer version. Update the app, then import it."), table=unknown[0])
    key_state = _key_state(ws, source, public_key)
    parsed: dict[str, list[dict[str, Any]]] = {}
    for name in TABLE_ORDER:
        raw = b.rows.get(name, [])
        rows = [parse_row(name, r, schema) for r in raw]
        ids = [r["id"] for r in rows]
        if len(set(ids)) != len(ids):
            raise bundle.BundleRefused(N_("The bundle holds the same {table} record twice; it is refused."),
                                       table=name)
        if rows:
            parsed[name] = rows
    for row in parsed.get("attachment", []):
        if not row["deleted"] and row["sha256"] not in b.files and not attachments.blob_path(ws, row["sha256"]).exists():
            raise bundle.BundleRefused(N_("The bundle lists the file {name} but does not hold it; it is refused."),
                                       name=row["filename"])
    counts = {k: len(v) for k, v in parsed.items()}
    preview = Preview(path, bundle_id, source, site, role, str(m.get("coordinator", "")), created, counts,
                      b.sealed, key_state, dict(m.get("period") or {}), zawgyi_suspects(parsed),
                      str(m["app_version"]) if m.get("app_version") else None)
    return _Checked(preview, m | {"from_seq": from_seq, "upto_seq": upto_seq, "receipt": receipt},
                    parsed, b.files, public_key)


def zawgyi_suspects(rows: dict[str, list[dict[str, Any]]]) -> list[SuspectRow]:
    """Return the live rows whose Burmese text fields look like Zawgyi, table by table."""
    out = []
    for name, table_rows in rows.items():
        for row in table_rows:
            if row.get("deleted"):
                continue
            found = zawgyi.suspect_fields(row)
            if found:
                out.append(SuspectRow(name, str(row["id"]), tuple(found)))
    return out


def _is_sealed(path: Path) -> bool:
    try:
        with open(path, "rb") as fh:
            return fh.read(len(bundle.SEALED_MAGIC)) == bundle.SEALED_MAGIC
    except OSError:
        return False


def _key_state(ws: Workspace, device_id: str, public_key: str) -> str:
    with ws.read() as s:
        known = s.get(PeerKey, device_id)
    if known is None:
        return "new"
    if known.revoked:
        raise bundle.BundleRefused(N_("The key of device {device} was revoked; its bundles are refused."),
                                   device=device_id)
    if known.public_key != public_key:
        raise bundle.BundleRefused(N_("This bundle is signed with a different key than earlier bundles of device "
                                      "{device}. If the laptop was reinstalled, ask MI to register its new key; "
                                      "otherwise do not trust this file."), device=device_id)
    return "registered" if known.source == "registered" else "known"


def preview(ws: Workspace, path: Path) -> Preview:
    """Check a bundle fully and say what it holds, writing nothing (except the log of a refusal)."""
    try:
        return _check(ws, path).preview
    except UserError as e:
        _log(ws, path, None, "refused", error_text(e))
        raise


def import_bundle(ws: Workspace, path: Path, *, progress: Progress | None = None) -> ImportResult:
    """Check and merge one bundle, all or nothing."""
    started = datetime.now(UTC)
    try:
        checked = _check(ws, path)
        result = _apply(ws, checked, progress)
    except UserError as e:
        _log(ws, path, None, "refused", error_text(e), started=started)
        raise
    return result


def _apply(ws: Workspace, c: _Checked, progress: Progress | None) -> ImportResult:
    p, m = c.preview, c.manifest
    result = ImportResult(p)
    total = sum(len(v) for v in c.rows.values())
    done = 0
    for sha, data in c.files.items():  # content-addressed: harmless if the merge below fails
        attachments.store_bytes(ws, data, sha)
    with ws.write(source=f"import {p.path.name}") as txn:
        txn.clock.max_drift_ms = MAX_CLOCK_AHEAD_MS
        txn.track_ids = False
        rows: list[dict[str, Any]] | None  # each table's rows, then a table's if it has any
        try:
            for rows in c.rows.values():
                txn.clock.observe(Stamp.decode(max(r["hlc"] for r in rows)))
        except ClockDriftError:
            raise bundle.BundleRefused(N_("The bundle's changes are dated far in the future: the clock of the laptop "
                                          "that made it is wrong. Fix its date and export again.")) from None
        except ValueError:
            raise bundle.BundleRefused(N_("The bundle's manifest is damaged; it is refused.")) from None
        for name in TABLE_ORDER:
            rows = c.rows.get(name)
            if not rows:
                continue
            result.stats[name] = merge_rows(txn, name, rows, source=f"import {p.path.name}", sender=p.source_device)
            done += len(rows)
            if progress is not None and not progress(done, total):
                raise ImportCancelled()
        scrubbed = _scrub_forgotten(txn.session, c.rows)
        s = txn.session
        if s.get(PeerKey, p.source_device) is None:
            s.add(PeerKey(device_id=p.source_device, public_key=c.public_key, first_seen=txn.now, source="tofu"))
        _take_receipt(s, txn.device_id, m, txn.now)
        s.add(ImportLog(file_name=str(p.path), bundle_id=p.bundle_id, source_device=p.source_device,
                        started_at=txn.now, finished_at=datetime.now(UTC), outcome="applied", reason=None,
                        rows_applied=result.applied, rows_conflicted=result.conflicts))
    if scrubbed:
        ws.db.checkpoint()
    return result


def _scrub_forgotten(session: Any, rows: dict[str, list[dict[str, Any]]]) -> int:
    """Scrub the History and conflicts of members this bundle forgets (or brings conflicts of)."""
    candidates = {r["id"] for r in rows.get("member", []) if r["forgotten"]}
    candidates |= {r["row_id"] for r in rows.get("conflict", []) if r["table_name"] == "member"}
    ordered = sorted(candidates)
    touched = 0
    for start in range(0, len(ordered), 500):
        gone = privacy.forgotten_among(session, ordered[start:start + 500])
        touched += privacy.scrub_traces(session, gone) + len(gone)
    return touched


def _take_receipt(s: Any, me: str, m: dict[str, Any], now: datetime) -> None:
    peer = s.get(SyncPeer, m["source_device"])
    if peer is None:
        peer = SyncPeer(device_id=m["source_device"], merged_seq=0, confirmed_seq=0)
        s.add(peer)
    peer.site_code, peer.role = m["source_site"], m["source_role"]
    # The bundle covers the sender's changes (from_seq, upto_seq]; it extends what we hold only
    # if it starts where our holdings end (a bundle made before a lost one does not).
    if m["from_seq"] <= (peer.merged_seq or 0):
        peer.merged_seq = max(peer.merged_seq or 0, m["upto_seq"])
        peer.merged_at = now
    created = datetime.fromisoformat(m["created_at"].replace("Z", "+00:00"))
    # Receipts only move with the newest bundle, so a late old bundle cannot undo a newer receipt;
    # a newer, lower receipt (the peer restored a backup) does move it back, so rows are re-sent.
    if peer.last_bundle_at is None or created >= peer.last_bundle_at:
        peer.last_bundle_at = created
        if me in m["receipt"]:
            peer.confirmed_seq = m["receipt"][me]
            peer.confirmed_at = created


def _log(ws: Workspace, path: Path, bundle_id: str | None, outcome: str, reason: str,
         started: datetime | None = None) -> None:
    with ws.db.session() as s:
        s.add(ImportLog(file_name=str(path), bundle_id=bundle_id, source_device=None,
                        started_at=started or datetime.now(UTC), finished_at=datetime.now(UTC),
                        outcome=outcome, reason=reason, rows_applied=0, rows_conflicted=0))
