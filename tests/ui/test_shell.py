"""The GUI shell: first-run dialog, main window, navigation and status bar."""

from __future__ import annotations

import threading

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from c4m_desktop.services import device
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.ui.first_run import FirstRunDialog
from c4m_desktop.ui.main_window import PAGES, MainWindow


def test_first_run_creates_device_record(qtbot, tmp_path):
    ws = Workspace.open(tmp_path / "c4m.sqlite")
    dialog = FirstRunDialog(ws)
    qtbot.addWidget(dialog)
    dialog.site.setCurrentIndex(dialog.site.findData("LPB"))
    assert dialog.language.currentData() == "lo"  # follows the site
    qtbot.keyClicks(dialog.coordinator, "Khamla")
    qtbot.keyClicks(dialog.mi_email, "c4m@mekonginstitute.org")
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Ok), Qt.MouseButton.LeftButton)
    assert dialog.result() == dialog.DialogCode.Accepted
    info = device.current(ws)
    assert (info.site_code, info.coordinator, info.language, info.mi_email) == (
        "LPB", "Khamla", "lo", "c4m@mekonginstitute.org")
    ws.close()


def test_first_run_shows_problems_and_writes_nothing(qtbot, tmp_path):
    ws = Workspace.open(tmp_path / "c4m.sqlite")
    dialog = FirstRunDialog(ws)
    qtbot.addWidget(dialog)
    qtbot.keyClicks(dialog.mi_email, "not-an-address")
    dialog.accept()
    assert "Coordinator name: This field is required." in dialog.error.text()
    assert "MI e-mail address: not-an-address is not a valid e-mail address." in dialog.error.text()
    assert device.current(ws) is None
    ws.close()


def test_main_window_navigation_and_status(qtbot, ws):
    window = MainWindow(ws)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    assert window.nav.count() == len(PAGES)
    assert window.site_label.text() == "Siem Reap (SRP)"
    assert window.outbox_label.text() == "0 exports waiting"
    assert window.network_label.text() in {"Online", "Offline"}
    qtbot.keyClick(window.nav, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.pages.currentWidget().objectName() == "business_plans"


def test_delete_key_in_a_list_asks_then_removes_the_record_and_its_children(qtbot, ws, monkeypatch):
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from c4m_desktop.services import associations, business_plans, queries

    a = associations.create(ws, values={"site_code": "BGN", "name_en": "Myinkaba Lacquer Group",
                                        "kind": "artisan_group"}).record.record
    business_plans.create(ws, values={"association_id": a.id, "title": "Lacquer plan", "start_year": 2026,
                                      "horizon_years": 3})
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    window.nav.setCurrentRow(1)
    page = window.associations
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and not window.runner.busy)
    page.table.setFocus()
    page.table.setCurrentIndex(page.model.index(0, 1))
    asked = []

    def answer(button):
        return lambda parent, title, text, *a, **k: (asked.append(text), button)[1]

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Cancel))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert "Myinkaba Lacquer Group" in asked[0]
    assert queries.associations(ws)[0]["id"] == a.id  # cancelled: still there

    monkeypatch.setattr(QMessageBox, "question", answer(QMessageBox.StandardButton.Yes))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    qtbot.waitUntil(lambda: page.model.rowCount() == 0 and window.plans.model.rowCount() == 0)
    assert queries.associations(ws) == [] and queries.business_plans(ws) == []


def test_closing_an_editor_before_its_data_arrives_is_harmless(qtbot, ws):
    from c4m_desktop.services import associations, business_plans

    a = associations.create(ws, values={"site_code": "SRP", "name_en": "Kbal Spean Carvers",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Carving plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    slow = threading.Event()
    window.runner.run(slow.wait)  # the worker is busy, so the editor's loads wait behind this
    for _ in range(3):
        window.open_plan(plan.id).close()
        window.open_association(a.id).close()
    QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)  # the closed editors are gone now
    slow.set()
    qtbot.waitUntil(lambda: not window.runner.busy)  # their results arrive to nobody, without errors


def test_a_missing_script_font_is_named_in_the_status_bar(qtbot, ws, monkeypatch):
    from PySide6.QtGui import QFontDatabase

    from c4m_desktop import i18n

    real = QFontDatabase.families
    monkeypatch.setattr(QFontDatabase, "families", lambda system=QFontDatabase.WritingSystem.Any:
                        [] if system == QFontDatabase.WritingSystem.Khmer else real(system))
    i18n.set_language("km")
    try:
        window = MainWindow(ws)
        qtbot.addWidget(window)
        shown = window.statusBar().currentMessage()
        assert "fonts-noto-core" in shown and "No Khmer font is installed" in shown  # readable without the font
    finally:
        i18n.set_language("en")
    english = MainWindow(ws)
    qtbot.addWidget(english)
    assert english.statusBar().currentMessage() == ""  # Latin always has a font
