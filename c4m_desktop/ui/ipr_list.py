"""The IPR page: intellectual property assets of every association, by type and status."""

from __future__ import annotations

from ..domain.enums import IPRStatus, IPRType, label
from ..domain.ipr_offices import OFFICES
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
    Column("title", N_("Title"), 300),
    Column("association", N_("Association"), 280),
    Column("ipr_type", N_("Type"), 170, show=lambda v: _(label(IPRType(v)))),
    Column("status", N_("Status"), 100, show=lambda v: _(label(IPRStatus(v)))),
    Column("office", N_("Office"), 200, show=lambda v: _(OFFICES[v].name) if v in OFFICES else v),
    Column("filing_date", N_("Filed"), 100),
    Column("renewal_date", N_("Renewal due"), 100, sortable=False),
)


class IPRListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        def fetch(filters, order, descending, limit, offset):
            return queries.ipr_assets(ws, **filters, order=order, descending=descending, limit=limit, offset=offset)

        super().__init__("ipr", N_("IPR"), LazyListModel(runner, COLUMNS, fetch, "site_code"), [
            ("ipr_type", N_("All types"), [(k.value, label(k)) for k in IPRType]),
            ("status", N_("All statuses"), [(k.value, label(k)) for k in IPRStatus]),
        ], ui_settings(ws), parent, name_column="title",
            delete=lambda row_id: records.delete(ws, kind="ipr_asset", row_id=row_id))
