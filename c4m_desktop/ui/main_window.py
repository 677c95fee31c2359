"""The main window: navigation list, pages, and a status bar with site, language, network, outbox."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtNetwork import QNetworkInformation
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QStackedWidget,
    QWidget,
)

from .. import i18n
from ..domain.messages import N_
from ..domain.sites import SITES
from ..i18n import _
from ..services import action_plans, backups, device, drafts
from ..services.workspace import Workspace
from ..sync import status
from .action_plan_list import ActionPlanListPage
from .association_list import AssociationListPage
from .conflicts_page import ConflictsPage
from .dashboard import DashboardPage
from .font_check import missing_font_message
from .ipr_list import IPRListPage
from .language import language_menu, switch_language
from .mail_sender import MailSender
from .ops import OpRunner, error_message, show_error
from .outbox_page import OutboxPage
from .plan_list import PlanListPage
from .report_dialog import synthesis_action
from .settings_page import SettingsPage

if TYPE_CHECKING:  # editors and the import dialog load on first use: start-up does not pay for them
    from .action_plan_editor import ActionPlanEditor
    from .association_editor import AssociationEditor
    from .import_dialog import ImportDialog
    from .plan_editor import PlanEditor

BACKUP_EVERY_MS = 30 * 60 * 1000  # DESIGN: every 30 minutes while the app runs, when something changed
# (page key, label) in navigation order; Ctrl+1..8 follow it.
PAGES = (
    ("dashboard", N_("Dashboard")), ("associations", N_("Associations")), ("business_plans", N_("Business plans")),
    ("action_plans", N_("Action plans")), ("ipr", N_("IPR")), ("outbox", N_("Outbox & sync")),
    ("conflicts", N_("Conflicts")), ("settings", N_("Settings")),
)


class MainWindow(QMainWindow):
    def __init__(self, ws: Workspace, runner: OpRunner | None = None):
        super().__init__()
        self.ws = ws
        self.runner = runner or OpRunner(self)
        self.info = device.current(ws)
        self.setWindowTitle(_("c4m-desktop — Creative4Mekong"))
        self.setAccessibleName(_("Main window"))
        self.resize(1100, 700)

        self.nav = QListWidget(accessibleName=_("Navigation"))
        self.nav.setFixedWidth(190)
        self.pages = QStackedWidget(accessibleName=_("Pages"))
        self.associations = AssociationListPage(ws, self.runner)
        self.associations.open_requested.connect(self.open_association)
        self.plans = PlanListPage(ws, self.runner)
        self.plans.open_requested.connect(self.open_plan)
        self.action_plans = ActionPlanListPage(ws, self.runner)
        self.action_plans.open_requested.connect(self.open_action_plan)
        self.action_plans.new_requested.connect(self.new_action_plan)
        self.dashboard = DashboardPage(ws, self.runner)
        self.ipr = IPRListPage(ws, self.runner)
        self.ipr.open_requested.connect(self._open_ipr)
        for page in (self.associations, self.plans, self.action_plans, self.ipr):
            page.deleted.connect(self.data_changed)
        self.sender = MailSender(ws, self.runner, online=_online, parent=self)
        self.outbox = OutboxPage(ws, self.runner, self.sender)
        self.outbox.import_requested.connect(self.import_bundles)
        self.outbox.changed.connect(self.refresh_status)
        self._import_dialog: ImportDialog | None = None
        self.conflicts = ConflictsPage(ws, self.runner)
        self.conflicts.open_association.connect(self.open_association)
        self.conflicts.open_plan.connect(self.open_plan)
        self.conflicts.open_action_plan.connect(self.open_action_plan)
        self.conflicts.changed.connect(self.data_changed)
        self.settings = SettingsPage(ws, self.runner)
        self.settings.changed.connect(self._settings_changed)
        self.settings.backups_requested.connect(self.show_backups)
        self.restart = _restart_app  # replaced in tests
        built: dict[str, QWidget] = {
            "dashboard": self.dashboard, "associations": self.associations, "business_plans": self.plans,
            "action_plans": self.action_plans, "ipr": self.ipr, "outbox": self.outbox,
            "conflicts": self.conflicts, "settings": self.settings}
        for key, label in PAGES:
            self.nav.addItem(_(label))
            self.pages.addWidget(built[key])
        self.nav.currentRowChanged.connect(self.pages.setCurrentIndex)
        self.nav.setCurrentRow(0)
        self.dashboard.refresh()
        self.outbox.refresh()
        self.conflicts.refresh()

        body = QWidget()
        row = QHBoxLayout(body)
        row.addWidget(self.nav)
        row.addWidget(self.pages, 1)
        self.setCentralWidget(body)
        self._menus()
        self._status_bar()
        self.setAcceptDrops(True)  # .c4m files dropped anywhere on the window are imported
        self.sender.finished.connect(self.refresh_status)
        self.sender.checked.connect(self._show_network)
        self.sender.start()
        self._backup_timer = QTimer(self, interval=BACKUP_EVERY_MS)
        self._backup_timer.timeout.connect(self.scheduled_backup)
        self._backup_timer.start()

    def _menus(self) -> None:
        file_menu = self.menuBar().addMenu(_("&File"))
        quit_action = QAction(_("&Quit"), self, shortcut=QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)
        new = QAction(_("&New association"), self, shortcut=QKeySequence("Ctrl+N"))
        new.triggered.connect(lambda: self.open_association(None))
        file_menu.insertAction(quit_action, new)
        file_menu.insertAction(quit_action, synthesis_action(self))
        import_action = QAction(_("&Import bundle…"), self, shortcut=QKeySequence("Ctrl+I"))
        import_action.triggered.connect(lambda: self.import_bundles())
        file_menu.insertAction(quit_action, import_action)
        table_action = QAction(_("Import &spreadsheet…"), self, shortcut=QKeySequence("Ctrl+Shift+I"))
        table_action.triggered.connect(lambda: self.import_table())
        file_menu.insertAction(quit_action, table_action)
        find = QAction(_("&Find"), self, shortcut=QKeySequence("Ctrl+F"))
        find.triggered.connect(self.find)
        self.menuBar().addMenu(_("&Edit")).addAction(find)
        go = self.menuBar().addMenu(_("&Go"))
        for i, (_key, label) in enumerate(PAGES):
            action = QAction(_(label), self, shortcut=QKeySequence(f"Ctrl+{i + 1}"))
            action.triggered.connect(lambda _checked=False, i=i: self.nav.setCurrentRow(i))
            go.addAction(action)
        self.menuBar().addMenu(language_menu(self, self.choose_language))

    def choose_language(self, language: str) -> None:
        """Show every window in a language now and remember it for the next start."""
        if not switch_language(language):
            return
        self.settings.form.set_values({"language": language})  # other unsaved settings stay as typed
        ws = self.ws
        self.runner.run(lambda: device.set_language(ws, language), on_success=self._settings_changed,
                        on_error=lambda e: show_error(self, e))

    def changeEvent(self, event) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._show_site_and_language()
            self._show_network()
            self.refresh_status()
        super().changeEvent(event)

    def open_association(self, row_id: str | None) -> AssociationEditor:
        """Open the editor of one association, or of a new one."""
        site = self.info.site_code if self.info else "SRP"
        from .association_editor import AssociationEditor

        editor = AssociationEditor(self.ws, self.runner, row_id=row_id, default_site=site, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.data_changed)
        editor.plan_created.connect(self._plan_created)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def open_plan(self, plan_id: str) -> PlanEditor:
        """Open the editor of one business plan."""
        from .plan_editor import PlanEditor

        editor = PlanEditor(self.ws, self.runner, plan_id=plan_id, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.data_changed)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def open_action_plan(self, plan_id: str) -> ActionPlanEditor:
        """Open the editor of one action plan."""
        reporter = self.info.coordinator if self.info else ""
        from .action_plan_editor import ActionPlanEditor

        editor = ActionPlanEditor(self.ws, self.runner, plan_id=plan_id, reporter=reporter, parent=self)
        editor.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        editor.saved.connect(self.data_changed)
        editor.show()
        editor.raise_()
        editor.activateWindow()
        return editor

    def new_action_plan(self) -> None:
        """Start this site's action plan for the current year and open it."""
        year = date.today().year
        site = self.info.site_code if self.info else "SRP"
        values = {"site_code": site, "scope": "site", "status": "draft",
                  "owner": self.info.coordinator if self.info else "",
                  "title": _("{site} action plan {year}").format(site=_(SITES[site].name_en), year=year),
                  "period_start": date(year, 1, 1), "period_end": date(year, 12, 31)}
        ws = self.ws
        self.runner.run(lambda: action_plans.create(ws, values=values),
                        on_success=lambda ch: (self.action_plans.model.refresh(), self.open_action_plan(ch.record.id)),
                        on_error=lambda e: show_error(self, e))

    def _open_ipr(self, asset_id: str) -> None:
        """Open the association that holds an IPR asset (its assets are edited there)."""
        row = next((r for r in self.ipr.model.rows if r["id"] == asset_id), None)
        if row is not None:
            self.open_association(row["association_id"])

    def show_backups(self):
        """The backups dialog; a restore chosen there replaces the database and starts the app again."""
        from .backups_dialog import BackupsDialog

        dialog = BackupsDialog(self.ws, self.runner, parent=self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.restore_requested.connect(lambda chosen: (dialog.accept(), self.restore_backup(chosen.path)))
        dialog.show()
        return dialog

    def restore_backup(self, path: Path) -> None:
        """Close the database, put the backup in its place (all or nothing), start again on it."""
        db_path = self.ws.db.path
        if db_path is None:
            return
        self._backup_timer.stop()
        self.sender.stop()
        self.runner.shutdown()  # the worker finishes what it has, then holds no connection
        folder = backups.folder_of(self.ws)
        self.ws.close()
        try:
            backups.restore(db_path, path, files_dir=self.ws.files_dir, folder=folder)
        except Exception as error:  # the database was left as it was: say why, and start again on it
            QMessageBox.warning(self, _("c4m-desktop"), error_message(error))
        self.restart()

    def scheduled_backup(self) -> None:
        """Back up on the worker when something changed since the last backup; a problem is a status-bar warning."""
        ws = self.ws
        self.runner.run(lambda: backups.make(ws, "scheduled") if ws.db.path is not None and backups.due(ws) else None,
                        on_success=lambda _backup: None,
                        on_error=lambda e: self.statusBar().showMessage(error_message(e)))

    def _settings_changed(self, info) -> None:
        chosen = info is not None and (self.info is None or info.language != self.info.language)
        self.info = info
        if chosen:
            switch_language(info.language)  # chosen in Settings: applies at once, like the menu

    def data_changed(self, _changes=None) -> None:
        """Redraw what shows the data after any write (a deletion also removes children from other lists)."""
        self.dashboard.refresh()
        for page in (self.associations, self.plans, self.action_plans, self.ipr):
            page.model.refresh()

    def recover_drafts(self) -> int:
        """Offer to reopen edits left unsaved when the app last stopped; return how many opened."""
        openers = {"association": self.open_association, "business_plan": self.open_plan,
                   "action_plan": self.open_action_plan}
        found = [d for d in drafts.all_drafts(self.ws) if d.kind in openers and
                 (d.row_id is not None or d.kind == "association")]
        if not found:
            return 0
        answer = QMessageBox.question(
            self, _("Recovered edits"),
            i18n.ngettext("{n} edit was not saved when the app last closed. Open it now?",
                          "{n} edits were not saved when the app last closed. Open them now?",
                          len(found)).format(n=len(found)))
        if answer != QMessageBox.StandardButton.Yes:
            return 0
        for d in found:
            openers[d.kind](d.row_id)
        return len(found)

    def _plan_created(self, plan_id: str) -> None:
        self.plans.model.refresh()
        self.open_plan(plan_id)

    def find(self) -> None:
        """Go to the associations list and put the cursor in its search box."""
        self.nav.setCurrentRow(1)
        self.associations.focus_search()

    def import_bundles(self, paths: list[Path] | None = None) -> ImportDialog:
        """Open the import dialog (the one already open, if any) with these files added."""
        dialog = self._import_dialog
        if dialog is None:
            from .import_dialog import ImportDialog

            dialog = ImportDialog(self.ws, self.runner, parent=self)
            dialog.imported.connect(self._imported)
            dialog.show_conflicts.connect(lambda: self.nav.setCurrentRow([k for k, _l in PAGES].index("conflicts")))
            dialog.finished.connect(self._import_dialog_closed)
            self._import_dialog = dialog
        if paths:
            dialog.add_files(paths)
        dialog.show()
        dialog.raise_()
        dialog.activateWindow()
        return dialog

    def import_table(self, path: Path | None = None):
        """Open the spreadsheet import wizard (on this file, if given)."""
        # Imported here: openpyxl and the importer load when first used, not at start-up.
        from .table_import_wizard import TableImportWizard

        wizard = TableImportWizard(self.ws, self.runner, default_site=self.info.site_code if self.info else None,
                                   parent=self)
        wizard.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        wizard.imported.connect(lambda _result: self.data_changed())
        if path is not None:
            wizard.open_file(path)
        wizard.show()
        return wizard

    def _import_dialog_closed(self, _result: int) -> None:
        self._import_dialog = None

    def _imported(self, _results) -> None:
        """Redraw every page after an import: new rows, conflicts, receipts."""
        self.data_changed()
        self.conflicts.refresh()
        self.outbox.refresh()
        self.refresh_status()

    def dragEnterEvent(self, event) -> None:
        from .import_dialog import is_bundle_name, local_files

        if any(is_bundle_name(p) for p in local_files(event.mimeData())):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        from .import_dialog import is_bundle_name, local_files

        paths = [p for p in local_files(event.mimeData()) if is_bundle_name(p)]
        if paths:
            event.acceptProposedAction()
            self.import_bundles(paths)

    def closeEvent(self, event) -> None:
        self.sender.stop()
        self.runner.shutdown()
        super().closeEvent(event)

    def _status_bar(self) -> None:
        bar = self.statusBar()
        self.site_label = QLabel(accessibleName=_("Site"))
        self.language_label = QLabel(accessibleName=_("Language"))
        self.network_label = QLabel(accessibleName=_("Network"))
        self.outbox_label = QLabel(accessibleName=_("Waiting exports"))
        for w in (self.site_label, self.language_label, self.network_label, self.outbox_label):
            bar.addPermanentWidget(w)
        self._show_network()
        self._show_waiting(status.count_waiting(self.ws))  # one COUNT, before the window shows
        info = QNetworkInformation.instance()
        if info is not None:
            info.reachabilityChanged.connect(self._network_changed)
        self._show_site_and_language()

    def _show_site_and_language(self) -> None:
        site = SITES[self.info.site_code] if self.info else None
        self.site_label.setText(f"{_(site.name_en)} ({site.code})" if site else _("Not set up"))
        self.language_label.setText(i18n.LANGUAGES[i18n.language()])
        missing = missing_font_message(i18n.language())
        if missing:
            self.statusBar().showMessage(missing)
        else:
            self.statusBar().clearMessage()

    def refresh_status(self) -> None:
        """Show online/offline now and how many exports wait once the worker has counted them."""
        self._show_network()
        ws = self.ws
        self.runner.run(lambda: status.count_waiting(ws), on_success=self._show_waiting)

    def _show_network(self) -> None:
        self.network_label.setText(_("Online") if _online() else _("Offline"))

    def _network_changed(self, *_args) -> None:
        self._show_network()
        self.sender.check_soon()  # back online: send what waits without waiting for the timer

    def _show_waiting(self, n: int) -> None:
        self.outbox_label.setText(i18n.ngettext("{n} export waiting", "{n} exports waiting", n).format(n=n))


def _restart_app() -> None:
    """Start a new app process on the same arguments, then end this one."""
    import sys

    from PySide6.QtCore import QCoreApplication, QProcess

    QProcess.startDetached(sys.executable, ["-m", "c4m_desktop", *sys.argv[1:]])
    QCoreApplication.quit()


def _online() -> bool:
    """Return whether the OS reports a usable connection; unknown counts as offline."""
    info = QNetworkInformation.instance()
    if info is None and not QNetworkInformation.loadDefaultBackend():
        return False
    info = QNetworkInformation.instance()
    return info is not None and info.reachability() == QNetworkInformation.Reachability.Online
