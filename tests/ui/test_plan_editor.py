"""Business plan editor: sections, typed financial lines, live figures, one save."""

from __future__ import annotations

from PySide6.QtCore import Qt

from c4m_desktop.services import associations, business_plans
from c4m_desktop.ui.main_window import MainWindow
from c4m_desktop.ui.plan_editor import SUMMARY


def add_line(qtbot, editor, kind, label, amounts):
    editor.new_kind.setCurrentIndex(editor.new_kind.findData(kind))
    editor.new_label.setFocus()
    qtbot.keyClicks(editor.new_label, label)
    qtbot.keyClick(editor.new_label, Qt.Key.Key_Return)
    row = editor.grid.rowCount() - 1
    for i, amount in enumerate(amounts):
        if amount is not None:
            editor.grid.item(row, 2 + i).setText(amount)  # what the cell editor commits on Enter


def summary(editor, key, col):
    row = [k for k, _l in SUMMARY].index(key)
    return editor.summary.item(row, col).text()


def test_typed_lines_update_totals_and_break_even_then_save(qtbot, window, ws):
    a = associations.create(ws, values={"site_code": "AYU", "name_en": "Tha Chang Knife Group",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Knife plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    editor = window.open_plan(plan.id)
    qtbot.waitUntil(editor.isEnabled)
    assert editor.form.fields["currency"].value() == "THB"
    assert editor.break_even.text() == "Break-even year: not within the plan"

    add_line(qtbot, editor, "revenue", "Knife sales", ["100000", "150000", "200000"])
    add_line(qtbot, editor, "cost_of_sales", "Steel and wood", ["60000", "70000", "80000"])
    add_line(qtbot, editor, "operating_expense", "Stall rent", ["50000", "50000", "50000"])
    assert summary(editor, "gross_margin", 0) == "THB40,000.00"
    assert summary(editor, "net_result", 0) == "-THB10,000.00"
    assert summary(editor, "revenue", 3) == "THB450,000.00"  # total column
    assert editor.break_even.text() == "Break-even year: 2027"

    editor.grid.item(0, 2).setText("12.345")  # THB has two decimals
    assert "marked in red" in editor.problem.text()
    editor.grid.item(0, 2).setText("100000")

    editor.section_list.setCurrentRow(3)
    qtbot.keyClicks(editor.section_edits["market"], "Visitors to Ayutthaya and Bangkok knife shops")
    assert editor.section_list.item(3).text().startswith("✓")
    assert editor.windowTitle().startswith("* ")
    qtbot.waitUntil(editor.isActiveWindow)
    qtbot.keyClick(editor.grid, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not editor.dirty and not window.runner.busy)

    figures = business_plans.figures(ws, plan_id=plan.id)
    assert [y.net_result for y in figures.years] == [-1_000_000, 3_000_000, 7_000_000]
    assert figures.break_even_year == 2027
    assert business_plans.sections(ws, plan_id=plan.id)["market"].startswith("Visitors to Ayutthaya")
    assert editor.chart.series is not None and editor.chart.series.count() == 2


def test_plan_draft_survives_a_killed_app(qtbot, ws, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from c4m_desktop.services import drafts
    from c4m_desktop.ui.plan_editor import PlanEditor

    a = associations.create(ws, values={"site_code": "LPB", "name_en": "Ban Xang Khong Saa Paper Group",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Paper plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    first = MainWindow(ws)
    editor = first.open_plan(plan.id)
    qtbot.waitUntil(editor.isEnabled)
    add_line(qtbot, editor, "revenue", "Lantern sales", ["2500000", None, None])
    qtbot.keyClicks(editor.section_edits["executive_summary"], "Saa paper lanterns for hotels")
    qtbot.waitUntil(lambda: drafts.load(ws, kind="business_plan", row_id=plan.id) is not None, timeout=3000)
    first.runner.shutdown()  # killed: nothing saved
    first.deleteLater()

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    second = MainWindow(ws)
    qtbot.addWidget(second)
    assert second.recover_drafts() == 1
    restored = second.findChildren(PlanEditor)[0]
    qtbot.waitUntil(lambda: restored.recovered.isVisible())
    assert restored.section_edits["executive_summary"].toPlainText() == "Saa paper lanterns for hotels"
    assert [(x.label, x.amount_minor) for x in restored.grid.lines()] == [("Lantern sales", 2500000)]  # LAK: no decimals
    assert restored.dirty
    assert business_plans.detail(ws, plan_id=plan.id).lines == []  # Enter in the line name did not save
