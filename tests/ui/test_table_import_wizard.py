"""The spreadsheet import wizard, walked with the keyboard only; cancelling the import writes nothing."""

from __future__ import annotations

import hashlib

from kobo_files import FIELD_HEADERS, GOOD, write_kobo_xlsx
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QProgressDialog, QPushButton
from sqlalchemy import func, select
from test_translated_ui import english_left
from test_translated_ui import khmer as khmer_ui

from c4m_desktop.services import backups
from c4m_desktop.store.models import Association
from c4m_desktop.ui.main_window import MainWindow


def live(ws) -> int:
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(Association).where(Association.deleted.is_(False)))


def open_wizard(qtbot, ws):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: not window.runner.busy)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is not None or _wizard(window) is not None)
    return window, _wizard(window)


def _wizard(window):
    from c4m_desktop.ui.table_import_wizard import TableImportWizard

    found = window.findChildren(TableImportWizard)
    return found[0] if found else None


def press_enter(qtbot, wizard) -> None:
    qtbot.keyClick(QApplication.focusWidget() or wizard, Qt.Key.Key_Return)


def test_walk_the_wizard_with_the_keyboard(qtbot, ws, tmp_path):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    window, wizard = open_wizard(qtbot, ws)
    page = wizard.file_page
    qtbot.waitUntil(lambda: page.path.hasFocus() or wizard.isActiveWindow())
    page.path.setFocus()
    qtbot.keyClicks(page.path, str(path))
    qtbot.keyClick(page.path, Qt.Key.Key_Tab)  # leaving the field reads the file
    qtbot.waitUntil(lambda: page.isComplete())
    assert [page.sheet.itemText(i) for i in range(page.sheet.count())] == ["Creative groups baseline", "members"]
    assert page.status.text() == "16 columns found."
    press_enter(qtbot, wizard)

    columns = wizard.columns_page
    qtbot.waitUntil(lambda: wizard.currentPage() is columns)
    chosen = {columns.table.item(r, 0).text(): columns.table.cellWidget(r, 2).currentData()
              for r in range(columns.table.rowCount())}
    assert chosen["Name of the group"] == "name_en" and chosen["_uuid"] == "_uuid" and chosen["start"] is None
    press_enter(qtbot, wizard)

    values = wizard.currentPage()
    qtbot.waitUntil(lambda: values.isComplete())
    assert values.table.rowCount() == 1 and values.table.item(0, 1).text() == "Astrology"
    combo: QComboBox = values.table.cellWidget(0, 2)
    combo.setFocus()
    qtbot.keyClicks(combo, "Other")  # keyboard search in the list of sectors
    assert combo.currentData() == "other"
    press_enter(qtbot, wizard)

    preview = wizard.currentPage()
    qtbot.waitUntil(lambda: preview.isComplete())
    assert preview.counts.text() == ("11 rows read: 5 new, 0 to update, 0 unchanged, 2 duplicates, "
                                     "1 close to a record here, 3 rejected.")
    (near,) = preview.decisions.values()
    near.setFocus()
    qtbot.keyClick(near, Qt.Key.Key_Down)  # Skip → Merge into the record here
    assert near.currentData() == "merge"
    press_enter(qtbot, wizard)  # the commit button: Import
    qtbot.waitUntil(lambda: wizard.result is not None)
    done = wizard.currentPage()
    # merged into the group made from row 3, which already had every value the near row brings
    assert done.summary.text() == ("Read 11 rows: 5 imported, 0 updated, 3 rejected, 3 skipped "
                                   "(duplicates or unchanged).")
    assert live(ws) == 5
    assert [b.reason for b in backups.list_backups(backups.folder_of(ws))] == ["before-import"]
    qtbot.waitUntil(lambda: window.associations.model.rowCount() == 5)  # the lists show the new records
    press_enter(qtbot, wizard)  # Finish
    qtbot.waitUntil(lambda: not wizard.isVisible())


def test_cancelling_the_import_writes_nothing(qtbot, ws, tmp_path):
    many = [(r[0], f"{hashlib.sha1(str(n).encode()).hexdigest()[:12]} weavers", "", *r[3:10], f"c-{n}")
            for n in range(3000) for r in GOOD[:1]]
    path = write_kobo_xlsx(tmp_path / "many.xlsx", many, members=[])
    window, wizard = open_wizard(qtbot, ws)
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.file_page.isComplete())
    wizard.next()
    wizard.next()
    qtbot.waitUntil(lambda: wizard.currentPage().isComplete())
    wizard.next()
    preview = wizard.currentPage()
    qtbot.waitUntil(lambda: preview.isComplete(), timeout=30_000)
    preview.validatePage()  # what the Import button does: the import starts behind a progress dialog
    dialog = preview.progress.dialog
    assert isinstance(dialog, QProgressDialog) and dialog.windowTitle() == "Importing…"
    dialog.findChild(QPushButton).click()  # the person presses Cancel while the rows are being written
    qtbot.waitUntil(lambda: preview.progress is None, timeout=30_000)
    assert preview.counts.text() == "The import was cancelled; nothing was written."
    assert wizard.result is None and live(ws) == 0


khmer = khmer_ui  # the fixture, under the name the test asks for


def test_every_step_of_the_wizard_is_in_khmer(qtbot, ws, tmp_path, khmer):
    # Field-name headers and coded values, so that no cell of the file is itself an English message.
    coded = [("SRP", "Puok Silk Weavers", "ក្រុមត្បាញសូត្រពួក", "artisan_group", "crafts", "Puok", "Kok Doung", 20,
              15, "+855 12 345 678", "u-1"),
             ("SRP", "Puok silk weavers (Kok Doung)", "", "artisan_group", "Astrology", "", "", 4, 9, "1", "u-2")]
    path = write_kobo_xlsx(tmp_path / "coded.xlsx", coded, headers=FIELD_HEADERS, members=[])
    window, wizard = open_wizard(qtbot, ws)
    wizard.open_file(path)
    qtbot.waitUntil(lambda: wizard.file_page.isComplete())
    problems = english_left(wizard, khmer)
    for _step in range(3):
        wizard.next()
        qtbot.waitUntil(lambda: wizard.currentPage().isComplete())
        problems += english_left(wizard, khmer)
    wizard.currentPage().validatePage()
    qtbot.waitUntil(lambda: wizard.result is not None)
    problems += english_left(wizard, khmer)
    assert problems == [], "\n".join(problems)
