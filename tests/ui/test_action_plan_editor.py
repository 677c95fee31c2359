"""Action plans: type an activity, save, report progress, see it on the timeline."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from c4m_desktop.services import action_plans, queries, records
from c4m_desktop.ui.action_plan_editor import ActionPlanEditor


def set_cell(editor, row, col, text):
    editor.table.item(row, col).setText(text)  # what the cell editor commits


def test_activity_progress_and_timeline(qtbot, window, ws, tmp_path):
    window.new_action_plan()
    qtbot.waitUntil(lambda: any(e.isEnabled() for e in window.findChildren(ActionPlanEditor)))
    editor = window.findChildren(ActionPlanEditor)[0]
    assert editor.form.fields["owner"].input.text() == "Sokha"

    qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
    for col, text in enumerate(["Craft fair stall", "Dara", "2026-01-10", "2026-01-05"]):
        set_cell(editor, 0, col, text)
    assert "The due date cannot be before the start date." in editor.problem.text()
    set_cell(editor, 0, 3, "2026-02-28")
    set_cell(editor, 0, 7, "0")
    set_cell(editor, 0, 8, "40")
    assert editor.problem.text() == ""
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.table, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.table.item(0, 0).data(Qt.ItemDataRole.UserRole) is not None)
    activity_id = editor.table.item(0, 0).data(Qt.ItemDataRole.UserRole)

    editor.table.setCurrentCell(0, 0)
    dialog = editor.add_progress()
    dialog.form.fields["report_date"].input.setText("2026-02-20")
    qtbot.keyClicks(dialog.form.fields["percent_complete"].input, "60")
    qtbot.keyClicks(dialog.form.fields["actual_value"].input, "24")
    dialog.form.fields["status"].input.setCurrentIndex(dialog.form.fields["status"].input.findData("in_progress"))
    qtbot.keyClicks(dialog.form.fields["narrative"].input, "Stall ready, 24 artisans signed up")
    photo = tmp_path / "stall.jpg"
    photo.write_bytes(b"\xff\xd8 stall")
    dialog.add_files([photo])
    qtbot.mouseClick(dialog.buttons.button(dialog.buttons.StandardButton.Save), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: editor.table.item(0, editor.table.columnCount() - 1).text() == "60%")

    updates = action_plans.progress(ws, activity_id=activity_id)
    assert [(u.percent_complete, u.actual_value) for u in updates] == [(60.0, 24.0)]
    assert len(records.children(ws, kind="attachment", fk="entity_id", parent_id=updates[0].id)) == 1
    gantt = editor.gantt
    assert [r.record.title for r in gantt.rows] == ["Craft fair stall"] and gantt.rows[0].percent == 60.0
    overdue = date.today() > date(2026, 2, 28)
    assert (gantt.rows[0] in gantt.overdue) == overdue
    assert [p["overdue"] for p in queries.action_plans(ws)] == [1 if overdue else 0]
    # The dashboard redraws from the new update: 24 of a target of 40.
    qtbot.waitUntil(lambda: (window.dashboard.data or None) is not None
                    and window.dashboard.data.achievement_by_site.get("SRP") == 60.0)
    assert window.dashboard.data.activities_by_site_status["SRP"] == {"in_progress": 1}


def test_removing_an_activity_asks_first(qtbot, window, ws, monkeypatch):
    window.new_action_plan()
    qtbot.waitUntil(lambda: any(e.isEnabled() for e in window.findChildren(ActionPlanEditor)))
    editor = window.findChildren(ActionPlanEditor)[0]
    editor.add_activity()
    set_cell(editor, 0, 0, "Workshop")
    asked = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a) or QMessageBox.StandardButton.No)
    editor.table.setCurrentCell(0, 0)
    editor.remove_activity()
    assert asked and editor.table.rowCount() == 1
