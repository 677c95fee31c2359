"""The list pages' "Export to Excel…" button: the rows, filters, sort and columns the list shows."""

from __future__ import annotations

import csv
from datetime import date

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QPushButton

from c4m_desktop import i18n
from c4m_desktop.services import demo, table_export
from c4m_desktop.ui import action_plan_list, association_list, ipr_list, plan_list
from c4m_desktop.ui.association_list import AssociationListPage
from c4m_desktop.ui.list_page import EXPORT_TABLES
from c4m_desktop.ui.ops import OpRunner


@pytest.fixture
def runner(qtbot):
    r = OpRunner()
    yield r
    r.shutdown()


@pytest.mark.parametrize("module, key", [(association_list, "associations"), (plan_list, "business_plans"),
                                         (action_plan_list, "action_plans"), (ipr_list, "ipr")])
def test_export_columns_are_the_list_columns(module, key):
    exported = table_export.TABLES[EXPORT_TABLES[key]].columns
    assert [(c.key, c.header) for c in exported] == [(c.key, c.header) for c in module.COLUMNS]


def test_button_exports_what_the_list_shows_in_the_ui_language(qtbot, ws, runner, tmp_path, monkeypatch):
    demo.generate(ws, associations=40, seed=3, today=date(2026, 11, 23))
    i18n.set_language("km")
    try:
        page = AssociationListPage(ws, runner)
        qtbot.addWidget(page)
        page.show()
        page.site.setCurrentIndex(page.site.findData("BGN"))
        page.model.sort(1, Qt.SortOrder.DescendingOrder)  # by name, Z to A
        district = next(i for i, c in enumerate(page.model.columns) if c.key == "district")
        page.table.setColumnHidden(district, True)
        qtbot.waitUntil(lambda: not runner.busy and {r["site_code"] for r in page.model.rows} == {"BGN"})

        button = page.export_button
        assert button is not None and button.shortcut().toString() == "Alt+X"
        assert sum(b.shortcut() == button.shortcut() for b in page.findChildren(QPushButton)) == 1

        target = tmp_path / "out" / "bagan"
        target.parent.mkdir()
        monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), a[3].split(";;")[0]))
        shown: list[str] = []
        monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda: bool(shown))
        assert button.isEnabled()
    finally:
        i18n.set_language("en")

    saved = target.with_suffix(".xlsx")
    assert str(saved) in shown[0]
    rows = list(openpyxl.load_workbook(saved).active.iter_rows(values_only=True))
    visible = [c.key for c in page.model.columns if c.key != "district"]
    assert rows[0] == tuple(table_export.header_labels("associations", "km", visible))
    assert "District" not in rows[0] and i18n.translator("km").gettext("District") not in rows[0]
    names = [r[1] for r in rows[1:]]
    assert names == [r["name_en"] for r in page.model.rows] == sorted(names, reverse=True)
    assert [r[2] for r in rows[1:]] == [r["name_local"] for r in page.model.rows]  # Burmese, unchanged
    assert len(rows) - 1 == len(page.model.rows) > 0


def test_csv_choice_and_cancel(qtbot, ws, runner, tmp_path, monkeypatch):
    demo.generate(ws, associations=10, seed=3, today=date(2026, 11, 23))
    page = AssociationListPage(ws, runner)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not runner.busy and page.model.rowCount() == 10)
    jobs: list[int] = []
    real_run = runner.run
    monkeypatch.setattr(runner, "run", lambda *a, **k: jobs.append(1) or real_run(*a, **k))

    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    page.export_table()
    assert jobs == []  # cancelled: nothing written, nothing queued

    target = tmp_path / "all"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), a[3].split(";;")[1]))
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: shown.append(text))
    page.export_table()
    qtbot.waitUntil(lambda: bool(shown))
    saved = target.with_suffix(".csv")
    assert shown == [f"Saved 10 rows to {saved}."]
    assert saved.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(saved, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    assert [r[2] for r in rows[1:]] == [r["name_local"] or "" for r in page.model.rows]


def test_a_failed_export_says_why(qtbot, ws, runner, tmp_path, monkeypatch):
    page = AssociationListPage(ws, runner)
    qtbot.addWidget(page)
    qtbot.waitUntil(lambda: not runner.busy)
    monkeypatch.setattr(QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(tmp_path / "missing" / "x.xlsx"), ""))
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text, *a, **k: warned.append(text))
    page.export_table()
    qtbot.waitUntil(lambda: bool(warned))
    assert warned[0].startswith("Cannot write") and page.export_button.isEnabled()
