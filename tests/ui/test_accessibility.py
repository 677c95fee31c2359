"""Every input a person can reach has an accessible name (screen readers, UI automation)."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from c4m_desktop.services import action_plans, associations, business_plans
from c4m_desktop.ui.main_window import MainWindow

INPUTS = (QLineEdit, QComboBox, QPlainTextEdit, QAbstractItemView, QAbstractButton)


def ancestors(w: QWidget):
    p = w.parentWidget()
    while p is not None:
        yield p
        p = p.parentWidget()


def unnamed(root: QWidget) -> list[str]:
    out = []
    for w in root.findChildren(QWidget):
        if isinstance(w, INPUTS) and w.focusPolicy() != w.focusPolicy().NoFocus and not w.accessibleName():
            # Qt's own sub-widgets (tab bar scroll arrows, the line edit inside a combo box,
            # dialog button box buttons) take their names from their text or owner.
            if isinstance(w, QAbstractButton) and w.text():
                continue
            if any(isinstance(a, QComboBox | QAbstractItemView) for a in ancestors(w)):
                continue  # a combo box's popup list or an item view's cell editor
            if w.objectName().startswith("qt_"):
                continue
            out.append(f"{type(w).__name__} {w.objectName()!r} in {type(w.window()).__name__}")
    return out


def test_main_window_and_editors_name_every_input(qtbot, ws):
    a = associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Group",
                                        "kind": "artisan_group"}).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Plan", "start_year": 2026,
                                             "horizon_years": 3}).record
    ap = action_plans.create(ws, values={"site_code": "SRP", "scope": "site", "owner": "Sokha", "title": "AP",
                                         "status": "active"}).record
    window = MainWindow(ws)
    qtbot.addWidget(window)
    editors = [window.open_association(a.id), window.open_plan(plan.id), window.open_action_plan(ap.id)]
    qtbot.waitUntil(lambda: all(e.isEnabled() for e in editors))
    problems = unnamed(window) + [p for e in editors for p in unnamed(e)]
    assert problems == [], "\n".join(sorted(set(problems)))
