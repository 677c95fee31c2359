"""The user guide's screenshots (docs/images/), taken from the real app on fresh demo databases, offscreen.

    .venv/bin/python tools/guide_screenshots.py [docs/images]

A site install at Siem Reap (first run, daily work, an export in the outbox, backups), then MI's
install importing that export. Re-run it when a window changes, and look at the pictures.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from screenshots import wait  # noqa: E402

SIZE = (1280, 760)


def site_workspace(folder: Path, code: str, role: str):
    from c4m_desktop.services import device
    from c4m_desktop.services.demo import generate
    from c4m_desktop.services.workspace import Workspace

    ws = Workspace.open(folder / f"{code}-{role}.sqlite")
    device.initialise(ws, site_code=code, coordinator="Sokha Chan" if role == "site" else "MI data desk",
                      role=role, language="en", mi_email="c4m@example.org")
    if role == "site":
        generate(ws, associations=150)
    return ws


def save(widget, out: Path, name: str, settle: int = 500) -> None:
    wait(settle)
    widget.grab().save(str(out / f"{name}.png"))
    print(out / f"{name}.png")


def main() -> None:
    out = Path(sys.argv[1] if len(sys.argv) > 1 else "docs/images")
    out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    folder = Path(tempfile.mkdtemp(prefix="c4m-guide-"))
    os.environ["C4M_DATA_DIR"] = str(folder)
    from PySide6.QtWidgets import QApplication

    from c4m_desktop.services import backups as backup_service
    from c4m_desktop.services import queries
    from c4m_desktop.services.workspace import Workspace
    from c4m_desktop.sync import actions
    from c4m_desktop.ui.first_run import FirstRunDialog
    from c4m_desktop.ui.main_window import MainWindow

    app = QApplication(sys.argv[:1])
    empty = Workspace.open(folder / "new.sqlite")
    first = FirstRunDialog(empty)
    first.coordinator.setText("Sokha Chan")
    first.site.setCurrentIndex(first.site.findData("SRP"))
    first.show()
    save(first, out, "01-first-run")
    first.close()
    empty.close()

    site = site_workspace(folder, "SRP", "site")
    window = MainWindow(site)
    window.resize(*SIZE)
    window.show()
    for i, key in ((0, "02-dashboard"), (1, "03-associations"), (3, "05-action-plans")):
        window.nav.setCurrentRow(i)
        save(window, out, key, 800)
    editor = window.open_association(queries.associations(site, site="SRP", limit=1)[0]["id"])
    editor.resize(900, 700)
    save(editor, out, "04-association-editor", 800)
    editor.close()
    exported = actions.export_now(site)
    window.nav.setCurrentRow(5)
    window.outbox.refresh()
    window.refresh_status()
    save(window, out, "06-outbox", 800)
    for reason in ("scheduled", "manual"):  # as a day's work leaves them
        backup_service.make(site, reason)
    backups = window.show_backups()
    save(backups, out, "07-backups", 800)
    backups.close()
    window.nav.setCurrentRow(7)
    save(window, out, "08-settings", 800)
    window.close()

    mi = site_workspace(folder, "HUE", "hq")
    mi_window = MainWindow(mi)
    mi_window.resize(*SIZE)
    mi_window.show()
    wait(500)
    dialog = mi_window.import_bundles([exported.result.path])
    dialog.resize(900, 560)
    save(dialog, out, "09-mi-import", 1500)
    dialog.close()
    mi_window.nav.setCurrentRow(6)
    save(mi_window, out, "10-mi-conflicts", 800)
    mi_window.close()
    for w in (window, mi_window):
        w.runner.shutdown()
    site.close()
    mi.close()
    app.quit()


if __name__ == "__main__":
    main()
