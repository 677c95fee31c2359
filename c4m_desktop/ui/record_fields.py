"""Labels and display text of any record's fields, for views that show a record of any kind.

The labels and choice lists come from the editors' own field specs, so a field reads the same in
the conflict view as in the editor where it is typed; the few fields no editor shows by that
name (section text, financial lines, an activity's budget...) are named here.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from .. import i18n
from ..domain.enums import ActivityStatus, FinancialKind, SectionKey, label
from ..domain.messages import N_
from ..domain.sectors import SECTORS
from ..i18n import _
from .action_plan_editor import ACTIVITY_COLUMNS
from .action_plan_editor import FIELDS as ACTION_PLAN_FIELDS
from .association_editor import FIELDS as ASSOCIATION_FIELDS
from .forms import Field
from .plan_editor import FIELDS as PLAN_FIELDS
from .progress_dialog import FIELDS as PROGRESS_FIELDS
from .subtables import MEMBER_FIELDS, ipr_fields

# Links to the parent record: shown only when two versions disagree on them.
LINKS = {"association_id": N_("Association"), "plan_id": N_("Plan"), "activity_id": N_("Activity"),
         "entity_table": N_("Linked record type"), "entity_id": N_("Linked record")}
# Bookkeeping of a record that people do not read unless it differs.
QUIET = frozenset({*LINKS, "sort_order", "sha256", "mime_type"})

_EXTRA: dict[str, tuple[Field, ...]] = {
    "association_sector": (
        Field("sector", N_("Sector"), "choice", lambda: list(SECTORS.items())),),
    "business_plan_section": (
        Field("key", N_("Section"), "choice", lambda: [(k.value, label(k)) for k in SectionKey]),
        Field("body", N_("Text"), "multiline")),
    "financial_line": (
        Field("kind", N_("Kind"), "choice", lambda: [(k.value, label(k)) for k in FinancialKind]),
        Field("label", N_("Line")), Field("year", N_("Year"), "int"), Field("amount_minor", N_("Amount"), "int")),
    "activity": (
        Field("description", N_("Description"), "multiline"), Field("budget_minor", N_("Budget"), "int"),
        Field("status", N_("Status"), "choice", lambda: [(k.value, label(k)) for k in ActivityStatus]),
        Field("sort_order", N_("Order"), "int")),
    "attachment": (
        Field("filename", N_("File")), Field("caption", N_("Caption")), Field("size", N_("Size in bytes"), "int"),
        Field("mime_type", N_("File type")), Field("sha256", N_("Checksum (SHA-256)"))),
}


def specs(kind: str, site_code: str | None = None) -> dict[str, Field]:
    """Return the field specs of a record kind by field name (editor specs first)."""
    if kind == "association":
        found = ASSOCIATION_FIELDS
    elif kind == "member":
        found = MEMBER_FIELDS
    elif kind == "ipr_asset":
        found = ipr_fields(site_code or "SRP")
    elif kind == "business_plan":
        found = PLAN_FIELDS
    elif kind == "action_plan":
        found = ACTION_PLAN_FIELDS
    elif kind == "activity":
        found = tuple(Field(f, h, k or "text") for f, h, k in ACTIVITY_COLUMNS)
    elif kind == "progress_update":
        found = PROGRESS_FIELDS
    else:
        found = ()
    out = {f.name: f for f in (*_EXTRA.get(kind, ()), *found)}
    out["deleted"] = Field("deleted", N_("Deleted"))
    return out


def field_label(kind: str, field: str, site_code: str | None = None) -> str:
    """Return the translated label of a field (its column name when nothing names it)."""
    spec = specs(kind, site_code).get(field)
    if spec is not None:
        return _(spec.label)
    return _(LINKS[field]) if field in LINKS else field


def display(spec: Field | None, field: str, value: Any, *, currency: str | None = None) -> str:
    """Return how a person reads one value: choices by their label, money, dates, yes/no."""
    if value is None or value == "":
        return "—"
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if spec is not None and spec.kind == "choice" and spec.choices is not None:
        for choice, text in spec.choices():
            if choice == value:
                return _(text)
    if field.endswith("_minor") and currency and isinstance(value, int):
        return i18n.format_money(value, currency)
    if field in LINKS and isinstance(value, str) and field != "entity_table":
        return value[:8]
    if isinstance(value, datetime):
        return i18n.format_datetime(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
