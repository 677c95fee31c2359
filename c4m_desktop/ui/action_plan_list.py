"""The Action plans page: plans with their overdue activity counts; a button starts a new plan."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QPushButton

from ..domain.enums import ActionPlanScope, ActionPlanStatus, label
from ..domain.messages import N_
from ..i18n import _
from ..services import queries, records
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel
from .list_page import ListPage
from .ops import OpRunner
from .ui_state import ui_settings

COLUMNS = (
    Column("site_code", N_("Site"), 60),
    Column("title", N_("Title"), 360),
    Column("owner", N_("Owner"), 180),
    Column("scope", N_("Scope"), 110, show=lambda v: _(label(ActionPlanScope(v)))),
    Column("status", N_("Status"), 100, show=lambda v: _(label(ActionPlanStatus(v)))),
    Column("period_start", N_("From"), 100),
    Column("period_end", N_("To"), 100),
    Column("overdue", N_("Overdue activities"), 130, sortable=False, show=lambda v: str(v) if v else ""),
)


class ActionPlanListPage(ListPage):
    new_requested = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        def fetch(filters, order, descending, limit, offset):
            return queries.action_plans(ws, **filters, order=order, descending=descending,
                                        limit=limit, offset=offset)

        super().__init__("action_plans", N_("Action plans"), LazyListModel(runner, COLUMNS, fetch, "site_code"), [
            ("status", N_("All statuses"), [(k.value, label(k)) for k in ActionPlanStatus]),
            ("overdue", N_("With or without overdue activities"), [("1", N_("Only plans with overdue activities"))]),
        ], ui_settings(ws), parent, name_column="title",
            delete=lambda row_id: records.delete(ws, kind="action_plan", row_id=row_id))
        self.new_button = QPushButton(_("&New action plan"), accessibleName=_("New action plan"))
        self.new_button.clicked.connect(self.new_requested)
        self.layout().itemAt(0).layout().addWidget(self.new_button)
