"""The Business plans page: every plan with its association, filtered by site and status."""

from __future__ import annotations

from ..domain.enums import PlanStatus, label
from ..i18n import _
from ..services import queries, records
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel
from .list_page import ListPage
from .ops import OpRunner
from .ui_state import ui_settings

COLUMNS = (
    Column("site_code", "Site", 60),
    Column("title", "Title", 380),
    Column("association", "Association", 300),
    Column("status", "Status", 110, show=lambda v: _(label(PlanStatus(v)))),
    Column("start_year", "First year", 90),
    Column("currency", "Currency", 80),
)


class PlanListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        def fetch(filters, order, descending, limit, offset):
            return queries.business_plans(ws, **filters, order=order, descending=descending,
                                          limit=limit, offset=offset)

        super().__init__("business_plans", "Business plans",
                         LazyListModel(runner, COLUMNS, fetch, "site_code"),
                         [("status", "All statuses", [(k.value, label(k)) for k in PlanStatus])], ui_settings(ws), parent,
                         delete=lambda row_id: records.delete(ws, kind="business_plan", row_id=row_id),
                         name_column="title")
