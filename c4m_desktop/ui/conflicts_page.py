"""The Conflicts page: concurrent edits to review, both versions side by side, and the decision.

The list holds the conflicts nobody has decided yet; the view below it compares the record as it
stands with the other version field by field, differing rows highlighted. Keep, Take and "Mark
as edited" run on the database worker and the list refreshes after each; Edit record… asks the
main window to open the editor that shows the record (a child record opens its parent's).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from .. import i18n
from ..domain.sites import SITES
from ..i18n import _
from ..services import conflicts
from ..services.workspace import Workspace
from .language import redraw_on_switch
from .ops import OpRunner, show_error

ID_ROLE = Qt.ItemDataRole.UserRole
DIFFERS = QBrush(QColor("#fff1c2"))
LIST_COLUMNS = ("site", "kind", "record", "found", "other_device")


def record_name(info: conflicts.ConflictInfo) -> str:
    """The record's name as a person reads it, with the record it belongs to."""
    name = _(info.name) if info.name_is_label else info.name
    if info.parent_name:
        return _("{name} ({parent})").format(name=name, parent=info.parent_name)
    return name


def device_text(info: conflicts.ConflictInfo) -> str:
    """Say which install made the other version: this one, MI, a site's laptop, or its id."""
    short = info.other_device[:8]
    if info.other_device_is_local:
        return _("This install")
    if info.other_device_role == "hq":
        return _("MI ({device})").format(device=short)
    if info.other_device_site in SITES:
        return _("{site} ({device})").format(site=_(SITES[info.other_device_site].name_en), device=short)
    return short


class _ListKeys(QObject):
    """Enter in the list moves to the comparison, so the versions are read without the mouse."""

    def __init__(self, page: ConflictsPage):
        super().__init__(page)
        self.page = page

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt override)
        if (event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and self.page.table.currentRow() >= 0):
            self.page.fields.setFocus()
            return True
        return False


