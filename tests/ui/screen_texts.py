"""What a person sees on screen: every visible text of a window, and a small data set to show.

Shared by the translated-UI walk and the runtime language switch test.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from PySide6.QtCharts import QChartView
from PySide6.QtCore import QAbstractListModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from c4m_desktop.services import action_plans, associations, attachments, business_plans, records
from c4m_desktop.services.business_plans import LineEdit
from c4m_desktop.ui.main_window import MainWindow

# Texts made only of digits, punctuation or codes (SRP, KHR, KH-DIPR, 2026-03-02) are never translated.
UNTRANSLATABLE = re.compile(r"[\d\W_]*|[A-Z0-9][A-Z0-9_\-./]*")
MARKS = "✓○*⚠ "


def normalise(text: str) -> str:
    """Compare texts without accelerators, markup, closing colons or ellipses, or extra spaces."""
    text = text.replace("&&", "\0").replace("&", "").replace("\0", "&")
    return " ".join(text.split()).strip(MARKS).rstrip(":：៖…").strip()


def pieces(text: str) -> set[str]:
    """The whole text and the parts a widget joins with a dash, a colon, a line break or spaces."""
    text = re.sub(r"<[^>]+>", "", text)
    parts = {text, *re.split(r"\n|\s[—–]\s|\s{2,}|[:៖]\s|\s\(", text)}
    out = {normalise(re.sub(r"\s*\(\d+\)$", "", p)) for p in parts}
    return {p for p in out if p and not UNTRANSLATABLE.fullmatch(p)}


# --- the walk -----------------------------------------------------------------------------------
def shown_texts(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of root and its visible widgets: titles, labels, buttons, tabs,
    headers, cells, list and combo items, placeholders, charts, menus."""
    for w in (root, *root.findChildren(QWidget)):
        if not w.isVisible() or isinstance(w, QHeaderView):
            continue
        where = f"{type(w).__name__} {w.objectName() or w.accessibleName()!r} in {type(w.window()).__name__}"
        if w.isWindow():
            yield f"title of {where}", w.windowTitle()
        if isinstance(w, QLabel | QAbstractButton):
            yield where, w.text()
        if isinstance(w, QGroupBox):
            yield where, w.title()
        if isinstance(w, QLineEdit):
            yield f"placeholder of {where}", w.placeholderText()
        if isinstance(w, QTabWidget):
            for i in range(w.count()):
                yield f"tab of {where}", w.tabText(i)
        if isinstance(w, QComboBox):
            for i in range(w.count()):
                yield f"item of {where}", w.itemText(i)
        if isinstance(w, QAbstractItemView) and w.model() is not None:
            yield from _view_texts(w, where)
        if isinstance(w, QChartView):
            chart = w.chart()
            yield f"chart of {where}", chart.title()
            for series in chart.series():
                yield f"series of {where}", series.name()
                for bar in getattr(series, "barSets", list)():
                    yield f"bar set of {where}", bar.label()
            for axis in chart.axes():
                yield f"axis of {where}", axis.titleText()
        if isinstance(w, QMainWindow):
            for action in w.menuBar().actions():
                yield from _menu_texts(action.text(), action.menu(), where)


def _view_texts(view: QAbstractItemView, where: str) -> Iterator[tuple[str, str]]:
    model, top = view.model(), QModelIndex()
    rows = model.rowCount(top)
    cols = 1 if isinstance(model, QAbstractListModel) else model.columnCount(top)  # private in list models
    for orientation, header, count in (
            (Qt.Orientation.Horizontal, getattr(view, "horizontalHeader", None), cols),
            (Qt.Orientation.Vertical, getattr(view, "verticalHeader", None), rows)):
        if header is not None and header().isVisible():
            for section in range(count):
                if not header().isSectionHidden(section):
                    yield f"header of {where}", model.headerData(section, orientation)
    for row in range(min(rows, 100)):
        for col in range(cols):
            yield f"cell of {where}", model.index(row, col).data()


def _menu_texts(title: str, menu: QMenu | None, where: str) -> Iterator[tuple[str, str]]:
    yield f"menu of {where}", title
    for action in menu.actions() if menu else ():
        yield from _menu_texts(action.text(), action.menu(), where)


# --- the data -----------------------------------------------------------------------------------
def small_data_set(ws, tmp_path) -> dict[str, str]:
    a = associations.create(ws, values={
        "site_code": "SRP", "name_en": "Puok Silk Group", "name_local": "ក្រុមសូត្រពួក", "kind": "artisan_group",
        "legal_status": "registered", "village": "Kok Doung"}, sectors=["crafts"]).record.record
    associations.update(ws, row_id=a.id, changes={"district": "Puok", "members_total": 24, "members_women": 18})
    records.create(ws, kind="member", values={"association_id": a.id, "name": "Chan Sreymom", "kind": "artisan",
                                              "gender": "female", "birth_year": 1990})
    records.create(ws, kind="ipr_asset", values={"association_id": a.id, "title": "Puok silk mark",
                                                 "ipr_type": "trademark", "status": "filed", "office": "KH-DIPR",
                                                 "filing_date": date(2026, 3, 2)})
    photo = tmp_path / "loom.jpg"
    photo.write_bytes(b"\xff\xd8 loom")
    attachments.attach_many(ws, entity_table="association", entity_id=a.id, paths=[photo], caption="Loom")
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Silk scarves for hotels",
                                             "start_year": 2026, "horizon_years": 3}).record
    business_plans.save_editor(ws, plan_id=plan.id, changes={}, sections={"executive_summary": "Scarves."},
                               lines=[LineEdit(None, "revenue", "Scarf sales", 2026, 5_000_000),
                                      LineEdit(None, "cost_of_sales", "Raw silk", 2026, 2_000_000)])
    ap = action_plans.create(ws, values={"site_code": "SRP", "scope": "site", "owner": "Sokha",
                                         "title": "Puok weaving year", "status": "active",
                                         "period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}).record
    action_plans.save_editor(ws, plan_id=ap.id, changes={}, activities=[(None, {
        "title": "Dye workshop", "responsible": "Dara", "start_date": date(2026, 1, 10),
        "due_date": date(2026, 2, 28), "indicator": "Weavers trained", "unit": "people", "baseline": 0,
        "target": 20, "status": "in_progress"})])
    activity = action_plans.detail(ws, plan_id=ap.id).activities[0].record
    action_plans.add_progress(ws, values={"activity_id": activity.id, "report_date": date(2026, 2, 1),
                                          "percent_complete": 50, "actual_value": 10, "status": "in_progress",
                                          "reported_by": "Sokha"})
    return {"association": a.id, "plan": plan.id, "action_plan": ap.id}


def window_with_editors(qtbot, ws, tmp_path):
    """The main window over the small data set, loaded, with the three editors open on it."""
    ids = small_data_set(ws, tmp_path)
    window = MainWindow(ws)
    qtbot.addWidget(window)
    window.show()
    idle = lambda: not window.runner.busy  # noqa: E731
    qtbot.waitUntil(lambda: idle() and window.dashboard.data is not None and window.associations.model.rowCount())
    editors = [window.open_association(ids["association"]), window.open_plan(ids["plan"]),
               window.open_action_plan(ids["action_plan"])]
    qtbot.waitUntil(lambda: idle() and all(e.isEnabled() for e in editors))
    return window, editors, idle
