"""Keyboard users reach every field in reading order with Tab and never get stuck in a text box."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from c4m_desktop.services import action_plans, associations, business_plans
from c4m_desktop.ui.main_window import MainWindow


def tab_walk(qtbot, start, steps: int) -> list:
    start.setFocus()
    seen = [QApplication.focusWidget()]
    for _ in range(steps):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    return seen


def assert_fields_in_order(qtbot, editor) -> None:
    inputs = [f.input for f in editor.form.fields.values() if f.input.isEnabled() and f.input.isVisible()]
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    seen = tab_walk(qtbot, inputs[0], 60)
    positions = [seen.index(w) for w in inputs]  # ValueError: a field Tab never reaches
    assert positions == sorted(positions), [w.objectName() for w in sorted(inputs, key=seen.index)]
    save = editor.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Save)
    assert save in seen, "Save is reachable with Tab"


def test_tab_visits_every_editor_field_in_reading_order(qtbot, ws):
    a = associations.create(ws, values={"site_code": "HUE", "name_en": "Phuoc Tich Pottery Group",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Pottery plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    ap = action_plans.create(ws, values={"site_code": "HUE", "scope": "site", "owner": "Lan", "title": "Hue 2026",
                                         "status": "active"}).record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    for editor in (window.open_association(a.id), window.open_plan(plan.id), window.open_action_plan(ap.id)):
        qtbot.waitUntil(editor.isEnabled)
        assert_fields_in_order(qtbot, editor)
        editor.close()


def test_tab_leaves_a_business_plan_section_instead_of_typing_a_tab(qtbot, ws):
    a = associations.create(ws, values={"site_code": "LPB", "name_en": "Ban Phanom Weavers",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Weaving plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    editor = window.open_plan(plan.id)
    qtbot.waitUntil(editor.isEnabled)
    editor.activateWindow()
    qtbot.waitUntil(editor.isActiveWindow)
    section = editor.section_edits["executive_summary"]
    seen = tab_walk(qtbot, section, 1)
    assert seen[1] is not section and section.toPlainText() == ""
    editor.close()
