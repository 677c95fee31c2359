"""`c4m backup`, `c4m backups`, `c4m restore FILE`: copies of the database to go back to."""

from __future__ import annotations

import argparse
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import i18n
from ..domain.messages import N_, UserError
from ..i18n import _

OK = 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("backup", help=_("back up the database and its evidence files now"))
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("backups", help=_("list the backups, newest first"))
    p.add_argument("--json", action="store_true")
    p = sub.add_parser("restore", help=_("replace the database with a backup (the current one is kept as a backup)"))
    p.add_argument("file", type=Path)


def cmd_backup(args: argparse.Namespace) -> int:
    from ..services import backups
    from ..services.workspace import Workspace

    ws = Workspace.open(args.db, create=False)
    try:
        b = backups.make(ws, "manual")
    finally:
        ws.close()
    if args.json:
        print(json.dumps({"path": str(b.path), "size": b.size, "counts": b.counts}))
    else:
        print(_("Backed up to {path}.").format(path=b.path))
    return OK


def cmd_backups(args: argparse.Namespace) -> int:
    from ..services import backups
    from ..services.workspace import Workspace

    ws = Workspace.open(args.db, create=False)
    try:
        folder = backups.folder_of(ws)
    finally:
        ws.close()
    found = backups.list_backups(folder)
    if args.json:
        print(json.dumps([{"path": str(b.path), "made": b.made.isoformat(), "reason": b.reason, "size": b.size,
                           "counts": b.counts} for b in found], ensure_ascii=False))
        return OK
    for b in found:
        print(_("{made}  {size}  {associations} associations  {path}").format(
            made=i18n.format_datetime(b.made), size=i18n.translator(i18n.language()).number(b.size / 1024**2) + " MB",
            associations=b.counts.get("association", "?"), path=b.path))
    if not found:
        print(_("No backups in {path}.").format(path=folder))
    return OK


def cmd_restore(args: argparse.Namespace) -> int:
    from ..services import backups
    from ..store.database import resolve_target
    from ..store.paths import attachments_dir

    _url, db_path = resolve_target(args.db)
    if db_path is None:
        raise UserError(N_("Only a database file on this computer can be restored from a backup."))
    if not args.file.is_file():
        raise UserError(N_("{name} was not found."), name=args.file.name)
    folder = args.file.resolve().parent
    kept = backups.restore(db_path, args.file.resolve(), files_dir=attachments_dir(db_path.parent), folder=folder)
    print(_("Restored {name}.").format(name=args.file.name))
    if kept is not None:
        print(_("The database it replaced is kept as {path}.").format(path=kept))
    return OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "backup": cmd_backup, "backups": cmd_backups, "restore": cmd_restore}