class ConflictsPage(QWidget):
    """Signals:
        open_association(str), open_plan(str), open_action_plan(str): open the editor of a record.
        changed(object): the ``Changes`` of a decision (taking a version changes the record).
    """

    open_association = Signal(str)
    open_plan = Signal(str)
    open_action_plan = Signal(str)
    changed = Signal(object)

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(parent)
        self.ws, self.runner = ws, runner
        self.setObjectName("conflicts")
        self.setAccessibleName(_("Conflicts"))
        self.current: conflicts.ConflictDetail | None = None
        self.rows: list[conflicts.ConflictInfo] = []
        redraw_on_switch(self, self.refresh)  # dates and counts in the new language
        self._list_generation = 0  # results of an overtaken query are dropped
        self._detail_generation = 0
        self._wanted: str | None = None  # the conflict to select after the next refresh

        self.heading = QLabel(accessibleName=_("Conflicts"))
        intro = QLabel(_("When a record was changed on two devices before their exports crossed, the later "
                         "change stands everywhere and the other one is kept here. Compare them and decide."))
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(LIST_COLUMNS), accessibleName=_("Conflicts to review"))
        self.table.setHorizontalHeaderLabels([_("Site"), _("Record type"), _("Record"), _("Found"),
                                              _("Other version from")])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.currentCellChanged.connect(lambda row, *_a: self._row_chosen(row))
        self._keys = _ListKeys(self)
        self.table.installEventFilter(self._keys)

        self.title = QLabel(accessibleName=_("Chosen conflict"))
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        title_font = QFont(self.title.font())
        title_font.setBold(True)
        title_font.setPointSizeF(title_font.pointSizeF() * 1.15)
        self.title.setFont(title_font)
        self.summary = QLabel(accessibleName=_("Comparison summary"))
        self.summary.setWordWrap(True)
        self.fields = QTableWidget(0, 3, accessibleName=_("Both versions field by field"))
        self.fields.setHorizontalHeaderLabels([_("Field"), _("Kept version (now)"), _("Other version")])
        self.fields.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.fields.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.fields.setWordWrap(True)
        self.fields.verticalHeader().hide()
        header = self.fields.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

        self.keep_button = QPushButton(_("&Keep kept version"), accessibleName=_("Keep kept version"))
        self.keep_button.setToolTip(_("The record stays as it is; the other version is set aside."))
        self.keep_button.clicked.connect(self.keep)
        self.take_button = QPushButton(_("&Take other version"), accessibleName=_("Take other version"))
        self.take_button.setToolTip(_("The record gets the other version's values, as one edit in its history."))
        self.take_button.clicked.connect(self.take)
        self.edit_button = QPushButton(_("&Edit record…"), accessibleName=_("Edit record"))
        self.edit_button.setToolTip(_("Open the record to combine both versions by hand, then choose "
                                      "Mark as edited."))
        self.edit_button.clicked.connect(self.edit)
        self.edited_button = QPushButton(_("&Mark as edited"), accessibleName=_("Mark as edited"))
        self.edited_button.setToolTip(_("Say that you combined both versions in the editor; the conflict closes."))
        self.edited_button.clicked.connect(self.mark_edited)
        buttons = QHBoxLayout()
        for b in (self.keep_button, self.take_button, self.edit_button, self.edited_button):
            buttons.addWidget(b)
        buttons.addStretch(1)

        self.detail = detail = QWidget()
        col = QVBoxLayout(detail)
        col.setContentsMargins(0, 0, 0, 0)
        col.addWidget(self.title)
        col.addWidget(self.summary)
        col.addWidget(self.fields, 1)
        col.addLayout(buttons)
        listing = QWidget()
        top = QVBoxLayout(listing)
        top.setContentsMargins(0, 0, 0, 0)
        top.addWidget(self.heading)
        top.addWidget(intro)
        top.addWidget(self.table, 1)
        split = QSplitter(Qt.Orientation.Vertical)
        split.setChildrenCollapsible(False)
        split.addWidget(listing)
        split.addWidget(detail)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout = QVBoxLayout(self)
        layout.addWidget(split)
        self.show_rows([])
        self.setTabOrder(self.table, self.fields)

    # --- the list -------------------------------------------------------------------------------

    def refresh(self) -> None:
        """Fetch the unresolved conflicts on the worker and show them."""
        self._list_generation += 1
        generation, ws = self._list_generation, self.ws
        self.runner.run(lambda: conflicts.unresolved(ws),
                        on_success=lambda rows: generation == self._list_generation and self.show_rows(rows),
                        on_error=lambda e: show_error(self, e))

    def showEvent(self, event) -> None:  # noqa: N802 (Qt override)
        super().showEvent(event)
        self.refresh()  # an import or another page may have changed what waits here

    def show_rows(self, rows: list[conflicts.ConflictInfo]) -> None:
        keep = self._wanted or (self.current.info.id if self.current else None)
        old_row = max(self.table.currentRow(), 0)
        self._wanted = None
        self.rows = rows
        self.heading.setText("<b>{}</b> — {}".format(_("Conflicts"), _("No conflicting edits to review.") if not rows
                             else i18n.ngettext("{n} conflict to review", "{n} conflicts to review",
                                                len(rows)).format(n=len(rows))))
        self.table.blockSignals(True)
        self.table.setRowCount(len(rows))
        for r, info in enumerate(rows):
            cells = (info.site_code, _(info.kind_label), record_name(info), i18n.format_datetime(info.found_at),
                     device_text(info))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(ID_ROLE, info.id)
                if c == 4:
                    item.setToolTip(info.other_device)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.blockSignals(False)
        self.detail.setVisible(bool(rows))  # nothing to compare: the list says so
        ids = [info.id for info in rows]
        row = ids.index(keep) if keep in ids else min(old_row, len(rows) - 1)
        if row >= 0:
            self.table.setCurrentCell(row, 0)
            self._row_chosen(row, reload=True)
        else:
            self.table.setCurrentCell(-1, -1)
            self._detail_generation += 1  # a comparison still on its way is of a decided conflict
            self._show_detail(None)

    def _row_chosen(self, row: int, *, reload: bool = False) -> None:
        if not 0 <= row < len(self.rows):
            return
        conflict_id = self.rows[row].id
        if not reload and self.current is not None and self.current.info.id == conflict_id:
            return
        self._detail_generation += 1
        generation, ws = self._detail_generation, self.ws
        self.runner.run(lambda: conflicts.detail(ws, conflict_id=conflict_id),
                        on_success=lambda d: generation == self._detail_generation and self._show_detail(d),
                        on_error=lambda e: show_error(self, e))

    # --- the comparison -------------------------------------------------------------------------

    def _show_detail(self, d: conflicts.ConflictDetail | None) -> None:
        self.current = d
        for b in (self.keep_button, self.take_button, self.edit_button, self.edited_button):
            b.setEnabled(d is not None)
        if d is None:
            self.title.setText(_("Choose a conflict in the list to compare both versions."))
            self.summary.clear()
            self.fields.setRowCount(0)
            return
        info = d.info
        self.title.setText(_("{kind}: {name}").format(kind=_(info.kind_label), name=record_name(info)))
        made = i18n.format_datetime(info.other_made_at) if info.other_made_at else "—"
        if info.other_device_is_local:
            summary = _("The other version was made on this install on {when}.").format(when=made)
        else:
            summary = _("The other version was made on {when} by {device}.").format(when=made,
                                                                                 device=device_text(info))
        n = len(d.differing)
        summary += " " + i18n.ngettext("{n} field differs; it is highlighted.",
                                       "{n} fields differ; they are highlighted.", n).format(n=n)
        if not info.record_exists:
            summary += " " + _("The record itself is not in this database.")
        self.summary.setText(summary)
        self.take_button.setEnabled(info.record_exists)
        self.edit_button.setEnabled(d.open_kind is not None and d.open_id is not None)

        # The editors' field specs, loaded when a conflict is first shown (not at start-up).
        from . import record_fields

        specs = record_fields.specs(info.kind, info.site_code)
        shown = [f for f in d.fields if f.differs or f.field not in record_fields.QUIET]
        shown.sort(key=lambda f: not f.differs)  # what differs first, then the rest in form order
        self.fields.setRowCount(len(shown))
        bold = QFont(self.fields.font())
        bold.setBold(True)
        for r, f in enumerate(shown):
            spec = specs.get(f.field)
            cells = (record_fields.field_label(info.kind, f.field, info.site_code),
                     record_fields.display(spec, f.field, f.current, currency=d.currency),
                     record_fields.display(spec, f.field, f.other, currency=d.currency))
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setToolTip(text)
                if f.differs:
                    item.setBackground(DIFFERS)
                    item.setFont(bold)
                    item.setData(Qt.ItemDataRole.AccessibleDescriptionRole, _("differs"))
                self.fields.setItem(r, c, item)
        self.fields.resizeRowsToContents()

    # --- decisions ------------------------------------------------------------------------------

    def _decide(self, job) -> None:
        d = self.current
        if d is None:
            return
        next_row = self.table.currentRow()
        for b in (self.keep_button, self.take_button, self.edited_button):
            b.setEnabled(False)
        ws, conflict_id = self.ws, d.info.id

        def done(changes) -> None:
            self.current = None
            # The list moves on to the conflict that was below the decided one.
            rest = [info.id for info in self.rows if info.id != conflict_id]
            self._wanted = rest[min(next_row, len(rest) - 1)] if rest else None
            self.refresh()
            self.changed.emit(changes)

        def failed(error: BaseException) -> None:
            show_error(self, error)
            self.current = None
            self.refresh()

        self.runner.run(lambda: job(ws, conflict_id=conflict_id), on_success=done, on_error=failed)

    def keep(self) -> None:
        """Keep the record as it stands and close the conflict."""
        self._decide(conflicts.keep_mine)

    def take(self) -> None:
        """Ask, then give the record the other version's values and close the conflict."""
        d = self.current
        if d is None or not d.info.record_exists:
            return
        answer = QMessageBox.question(
            self, _("Take other version"),
            _("Replace the values of {name} with the other version? The fields that differ are overwritten; "
              "the change is kept in the record's history and sent with the next export.").format(
                name=record_name(d.info)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel)
        if answer == QMessageBox.StandardButton.Yes:
            self._decide(conflicts.take_theirs)

    def mark_edited(self) -> None:
        """Close the conflict after the record was edited by hand."""
        self._decide(conflicts.mark_edited)

    def edit(self) -> None:
        """Open the editor that shows the record of the chosen conflict."""
        d = self.current
        if d is None or d.open_id is None:
            return
        signal = {"association": self.open_association, "business_plan": self.open_plan,
                  "action_plan": self.open_action_plan}.get(d.open_kind or "")
        if signal is not None:
            signal.emit(d.open_id)
