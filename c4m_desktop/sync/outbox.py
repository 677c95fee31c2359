"""The outbox: exports waiting to go by e-mail, sent with backoff, never lost and never sent twice.

An item moves through these states, each change in its own short transaction:

    queued ──claim──▶ sending ──▶ sent                      (final)
      ▲                  │
      │                  ├──▶ queued  (temporary failure: attempts+1, retried after a backoff)
      └──── retry ───────┴──▶ failed  (needs the user: wrong password, 5xx refusal, ...)
    too_large             (bigger than mail takes: save it to a folder or USB stick)
    saved                 (copied to a folder by the user; no e-mail is sent for it)

Claiming is a conditional UPDATE (queued → sending), so two senders running at once (the GUI's
timer and the CLI, say) can never both send one item. An item found still "sending" after its
lease ran out was interrupted mid-send: it becomes "failed" for the user to decide, since the
server may or may not have it (a second import of a bundle changes nothing, so resending is safe).

Subjects and bodies are English on purpose (MI works in English); see DESIGN-NOTES.md, "Sync".
"""

from __future__ import annotations

import os
import shutil
import ssl
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from sqlalchemy import CursorResult, and_, or_, select, update

from .. import i18n
from ..domain.messages import N_, UserError, stored
from ..domain.sites import SITES
from ..domain.validation import _EMAIL
from ..services.workspace import Workspace
from ..store.models import AppState, OutboxItem, new_id
from . import mailer
from .exporter import MAIL_LIMIT_MB, ExportResult
from .mailer import SendFailed, SmtpSettings

QUEUED, SENDING, SENT, FAILED, TOO_LARGE, SAVED = "queued", "sending", "sent", "failed", "too_large", "saved"
SKIPPED = "skipped"  # an outcome only: another sender had claimed the item first
FIRST_DELAY = timedelta(minutes=1)
MAX_DELAY = timedelta(hours=6)
# How long a claim holds. A 20 MB bundle over a slow link takes minutes, so this is generous;
# a claim older than this was interrupted (the program died mid-send).
SEND_LEASE = timedelta(hours=1)
SAVED_KEY = "outbox.saved_to."  # app_state key prefix: where the user saved an item's bundle

TOO_LARGE_TEXT = N_("This export makes an e-mail of {size} MB, more than the {limit} MB that mail takes. "
                    "Save it to a folder or USB stick and hand it over instead.")
INTERRUPTED_TEXT = N_("Sending was interrupted before the mail server confirmed it, so MI may or may not "
                      "have it. Send it again (a bundle imported twice changes nothing) or save it to a folder.")
NOT_REACHABLE_SERVER = mailer.NOT_REACHABLE

TABLE_LABELS: dict[str, tuple[str, str]] = {
    "association": ("association", "associations"),
    "association_sector": ("association sector", "association sectors"),
    "member": ("member", "members"),
    "ipr_asset": ("IPR asset", "IPR assets"),
    "business_plan": ("business plan", "business plans"),
    "business_plan_section": ("plan section", "plan sections"),
    "financial_line": ("financial line", "financial lines"),
    "action_plan": ("action plan", "action plans"),
    "activity": ("activity", "activities"),
    "progress_update": ("progress update", "progress updates"),
    "attachment": ("attachment", "attachments"),
    "conflict": ("conflict record", "conflict records"),
}
SUBJECT_KINDS = 4  # the subject names this many kinds of record; the body names them all


@dataclass(frozen=True)
class Item:
    """A snapshot of one outbox item (plain data: safe to hand to another thread)."""

    id: str
    recipient: str
    bundle_path: Path
    bundle_id: str
    created_at: datetime
    status: str
    attempts: int
    last_error: str | None
    next_attempt_at: datetime | None
    message_id: str | None
    sent_at: datetime | None
    subject: str | None
    body: str | None
    size: int | None
    saved_to: Path | None = None

    @property
    def waiting(self) -> bool:
        """True while the outbox still means to e-mail it."""
        return self.status in (QUEUED, SENDING)


@dataclass(frozen=True)
class Outcome:
    """What one send attempt came to: the item's new status and, on failure, why."""

    status: str  # SENT, QUEUED (retried later), FAILED (needs the user) or SKIPPED
    message_id: str | None = None
    error: SendFailed | None = None


def _item(row: OutboxItem, saved_to: str | None = None) -> Item:
    problem = i18n.stored_text(row.last_error) if row.last_error else None  # in the language of the moment
    return Item(row.id, row.recipient, Path(row.bundle_path), row.bundle_id, row.created_at, row.status,
                row.attempts or 0, problem, row.next_attempt_at, row.message_id, row.sent_at,
                row.subject, row.body, row.size, Path(saved_to) if saved_to else None)


