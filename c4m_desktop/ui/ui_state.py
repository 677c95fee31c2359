"""Remembered look of the window: column order, widths and hidden columns of every list.

Kept in ``ui.ini`` beside the database (plain Qt settings), so each data folder remembers its
own, and tests never touch a real user's settings.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QHeaderView, QMenu, QTableView

from ..i18n import _
from ..services.workspace import Workspace


def ui_settings(ws: Workspace) -> QSettings:
    return QSettings(str(ws.files_dir.parent / "ui.ini"), QSettings.Format.IniFormat)


def remember_columns(table: QTableView, settings: QSettings, key: str) -> Callable[[], QMenu]:
    """Restore a table's saved header state and save it again on every change.

    The header's context menu lets a person choose which columns are shown; the returned
    function makes the same menu for a button (the keyboard path).
    """
    header = table.horizontalHeader()
    state = settings.value(f"lists/{key}/header")
    if state is not None:
        header.restoreState(state)

    def save(*_args) -> None:
        settings.setValue(f"lists/{key}/header", header.saveState())
        settings.sync()

    header.sectionResized.connect(save)
    header.sectionMoved.connect(save)
    header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
    header.customContextMenuRequested.connect(lambda pos: _column_menu(header, save).exec(header.mapToGlobal(pos)))
    return lambda: _column_menu(header, save)


def _column_menu(header: QHeaderView, save) -> QMenu:
    menu = QMenu(header)
    menu.setAccessibleName(_("Columns shown"))
    model = header.model()
    for col in range(model.columnCount()):
        action = QAction(str(model.headerData(col, header.orientation())), menu, checkable=True)
        action.setChecked(not header.isSectionHidden(col))

        def toggle(checked: bool, col: int = col) -> None:
            visible = [c for c in range(model.columnCount()) if not header.isSectionHidden(c)]
            if not checked and len(visible) <= 1:
                return  # never hide the last column
            header.setSectionHidden(col, not checked)
            save()

        action.toggled.connect(toggle)
        menu.addAction(action)
    return menu
