"""Local digits and Zawgyi Burmese typed into the real editors."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication

from c4m_desktop.services import associations, business_plans
from c4m_desktop.ui.forms import Field, FieldForm
from c4m_desktop.ui.main_window import MainWindow
from c4m_desktop.ui.plan_grid import FinancialGrid
from c4m_desktop.ui.zawgyi_notice import ZawgyiNotice

ZAWGYI = "ျမင္းကပါး ယြန္းထည္"  # "Myinkaba lacquerware" typed with a Zawgyi keyboard
UNICODE = "မြင်းကပါး ယွန်းထည်"


@pytest.fixture
def window(qtbot, ws):
    w = MainWindow(ws)
    qtbot.addWidget(w)
    with qtbot.waitActive(w):
        w.show()
        w.activateWindow()
    qtbot.waitUntil(lambda: not w.runner.busy)
    return w


def commit(widget, text: str) -> None:
    """Type ``text`` as an input method (a Khmer or Burmese keyboard) commits it."""
    widget.setFocus()
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


def new_editor(qtbot, window):
    editor = window.open_association(None)
    qtbot.waitUntil(editor.isActiveWindow)
    return editor


def test_khmer_digits_typed_into_an_editor_are_saved_as_numbers(qtbot, window, ws):
    editor = new_editor(qtbot, window)
    fields = editor.form.fields
    commit(fields["name_en"].input, "Puok Silk Weavers")
    commit(fields["members_total"].input, "២៤")  # 24
    commit(fields["members_women"].input, "2០")  # 20, ASCII and Khmer mixed
    commit(fields["year_founded"].input, "២០១៩")  # 2019
    assert fields["members_total"].input.text() == "២៤"  # shown as typed
    assert not fields["members_total"].problem.isVisible()
    qtbot.keyClick(fields["name_en"].input, Qt.Key.Key_S, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: editor.row_id is not None and not window.runner.busy)
    rec = associations.get(ws, row_id=editor.row_id).record
    assert (rec.members_total, rec.members_women, rec.year_founded) == (24, 20, 2019)


def test_myanmar_digits_in_a_money_cell(qtbot):
    grid = FinancialGrid()
    qtbot.addWidget(grid)
    grid.set_plan(2026, 3, "MMK", [])
    row = grid.add_line("revenue", "Lacquer bowls")
    grid.item(row, 2).setText("၂၅၀,၀၀၀")  # 250,000 kyat
    grid.item(row, 3).setText("๑,๒๕๐")  # Thai digits in the same grid
    assert not grid.problems
    assert sorted((x.year, x.amount_minor) for x in grid.lines()) == [(2026, 250000), (2027, 1250)]


def test_zawgyi_notice_appears_and_converts_only_on_click(qtbot, window):
    editor = new_editor(qtbot, window)
    field = editor.form.fields["name_local"]
    notice = field.zawgyi
    assert notice is not None and not notice.isVisible()
    commit(field.input, ZAWGYI)
    assert notice.isVisible()
    assert field.value() == ZAWGYI  # nothing changed by itself
    assert notice.button.text() == "Convert to Unicode"

    qtbot.mouseClick(notice.button, Qt.MouseButton.LeftButton)
    assert field.value() == UNICODE
    assert not notice.isVisible()
    assert editor.windowTitle().startswith("* ")  # an edit like any other, saved with the record
    field.input.undo()  # and taken back with Ctrl+Z
    assert field.value() == ZAWGYI and notice.isVisible()


def test_unicode_burmese_and_numbers_get_no_notice(qtbot, window):
    editor = new_editor(qtbot, window)
    field = editor.form.fields["name_local"]
    commit(field.input, UNICODE + " ပုဂံ")
    assert not field.zawgyi.isVisible()
    assert editor.form.fields["members_total"].zawgyi is None  # numeric fields are not text


def test_zawgyi_notice_in_a_multiline_field(qtbot):
    form = FieldForm([Field("notes", "Notes", "multiline")])
    qtbot.addWidget(form)
    form.show()
    notes = form.fields["notes"]
    notes.set_value(ZAWGYI)  # a record loaded with Zawgyi text shows the notice too
    assert notes.zawgyi.isVisible() and notes.value() == ZAWGYI
    notes.zawgyi.button.click()
    assert notes.value() == UNICODE and not notes.zawgyi.isVisible()


def test_zawgyi_notice_under_a_business_plan_section(qtbot, window):
    ws = window.ws
    a = associations.create(ws, values={"site_code": "BGN", "name_en": "Myinkaba Lacquer",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Lacquer plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    editor = window.open_plan(plan.id)
    qtbot.waitUntil(editor.isEnabled)
    editor.section_list.setCurrentRow(3)
    market = editor.section_edits["market"]
    notice = market.parent().findChild(ZawgyiNotice)
    commit(market, ZAWGYI)
    assert notice.isVisible() and market.toPlainText() == ZAWGYI
    notice.button.click()
    assert market.toPlainText() == UNICODE and not notice.isVisible()