def _now(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None:
        raise ValueError("naive datetime given where UTC is required")
    return now


# --- making an item ------------------------------------------------------------------------------


def mail_size(size: int) -> int:
    """Estimate the size of the e-mail that carries a file of ``size`` bytes (base64 + headers)."""
    encoded = (size + 2) // 3 * 4
    return encoded + encoded // 76 * 2 + 4096


def _period(manifest: dict[str, Any]) -> str | None:
    period = manifest.get("period") or {}
    start, end = period.get("from"), period.get("to")
    if not start:
        return None
    return start if start == end else f"{start}..{end}"


def _counts(counts: dict[str, int]) -> list[str]:
    order = list(TABLE_LABELS) + sorted(set(counts) - set(TABLE_LABELS))
    out = []
    for name in order:
        n = counts.get(name, 0)
        if n:
            one, many = TABLE_LABELS.get(name, (name, name))
            out.append(f"{n} {one if n == 1 else many}")
    return out


def _origin(manifest: dict[str, Any]) -> str:
    site = manifest.get("source_site") or "?"
    if manifest.get("source_role") == "hq":
        return f"MI to {manifest.get('recipient') or 'all sites'}"
    return site


def subject_for(result: ExportResult) -> str:
    """E.g. ``C4M export SRP 2026-11-01..2026-11-23: 12 associations, 3 business plans``."""
    m = result.manifest
    head = f"C4M export {_origin(m)}"
    period = _period(m)
    if period:
        head += f" {period}"
    parts = _counts(result.counts)
    if not parts:
        return f"{head}: no new changes (receipt only)"
    shown = ", ".join(parts[:SUBJECT_KINDS])
    if len(parts) > SUBJECT_KINDS:
        shown += f" and {len(parts) - SUBJECT_KINDS} more kinds ({result.rows} rows)"
    return f"{head}: {shown}"


def body_for(result: ExportResult) -> str:
    """The plain-text body: who sent it, what period, how many rows of what, and what to do with it."""
    m = result.manifest
    site = SITES.get(m.get("source_site") or "")
    where = f"{m.get('source_site')} ({site.name_en})" if site else str(m.get("source_site"))
    who = f", coordinator {m['coordinator']}" if m.get("coordinator") else ""
    lines = [f"C4M Desktop sync bundle from site {where}{who}."]
    if m.get("source_role") == "hq":
        lines = [f"C4M Desktop sync bundle from MI for {m.get('recipient')}{who}."]
    period = m.get("period") or {}
    parts = _counts(result.counts)
    if parts:
        span = (period.get("from") if period.get("from") == period.get("to")
                else f"{period.get('from')} to {period.get('to')}")
        lines += ["", f"Changes dated {span}:"] + [f"  {p}" for p in parts] + [f"Total: {result.rows} rows."]
    else:
        lines += ["", "No new changes: this bundle carries the receipt of what this install has received."]
    kb = max(1, round(result.size / 1024))
    lines += [
        "",
        f"File: {result.path.name} ({kb} KB), signed by the sending install"
        + (", encrypted for MI." if result.sealed else "."),
        f"Bundle id: {result.bundle_id}",
        f"Made: {m.get('created_at')}",
        "",
        "Import it with C4M Desktop (on the command line: c4m import FILE). "
        "Importing the same bundle twice changes nothing.",
    ]
    if not result.sealed:
        lines.append("Without the app: the file is a zip; summary.xlsx inside lists every row.")
    return "\n".join(lines) + "\n"


def enqueue(ws: Workspace, result: ExportResult, *, recipient: str, mail_limit_mb: int = MAIL_LIMIT_MB,
            now: datetime | None = None) -> Item:
    """Put an export in the outbox for ``recipient`` (an e-mail address) and return the new item.

    An export whose e-mail would be larger than ``mail_limit_mb`` is kept as "too_large", with
    the advice to save it to a folder or USB stick; nothing tries to mail it.
    """
    recipient = (recipient or "").strip()
    if not _EMAIL.match(recipient):
        raise UserError(N_("{value} is not a valid e-mail address."), value=recipient)
    at = _now(now)
    email_size = mail_size(result.size)
    too_large = email_size > mail_limit_mb * 1024 * 1024
    row = OutboxItem(
        id=new_id(), recipient=recipient, bundle_path=str(result.path), bundle_id=result.bundle_id,
        created_at=at, status=TOO_LARGE if too_large else QUEUED, attempts=0,
        last_error=stored(TOO_LARGE_TEXT, {"size": _mb(email_size), "limit": mail_limit_mb}) if too_large else None,
        next_attempt_at=None, subject=subject_for(result), body=body_for(result), size=result.size,
    )
    with ws.db.session() as s:
        s.add(row)
        s.flush()
        return _item(row)


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f}"


