"""Read-only lists for the CLI and the UI: filtered and sorted in SQL, returned as plain dicts."""

from __future__ import annotations

import unicodedata
import weakref
from datetime import date
from typing import Any

from sqlalchemy import Select, and_, func, literal_column, or_, select, text

from ..store import search as name_index
from ..store.models import (
    ActionPlan,
    Activity,
    Association,
    AssociationSector,
    BusinessPlan,
    Conflict,
    IPRAsset,
)
from .workspace import Workspace

LIST_KINDS = ("associations", "business-plans", "action-plans")


def _page(stmt: Select, limit: int | None, offset: int) -> Select:
    return stmt.limit(limit).offset(offset) if limit is not None else stmt.offset(offset)


def _concat(ws: Workspace, column: Any) -> Any:
    # SQLite and PostgreSQL name string aggregation differently.
    if ws.db.engine.dialect.name == "sqlite":
        return func.group_concat(column, ",")
    return func.string_agg(column, ",")


def _name_matches(ws: Workspace, term: str) -> Any:
    """Associations whose English or local name holds the term: from the trigram index where there is one."""
    term = unicodedata.normalize("NFC", term.strip())
    a = Association
    if len(term) >= name_index.MIN_TERM and _has_name_index(ws):
        return literal_column("association.rowid").in_(
            text(f"SELECT rowid FROM {name_index.TABLE} WHERE {name_index.TABLE} MATCH :phrase")
            .bindparams(phrase=name_index.phrase(term)))
    like = f"%{term}%"
    return or_(a.name_en.ilike(like), a.name_local.ilike(like))


_INDEXED: weakref.WeakKeyDictionary[Any, bool] = weakref.WeakKeyDictionary()  # engine -> has the index


def _has_name_index(ws: Workspace) -> bool:
    engine = ws.db.engine
    if engine not in _INDEXED:
        with engine.connect() as conn:
            _INDEXED[engine] = name_index.present(conn)
    return _INDEXED[engine]


ASSOCIATION_ORDER = ("site_code", "name_en", "name_local", "kind", "district", "members_total",
                     "members_women", "members_youth", "legal_status", "updated_at")


def associations(ws: Workspace, *, site: str | None = None, search: str | None = None,
                 sector: str | None = None, kind: str | None = None, order: str = "site_code",
                 descending: bool = False, limit: int | None = None,
                 offset: int = 0) -> list[dict[str, Any]]:
    """List live associations with their sectors, sorted by one column (site then name by default)."""
    a = Association
    sectors = (select(_concat(ws, AssociationSector.sector))
               .where(AssociationSector.association_id == a.id, AssociationSector.deleted.is_(False))
               .scalar_subquery())
    stmt = select(a.id, a.site_code, a.name_en, a.name_local, a.kind, a.district, a.members_total,
                  a.members_women, a.members_youth, a.legal_status, a.updated_at,
                  sectors.label("sectors")).where(a.deleted.is_(False))
    if site:
        stmt = stmt.where(a.site_code == site)
    if search:
        stmt = stmt.where(_name_matches(ws, search))
    if sector:
        stmt = stmt.where(a.id.in_(select(AssociationSector.association_id).where(
            AssociationSector.sector == sector, AssociationSector.deleted.is_(False))))
    if kind:
        stmt = stmt.where(a.kind == kind)
    if order not in ASSOCIATION_ORDER:
        raise ValueError(f"cannot sort by {order!r}")
    key = getattr(a, order)
    keys = [key.desc() if descending else key.asc()]
    if order == "site_code":
        keys.append(a.name_en.desc() if descending else a.name_en.asc())
    stmt = _page(stmt.order_by(*keys, a.id), limit, offset)
    with ws.read() as s:
        rows = [dict(r._mapping) for r in s.execute(stmt)]
    for r in rows:
        r["sectors"] = sorted(r["sectors"].split(",")) if r["sectors"] else []
        r["updated_at"] = r["updated_at"].isoformat()
    return rows


PLAN_ORDER = ("site_code", "title", "status", "start_year", "association", "currency")


