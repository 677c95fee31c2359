"""The Business plans page: every plan with its association, filtered by site and status."""

from __future__ import annotations

from ..domain.enums import PlanStatus, label
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
    Column("title", N_("Title"), 380),
    Column("association", N_("Association"), 300),
    Column("status", N_("Status"), 110, show=lambda v: _(label(PlanStatus(v)))),
    Column("start_year", N_("First year"), 90),
    Column("currency", N_("Currency"), 80),
)


class PlanListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        def fetch(filters, order, descending, limit, offset):
            return queries.business_plans(ws, **filters, order=order, descending=descending,
                                          limit=limit, offset=offset)

        super().__init__("business_plans", N_("Business plans"),
                         LazyListModel(runner, COLUMNS, fetch, "site_code"),
                         [("status", N_("All statuses"), [(k.value, label(k)) for k in PlanStatus])], ui_settings(ws), parent,
                         delete=lambda row_id: records.delete(ws, kind="business_plan", row_id=row_id),
                         name_column="title")