# --- reading -------------------------------------------------------------------------------------


def _saved_paths(s, ids: list[str] | None = None) -> dict[str, str]:
    if ids is None:
        stmt = select(AppState).where(AppState.key.startswith(SAVED_KEY, autoescape=True))
    else:
        stmt = select(AppState).where(AppState.key.in_([SAVED_KEY + i for i in ids]))
    return {r.key[len(SAVED_KEY):]: r.value for r in s.scalars(stmt)}


def items(ws: Workspace) -> list[Item]:
    """Every item, newest first (nothing is ever deleted)."""
    with ws.read() as s:
        rows = list(s.scalars(select(OutboxItem).order_by(OutboxItem.created_at.desc(), OutboxItem.id)))
        saved = _saved_paths(s)
        return [_item(r, saved.get(r.id)) for r in rows]


def get(ws: Workspace, item_id: str) -> Item:
    with ws.read() as s:
        row = s.get(OutboxItem, item_id)
        if row is None:
            raise UserError(N_("There is no outbox item {id}."), id=item_id)
        return _item(row, _saved_paths(s, [item_id]).get(item_id))


def _due_clause(now: datetime):
    return and_(OutboxItem.status == QUEUED,
                or_(OutboxItem.next_attempt_at.is_(None), OutboxItem.next_attempt_at <= now))


def due(ws: Workspace, now: datetime | None = None) -> list[Item]:
    """Queued items whose next attempt is due at ``now``, oldest first."""
    at = _now(now)
    with ws.read() as s:
        rows = s.scalars(select(OutboxItem).where(_due_clause(at))
                         .order_by(OutboxItem.created_at, OutboxItem.id))
        return [_item(r) for r in rows]


def next_due_at(ws: Workspace) -> datetime | None:
    """When the earliest queued item becomes due (for a sender's timer), or None if none waits."""
    with ws.read() as s:
        rows = list(s.execute(select(OutboxItem.next_attempt_at, OutboxItem.created_at)
                              .where(OutboxItem.status == QUEUED)))
    return min((at or made for at, made in rows), default=None)


def backoff(attempts: int) -> timedelta:
    """The wait after the ``attempts``-th failed try in a row: 1, 2, 4 ... minutes, at most 6 hours."""
    if attempts < 1:
        return timedelta(0)
    if attempts > 16:  # 2**15 minutes is far beyond the cap already
        return MAX_DELAY
    return min(FIRST_DELAY * 2 ** (attempts - 1), MAX_DELAY)


# --- state changes (each one transaction) --------------------------------------------------------


def _claim(ws: Workspace, item_id: str, now: datetime) -> bool:
    """Mark a due queued item "sending"; False if another sender got it first or it is not due."""
    with ws.db.session() as s:
        done = cast(CursorResult[Any], s.execute(  # an UPDATE's result is a CursorResult
            update(OutboxItem).where(OutboxItem.id == item_id, _due_clause(now))
            .values(status=SENDING, next_attempt_at=now + SEND_LEASE)
            .execution_options(synchronize_session=False)))
        return done.rowcount == 1


def _mark_sent(ws: Workspace, item_id: str, message_id: str, now: datetime) -> None:
    with ws.db.session() as s:
        s.execute(update(OutboxItem).where(OutboxItem.id == item_id)
                  .values(status=SENT, message_id=message_id, sent_at=now, last_error=None,
                          next_attempt_at=None, attempts=OutboxItem.attempts + 1)
                  .execution_options(synchronize_session=False))


def _mark_failed(ws: Workspace, item_id: str, error: SendFailed, now: datetime) -> str:
    with ws.db.session() as s:
        row = s.get(OutboxItem, item_id)
        if row is None or row.status != SENDING:  # changed meanwhile: leave it as it is
            return SKIPPED
        row.attempts = (row.attempts or 0) + 1
        row.last_error = stored(error.message, error.params)  # shown in the language of the moment
        if error.temporary:
            row.status, row.next_attempt_at = QUEUED, now + backoff(row.attempts)
        else:
            row.status, row.next_attempt_at = FAILED, None
        return row.status


def _expire_interrupted(ws: Workspace, now: datetime) -> list[str]:
    """Turn sends whose claim ran out (the program died mid-send) into "failed" for the user."""
    with ws.db.session() as s:
        rows = list(s.scalars(select(OutboxItem).where(
            OutboxItem.status == SENDING, OutboxItem.next_attempt_at <= now)))
        for row in rows:
            row.status, row.next_attempt_at, row.last_error = FAILED, None, INTERRUPTED_TEXT
        return [r.id for r in rows]


