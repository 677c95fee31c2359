"""GUI start-up: parse arguments, open the store (or the demo store), first-run, main window."""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox

from .. import __version__, i18n
from ..domain.messages import UserError
from ..i18n import _
from ..services import backups, device
from ..services.workspace import Workspace
from ..store import logfile
from ..store.database import resolve_target
from ..store.paths import demo_db_path
from . import crash, qt_texts, startup_check
from .first_run import FirstRunDialog
from .main_window import MainWindow

ICON = Path(__file__).with_name("icon.png")  # tools/make_icon.py


def _args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="c4m-desktop")
    p.add_argument("--version", action="version", version=f"c4m-desktop {__version__}")
    p.add_argument("--demo", action="store_true", help="start on a fresh demo database")
    p.add_argument("--db", help="database file or SQLAlchemy URL")
    p.add_argument("--lang", choices=list(i18n.LANGUAGES))
    p.add_argument("--self-test", nargs="?", const="", metavar="REPORT",
                   help="check this install in a temporary folder (database, fonts, reports, Qt, keyring); "
                        "with REPORT, write the report to that file instead of printing it")
    args = p.parse_args(argv)
    if args.self_test and not Path(args.self_test).parent.is_dir():  # said before the checks, not after
        p.error(f"--self-test: no folder {Path(args.self_test).parent} for the report")
    return args


def open_workspace(args: argparse.Namespace) -> Workspace:
    if args.demo:
        from ..services import demo  # only demo start-up pays for importing it

        return demo.fresh_demo_workspace(demo_db_path())
    return Workspace.open(args.db)


def run_gui(argv: list[str]) -> int:
    args = _args(argv)
    if args.self_test is not None:
        from . import self_test

        return self_test.run(Path(args.self_test) if args.self_test else None)
    app = QApplication.instance() or QApplication([sys.argv[0]])
    app.setApplicationName("c4m-desktop")
    app.setWindowIcon(QIcon(str(ICON)))
    logfile.configure()
    crash.install()
    if args.lang:
        i18n.set_language(args.lang)
    qt_texts.install(app)
    db_path, checked = None, None
    if not args.demo:
        _url, db_path = resolve_target(args.db)
        if db_path is not None:
            due, checked = backups.check_due(db_path)
            if due:
                if not startup_check.database_usable(db_path):
                    return 1
                checked = datetime.now(UTC)
            backups.opened(db_path)
    try:
        ws = open_workspace(args)
    except UserError as exc:
        QMessageBox.critical(None, _("Cannot open the database"), i18n.error_text(exc))
        return 1
    info = device.current(ws)
    if info is None:
        dialog = FirstRunDialog(ws)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            ws.close()
            return 0
        info = dialog.info
    if not args.lang and info is not None:
        i18n.set_language(info.language)
        qt_texts.follow_language(app)
    window = MainWindow(ws)
    window.show()
    window.recover_drafts()
    try:
        return app.exec()
    finally:
        ws.close()
        if db_path is not None:
            backups.mark_closed(db_path, checked=checked)
