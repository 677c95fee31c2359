"""The Associations page: the lazy list with sector and kind filters."""

from __future__ import annotations

from ..domain.enums import AssociationKind, label
from ..domain.messages import N_
from ..domain.sectors import SECTORS
from ..i18n import _
from ..services import queries, records
from ..services.workspace import Workspace
from .lazy_list import Column, LazyListModel
from .list_page import ListPage
from .ops import OpRunner
from .ui_state import ui_settings

COLUMNS = (
    Column("site_code", N_("Site"), 60),
    Column("name_en", N_("Name"), 300),
    Column("name_local", N_("Local name"), 260),
    Column("kind", N_("Kind"), 130, show=lambda v: _(label(AssociationKind(v)))),
    Column("sectors", N_("Sectors"), 200, sortable=False, show=lambda v: ", ".join(_(SECTORS[s]) for s in v)),
    Column("members_total", N_("Members"), 80),
    Column("members_women", N_("Women"), 70),
    Column("district", N_("District"), 130),
    Column("updated_at", N_("Last changed"), 110, show=lambda v: v[:10]),
)


def association_model(ws: Workspace, runner: OpRunner) -> LazyListModel:
    def fetch(filters, order, descending, limit, offset):
        return queries.associations(ws, **filters, order=order, descending=descending,
                                    limit=limit, offset=offset)

    return LazyListModel(runner, COLUMNS, fetch, "site_code")


class AssociationListPage(ListPage):
    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__("associations", N_("Associations"), association_model(ws, runner), [
            ("sector", N_("All sectors"), list(SECTORS.items())),
            ("kind", N_("All kinds"), [(k.value, label(k)) for k in AssociationKind]),
        ], ui_settings(ws), parent, delete=lambda row_id: records.delete(ws, kind="association", row_id=row_id))
        self.site, self.sector, self.kind = (self.combos[k] for k in ("site", "sector", "kind"))