def retry(ws: Workspace, item_id: str, now: datetime | None = None) -> Item:
    """Put a failed (or queued) item back in the queue, due at once; attempts keep counting."""
    with ws.db.session() as s:
        row = s.get(OutboxItem, item_id)
        if row is None:
            raise UserError(N_("There is no outbox item {id}."), id=item_id)
        if row.status == SENT:
            raise UserError(N_("This export was already sent (message {message_id}); it is not sent twice."),
                            message_id=row.message_id)
        if row.status == TOO_LARGE:
            raise UserError(N_("This export is too large for e-mail. Save it to a folder or USB stick instead."))
        if row.status == SENDING:
            raise UserError(N_("This export is being sent right now."))
        if row.status in (FAILED, QUEUED, SAVED):
            row.status, row.next_attempt_at = QUEUED, None
        s.flush()
        return _item(row)


def save_to_folder(ws: Workspace, item_id: str, folder: Path) -> Path:
    """Copy an item's bundle into a folder (a USB stick, say) and mark the item "saved".

    The copy is written to a temporary file in that folder, flushed to disk and then renamed,
    so a pulled stick never holds a half bundle under the real name. A sent (or sending) item
    keeps its status; the copy's path is recorded either way and shown in ``Item.saved_to``.
    """
    item = get(ws, item_id)
    source = item.bundle_path
    if not source.is_file():
        raise UserError(mailer.MISSING_FILE, path=str(source))
    target = Path(folder) / source.name
    tmp: str | None = None
    try:
        Path(folder).mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{source.name}.", suffix=".part", dir=folder)
        with os.fdopen(fd, "wb") as out, open(source, "rb") as src:
            shutil.copyfileobj(src, out, 1024 * 1024)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, target)
        tmp = None
        _fsync_dir(Path(folder))
    except OSError as error:
        raise UserError(N_("The bundle could not be saved to {folder}: {reason}"), rejected=False,
                        folder=str(folder), reason=error.strerror or str(error)) from None
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
    with ws.db.session() as s:
        row = s.get(OutboxItem, item_id)
        assert row is not None  # get() above found it
        if row.status not in (SENT, SENDING):
            row.status, row.next_attempt_at, row.last_error = SAVED, None, None
        key = SAVED_KEY + item_id
        state = s.get(AppState, key)
        if state is None:
            s.add(AppState(key=key, value=str(target)))
        else:
            state.value = str(target)
    return target


def _fsync_dir(folder: Path) -> None:
    # Makes the rename itself durable where the platform allows opening a folder (not Windows).
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


# --- sending -------------------------------------------------------------------------------------


def send_due(ws: Workspace, settings: SmtpSettings, password: str | None, *, now: datetime | None = None,
             ssl_context: ssl.SSLContext | None = None,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None) -> list[tuple[str, Outcome]]:
    """Send every queued item that is due, one at a time; return (item id, outcome) per item tried.

    The server is probed once (a TCP connect, short timeout); if it cannot be reached, every due
    item counts a failed attempt and waits its backoff, without any mail traffic.
    """
    at = _now(now)
    _expire_interrupted(ws, at)
    todo = due(ws, at)
    results: list[tuple[str, Outcome]] = []
    if not todo:
        return results
    server_up: bool | None = None
    for done, item in enumerate(todo):
        if cancelled is not None and cancelled():
            break
        if progress is not None:
            progress(done, len(todo))
        if not _claim(ws, item.id, at):
            results.append((item.id, Outcome(SKIPPED)))
            continue
        try:
            if not settings.configured:
                raise SendFailed(mailer.NOT_CONFIGURED, temporary=False)
            if server_up is None:
                server_up = mailer.reachable(settings, timeout=min(3.0, settings.timeout))
            if not server_up:
                raise SendFailed(NOT_REACHABLE_SERVER, temporary=True, server=settings.server,
                                 reason="no connection")
            message_id = mailer.send(settings, password, to=item.recipient, subject=item.subject or "",
                              body=item.body or "", attachment=item.bundle_path, ssl_context=ssl_context,
                              headers={"X-C4M-Bundle-Id": item.bundle_id})
        except SendFailed as error:
            results.append((item.id, Outcome(_mark_failed(ws, item.id, error, _now(now)), error=error)))
            continue
        # Any other exception (a bug, an interrupt) propagates and leaves the item "sending":
        # the server may or may not have it, so its claim expires into "failed" for the user
        # to decide rather than being sent again blindly.
        _mark_sent(ws, item.id, message_id, _now(now))
        results.append((item.id, Outcome(SENT, message_id=message_id)))
    if progress is not None:
        progress(len(todo), len(todo))
    return results
