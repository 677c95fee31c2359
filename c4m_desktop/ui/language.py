"""Switch the UI language while the app runs: every open window is re-labelled in place.

Static texts (labels, buttons, menus, tabs, headers, items, titles, accessible names) are mapped
through ``i18n.relabel``; what is worked out from data (figures, dates, counts, charts) is drawn
again by its owner when it receives Qt's LanguageChange event, sent here to every window.
Typed input is never touched: a half-written edit survives a switch.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMenu,
    QPlainTextEdit,
    QTabBar,
    QTableWidget,
    QTextEdit,
    QTreeWidget,
    QWidget,
)

from .. import i18n
from ..i18n.relabel import Shown, TextMap
from . import qt_texts

DATA_PROPERTY = "c4m_data"  # set True on a label that shows a record's own text: never re-labelled
MEMO_PROPERTY = "c4m_shown"  # {slot: (text put there, message it shows)}


def switch_language(language: str) -> bool:
    """Make a language current and re-label every window; return False when it already was."""
    old = i18n.language()
    if language == old:
        return False
    i18n.set_language(language)
    qt_texts.follow_language(QCoreApplication.instance())
    texts = TextMap(old, language)
    windows = QApplication.topLevelWidgets()
    for window in windows:
        relabel_tree(window, texts)
    for window in windows:  # owners of worked-out texts redraw them (and Qt its standard buttons)
        QCoreApplication.sendEvent(window, QEvent(QEvent.Type.LanguageChange))
    return True


def relabel_tree(root: QWidget, texts: TextMap) -> None:
    """Re-label a widget, its children and their actions."""
    for obj in [root, *root.findChildren(QObject)]:
        if isinstance(obj, QWidget):
            _relabel_widget(_Slots(obj, texts), obj)
        elif isinstance(obj, QAction):
            slots = _Slots(obj, texts)
            for name in ("text", "toolTip", "statusTip"):
                slots.swap(name, getattr(obj, name), getattr(obj, "set" + name[0].upper() + name[1:]))


class _Slots:
    """The texts one object holds, each remembered with the message it was last shown as."""

    def __init__(self, holder: QObject, texts: TextMap):
        self.holder, self.texts = holder, texts
        self.memo: dict[str, tuple[str, Shown]] = holder.property(MEMO_PROPERTY) or {}

    def swap(self, slot: str, get: Callable[[], str], put: Callable[[str], None]) -> None:
        text = get()
        kept = self.memo.get(slot)
        shown = kept[1] if kept is not None and kept[0] == text else self.texts.read(text)
        if shown is None:
            return
        new = shown.render(self.texts.new)
        put(new)
        self.memo[slot] = (new, shown)
        self.holder.setProperty(MEMO_PROPERTY, self.memo)

    def item(self, slot: str, item) -> None:
        if item is not None:
            self.swap(slot, item.text, item.setText)
            self.swap(slot + ":tip", item.toolTip, item.setToolTip)


def _relabel_widget(slots: _Slots, w: QWidget) -> None:
    for name in ("windowTitle", "toolTip", "statusTip", "accessibleName", "accessibleDescription"):
        slots.swap(name, getattr(w, name), getattr(w, "set" + name[0].upper() + name[1:]))
    if w.property(DATA_PROPERTY):
        return
    if isinstance(w, QLabel) and w.textFormat() != Qt.TextFormat.RichText or isinstance(w, QAbstractButton):
        slots.swap("text", w.text, w.setText)
    elif isinstance(w, (QGroupBox, QMenu)):
        slots.swap("title", w.title, w.setTitle)
    elif isinstance(w, (QLineEdit, QPlainTextEdit, QTextEdit)):
        slots.swap("placeholder", w.placeholderText, w.setPlaceholderText)
    elif isinstance(w, QComboBox):
        for i in range(w.count()):
            slots.swap(f"item:{i}", lambda i=i: w.itemText(i), lambda t, i=i: w.setItemText(i, t))
    elif isinstance(w, QTabBar):
        for i in range(w.count()):
            slots.swap(f"tab:{i}", lambda i=i: w.tabText(i), lambda t, i=i: w.setTabText(i, t))
            slots.swap(f"tabtip:{i}", lambda i=i: w.tabToolTip(i), lambda t, i=i: w.setTabToolTip(i, t))
    elif isinstance(w, QAbstractItemView):
        _relabel_view(slots, w)


def _relabel_view(slots: _Slots, view: QAbstractItemView) -> None:
    if isinstance(view, QTableWidget):
        for c in range(view.columnCount()):
            slots.item(f"hh:{c}", view.horizontalHeaderItem(c))
        for r in range(view.rowCount()):
            slots.item(f"vh:{r}", view.verticalHeaderItem(r))
        read_only = view.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
        for r in range(view.rowCount()):
            for c in range(view.columnCount()):
                item = view.item(r, c)
                # An editable grid holds typed values; only its fixed cells are ours.
                if item is not None and (read_only or not item.flags() & Qt.ItemFlag.ItemIsEditable):
                    slots.item(f"cell:{r}:{c}", item)
    elif isinstance(view, QListWidget):
        for i in range(view.count()):
            slots.item(f"item:{i}", view.item(i))
    elif isinstance(view, QTreeWidget):
        items = [view.headerItem(), *(view.topLevelItem(i) for i in range(view.topLevelItemCount()))]
        for n, item in enumerate(items):
            for c in range(view.columnCount()):
                slots.swap(f"tree:{n}:{c}", lambda c=c, it=item: it.text(c), lambda t, c=c, it=item: it.setText(c, t))
    else:  # a model that translates as it is asked: ask again
        model = view.model()
        if model is not None and model.columnCount() and model.rowCount():
            model.dataChanged.emit(model.index(0, 0), model.index(model.rowCount() - 1, model.columnCount() - 1))
        if model is not None and model.columnCount():
            model.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, model.columnCount() - 1)


def language_menu(parent: QWidget, on_chosen: Callable[[str], None]) -> QMenu:
    """A menu with one checkable entry per language, each named in its own language."""
    menu = QMenu(i18n._("&Language"), parent)
    group = QActionGroup(menu)
    group.setExclusive(True)
    for code, name in i18n.LANGUAGES.items():
        action = QAction(name, menu, checkable=True)
        action.setData(code)
        action.setChecked(code == i18n.language())
        action.triggered.connect(lambda _checked=False, code=code: on_chosen(code))
        group.addAction(action)
        menu.addAction(action)
    menu.aboutToShow.connect(lambda: [a.setChecked(a.data() == i18n.language()) for a in group.actions()])
    return menu


class _LanguageWatcher(QObject):
    def __init__(self, watched: QObject, redraw: Callable[[], None]):
        super().__init__(watched)
        self._redraw = redraw
        watched.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if event.type() == QEvent.Type.LanguageChange:
            self._redraw()
        return False


def redraw_on_switch(widget: QWidget, redraw: Callable[[], None]) -> None:
    """Call ``redraw`` after a language switch: for texts worked out from data (figures, dates, charts)."""
    _LanguageWatcher(widget, redraw)
