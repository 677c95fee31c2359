"""A coordinator's day with associations, driven through the real widgets."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import drafts, queries
from c4m_desktop.ui.association_editor import AssociationEditor
from c4m_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws):
    w = MainWindow(ws)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    qtbot.waitUntil(lambda: not w.runner.busy)
    return w


def type_into(qtbot, editor, name, text):
    widget = editor.form.fields[name].input
    widget.setFocus()
    if text.isascii():
        qtbot.keyClicks(widget, text)
    else:  # QTest can only synthesise Latin-1 keys; insert as an input method would
        widget.insert(text)


def test_create_find_edit_and_see_history(qtbot, window, ws):
    qtbot.keyClick(window.nav, Qt.Key.Key_N, Qt.KeyboardModifier.ControlModifier)
    editors = [e for e in window.findChildren(AssociationEditor) if e.isVisible()]
    assert len(editors) == 1
    editor = editors[0]
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor, "name_en", "Puok Silk Weaving Group")
    type_into(qtbot, editor, "name_local", "ក្រុមត្បាញសូត្រពួក")
    type_into(qtbot, editor, "members_total", "24")
    type_into(qtbot, editor, "members_women", "20")
    editor.sectors.item(0).setCheckState(Qt.CheckState.Checked)
    qtbot.keyClick(editor.form.fields["name_en"].input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.row_id is not None and not window.runner.busy)
    assert [r["name_en"] for r in queries.associations(ws)] == ["Puok Silk Weaving Group"]

    page = window.associations
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    qtbot.keyClicks(page.search, "silk")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1 and page.model.rows[0]["name_local"] == "ក្រុមត្បាញសូត្រពួក")

    editor.activateWindow()  # back from the list to the editor window
    qtbot.waitUntil(editor.isActiveWindow)
    members = editor.form.fields["members_total"].input
    members.selectAll()
    qtbot.keyClicks(members, "30")
    assert editor.windowTitle().startswith("* ")
    qtbot.keyClick(members, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.history.rowCount() == 2)
    newest = [editor.history.item(0, c).text() for c in range(4)]
    assert newest[1:] == ["Sokha", "Members in total", "24 → 30"]
    assert not editor.windowTitle().startswith("* ")


def test_invalid_email_is_shown_beside_the_field_and_nothing_is_written(qtbot, window, ws):
    editor = window.open_association(None)  # owned (and destroyed) by the window
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor, "name_en", "Tha Chang Knife Group")
    type_into(qtbot, editor, "email", "knives@tha-chang")
    problem = editor.form.fields["email"].problem
    assert problem.isVisible() and problem.text() == "knives@tha-chang is not a valid e-mail address."
    qtbot.keyClick(editor.form.fields["email"].input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.wait(50)
    qtbot.waitUntil(lambda: not window.runner.busy)
    assert queries.associations(ws) == [] and editor.row_id is None


def test_closing_with_unsaved_changes_asks_first(qtbot, window, monkeypatch):
    editor = window.open_association(None)  # owned (and destroyed) by the window
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor, "name_en", "Draft group")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(editor, Qt.Key.Key_Escape)
    assert asked and editor.isVisible()


def test_stars_only_where_the_programme_rates(qtbot, window):
    editor = window.open_association(None)  # owned (and destroyed) by the window
    site = editor.form.fields["site_code"].input
    stars = editor.form.fields["programme_stars"].input
    site.setCurrentIndex(site.findData("HUE"))
    assert stars.isVisible() and "OCOP" in editor.programme.text()
    site.setCurrentIndex(site.findData("SRP"))
    assert not stars.isVisible() and "does not rate" in editor.programme.text()


def test_a_killed_app_offers_the_draft_on_restart(qtbot, ws, monkeypatch):
    first = MainWindow(ws)
    editor = first.open_association(None)
    qtbot.waitUntil(editor.isActiveWindow)
    type_into(qtbot, editor, "name_en", "Ban Phanom Weaving Group")
    type_into(qtbot, editor, "members_total", "12")
    qtbot.waitUntil(lambda: any(d.values["name_en"] == "Ban Phanom Weaving Group"
                                for d in drafts.all_drafts(ws)), timeout=3000)
    # The app is killed: no close event, no prompt, nothing saved.
    first.runner.shutdown()
    first.deleteLater()
    assert queries.associations(ws) == []

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow(ws)
    qtbot.addWidget(second)
    assert second.recover_drafts() == 1
    restored = [e for e in second.findChildren(AssociationEditor) if e.isVisible()][0]
    assert restored.form.fields["name_en"].input.text() == "Ban Phanom Weaving Group"
    assert restored.form.fields["members_total"].input.text() == "12"
    assert restored.recovered.isVisible() and restored.dirty
    qtbot.waitUntil(restored.isActiveWindow)
    qtbot.keyClick(restored.form.fields["name_en"].input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: restored.row_id is not None and not second.runner.busy)
    assert [r["name_en"] for r in queries.associations(ws)] == ["Ban Phanom Weaving Group"]
    assert drafts.all_drafts(ws) == []
