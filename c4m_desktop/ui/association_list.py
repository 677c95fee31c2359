"""The Associations page: the lazy list with sector and kind filters."""

from __future__ import annotations

from ..domain.enums import AssociationKind, label
from ..domain.sectors import SECTORS
from ..i18n import _
from ..services import queries, records
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel
from .list_page import ListPage
from .ops import OpRunner
from .ui_state import ui_settings

COLUMNS = (
    Column("site_code", "Site", 60),
    Column("name_en", "Name", 300),
    Column("name_local", "Local name", 260),
    Column("kind", "Kind", 130, show=lambda v: _(label(AssociationKind(v)))),
    Column("sectors", "Sectors", 200, sortable=False, show=lambda v: ", ".join(_(SECTORS[s]) for s in v)),
    Column("members_total", "Members", 80),
    Column("members_women", "Women", 70),
    Column("district", "District", 130),
    Column("updated_at", "Last changed", 110, show=lambda v: v[:10]),
)


def association_model(ws: Workspace, runner: OpRunner) -> LazyListModel:
    def fetch(filters, order, descending, limit, offset):
        return queries.associations(ws, **filters, order=order, descending=descending,
                                    limit=limit, offset=offset)

    return LazyListModel(runner, COLUMNS, fetch, "site_code")


class AssociationListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__("associations", "Associations", association_model(ws, runner), [
            ("sector", "All sectors", list(SECTORS.items())),
            ("kind", "All kinds", [(k.value, label(k)) for k in AssociationKind]),
        ], ui_settings(ws), parent, delete=lambda row_id: records.delete(ws, kind="association", row_id=row_id))
        self.site, self.sector, self.kind = (self.combos[k] for k in ("site", "sector", "kind"))
