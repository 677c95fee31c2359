"""What "Export now" and "Send now" do, for the window and the command line alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from ..services import settings
from ..services.workspace import Workspace
from . import outbox, secrets
from .exporter import ExportResult, export
from .mailer import SmtpSettings

MAIL_LIMIT_SETTING = "mail_limit_mb"


@dataclass(frozen=True)
class Exported:
    result: ExportResult
    item: outbox.Item | None  # None when there is no address to mail it to (save it to a folder)


def mail_limit_mb(ws: Workspace) -> int:
    value = settings.get(ws, MAIL_LIMIT_SETTING)
    return int(value) if value and value.isdigit() else outbox.MAIL_LIMIT_MB


def export_now(ws: Workspace, *, recipient: str | None = None, full: bool = False,
               to_dir: Path | None = None, contacts: bool | None = None) -> Exported:
    """Export for a recipient; a site's export to MI also goes into the outbox for e-mail."""
    device = ws.require_device()
    result = export(ws, recipient=recipient, full=full, to_dir=to_dir, contacts=contacts)
    address = device.mi_email if result.manifest["recipient"] == "hq" else None
    item = outbox.enqueue(ws, result, recipient=address, mail_limit_mb=mail_limit_mb(ws)) if address else None
    return Exported(result, item)


def send_now(ws: Workspace, *, now: datetime | None = None, **kw) -> list[tuple[str, outbox.Outcome]]:
    """Send what is due in the outbox with this install's mail settings."""
    smtp = SmtpSettings.load(ws)
    password = secrets.get_password(smtp.username) if smtp.username else None
    return outbox.send_due(ws, smtp, password, now=now, **kw)