def business_plans(ws: Workspace, *, site: str | None = None, status: str | None = None,
                   search: str | None = None, order: str = "site_code", descending: bool = False,
                   limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """List live business plans with their association's name."""
    p, a = BusinessPlan, Association
    assoc_name = func.coalesce(a.name_en, a.name_local).label("association")
    stmt = (select(p.id, p.site_code, p.title, p.status, p.start_year, p.horizon_years, p.currency,
                   p.association_id, assoc_name)
            .join(a, a.id == p.association_id).where(p.deleted.is_(False)))
    if site:
        stmt = stmt.where(p.site_code == site)
    if status:
        stmt = stmt.where(p.status == status)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(or_(p.title.ilike(like), a.name_en.ilike(like), a.name_local.ilike(like)))
    if order not in PLAN_ORDER:
        raise ValueError(f"cannot sort by {order!r}")
    key = assoc_name if order == "association" else getattr(p, order)
    keys = [key.desc() if descending else key.asc()]
    if order == "site_code":
        keys.append(p.title)
    stmt = _page(stmt.order_by(*keys, p.id), limit, offset)
    with ws.read() as s:
        return [dict(r._mapping) for r in s.execute(stmt)]


ACTION_PLAN_ORDER = ("site_code", "title", "owner", "status", "period_start", "period_end", "scope")
FINISHED = ("done", "cancelled")


def overdue_activities(today: date | None = None) -> Any:
    """Return the SQL condition "this activity is overdue" (due before today, not finished)."""
    return and_(Activity.due_date < (today or date.today()), Activity.status.notin_(FINISHED),
                Activity.deleted.is_(False))


def action_plans(ws: Workspace, *, site: str | None = None, status: str | None = None,
                 search: str | None = None, overdue: bool = False, order: str = "site_code",
                 descending: bool = False, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """List live action plans with how many of their activities are overdue."""
    p = ActionPlan
    late = (select(func.count()).select_from(Activity)
            .where(Activity.plan_id == p.id, overdue_activities()).scalar_subquery())
    stmt = select(p.id, p.site_code, p.scope, p.title, p.owner, p.status, p.period_start,
                  p.period_end, p.association_id, late.label("overdue")).where(p.deleted.is_(False))
    if site:
        stmt = stmt.where(p.site_code == site)
    if status:
        stmt = stmt.where(p.status == status)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(or_(p.title.ilike(like), p.owner.ilike(like)))
    if overdue:
        stmt = stmt.where(late > 0)
    if order not in ACTION_PLAN_ORDER:
        raise ValueError(f"cannot sort by {order!r}")
    key = getattr(p, order)
    keys = [key.desc() if descending else key.asc()]
    if order == "site_code":
        keys.append(p.title)
    stmt = _page(stmt.order_by(*keys, p.id), limit, offset)
    with ws.read() as s:
        rows = [dict(r._mapping) for r in s.execute(stmt)]
    for r in rows:
        for k in ("period_start", "period_end"):
            r[k] = r[k].isoformat() if r[k] else None
    return rows


IPR_ORDER = ("site_code", "title", "ipr_type", "status", "office", "filing_date", "association")


def ipr_assets(ws: Workspace, *, site: str | None = None, ipr_type: str | None = None,
               status: str | None = None, search: str | None = None, order: str = "site_code",
               descending: bool = False, limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """List live IPR assets of every association."""
    i, a = IPRAsset, Association
    assoc_name = func.coalesce(a.name_en, a.name_local).label("association")
    stmt = (select(i.id, i.site_code, i.title, i.ipr_type, i.status, i.office, i.application_no,
                   i.registration_no, i.filing_date, i.renewal_date, i.association_id, assoc_name)
            .join(a, a.id == i.association_id).where(i.deleted.is_(False)))
    for column, value in ((i.site_code, site), (i.ipr_type, ipr_type), (i.status, status)):
        if value:
            stmt = stmt.where(column == value)
    if search:
        like = f"%{search.strip()}%"
        stmt = stmt.where(or_(i.title.ilike(like), a.name_en.ilike(like), a.name_local.ilike(like)))
    if order not in IPR_ORDER:
        raise ValueError(f"cannot sort by {order!r}")
    key = assoc_name if order == "association" else getattr(i, order)
    stmt = _page(stmt.order_by(key.desc() if descending else key.asc(), i.title, i.id), limit, offset)
    with ws.read() as s:
        rows = [dict(r._mapping) for r in s.execute(stmt)]
    for r in rows:
        for k in ("filing_date", "renewal_date"):
            r[k] = r[k].isoformat() if r[k] else None
    return rows


def conflicts(ws: Workspace, *, unresolved_only: bool = True) -> list[dict[str, Any]]:
    """Return kept losing versions, newest first."""
    c = Conflict
    stmt = select(c.id, c.site_code, c.table_name, c.row_id, c.loser_hlc, c.loser_device,
                  c.created_at.label("detected_at"), c.resolved_at, c.resolution
                  ).where(c.deleted.is_(False)).order_by(c.created_at.desc())
    if unresolved_only:
        stmt = stmt.where(c.resolved_at.is_(None))
    with ws.read() as s:
        return [dict(r._mapping) for r in s.execute(stmt)]
