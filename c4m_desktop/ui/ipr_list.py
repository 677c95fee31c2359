"""The IPR page: intellectual property assets of every association, by type and status."""

from __future__ import annotations

from ..domain.enums import IPRStatus, IPRType, label
from ..domain.ipr_offices import OFFICES
from ..i18n import _
from ..services import queries, records
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel
from .list_page import ListPage
from .ops import OpRunner
from .ui_state import ui_settings

COLUMNS = (
    Column("site_code", "Site", 60),
    Column("title", "Title", 300),
    Column("association", "Association", 280),
    Column("ipr_type", "Type", 170, show=lambda v: _(label(IPRType(v)))),
    Column("status", "Status", 100, show=lambda v: _(label(IPRStatus(v)))),
    Column("office", "Office", 200, show=lambda v: _(OFFICES[v].name) if v in OFFICES else v),
    Column("filing_date", "Filed", 100),
    Column("renewal_date", "Renewal due", 100, sortable=False),
)


class IPRListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        def fetch(filters, order, descending, limit, offset):
            return queries.ipr_assets(ws, **filters, order=order, descending=descending, limit=limit, offset=offset)

        super().__init__("ipr", "IPR", LazyListModel(runner, COLUMNS, fetch, "site_code"), [
            ("ipr_type", "All types", [(k.value, label(k)) for k in IPRType]),
            ("status", "All statuses", [(k.value, label(k)) for k in IPRStatus]),
        ], ui_settings(ws), parent, name_column="title",
            delete=lambda row_id: records.delete(ws, kind="ipr_asset", row_id=row_id))
