"""Figures for the dashboard: counts by site, sector and status, overdue work, indicator achievement."""

from __future__ import annotations

import dataclasses
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, case, func, select

from ..store.models import (
    ActionPlan,
    Activity,
    AppState,
    Association,
    AssociationSector,
    BusinessPlan,
    ProgressUpdate,
)
from .queries import overdue_activities
from .workspace import SEQ_KEY, Workspace

CACHE_KEY = "dashboard_cache"  # the last figures, with the change number and the day they were computed for


@dataclass
class Dashboard:
    associations_by_site_sector: dict[str, dict[str, int]] = field(default_factory=dict)
    activities_by_site_status: dict[str, dict[str, int]] = field(default_factory=dict)
    plans_by_site_status: dict[str, dict[str, int]] = field(default_factory=dict)
    achievement_by_site: dict[str, float] = field(default_factory=dict)  # mean % of target reached
    overdue: list[dict] = field(default_factory=list)


def _nested(rows) -> dict[str, dict[str, int]]:
    out: dict[str, dict[str, int]] = defaultdict(dict)
    for site, key, n in rows:
        out[site][key] = n
    return dict(out)


def summary(ws: Workspace, *, today: date | None = None, overdue_limit: int = 50) -> Dashboard:
    """Compute every dashboard figure with grouped SQL queries (no per-row work in Python)."""
    today = today or date.today()
    d = Dashboard()
    a, s_, act, plan, bp, pu = Association, AssociationSector, Activity, ActionPlan, BusinessPlan, ProgressUpdate
    with ws.read() as s:
        d.associations_by_site_sector = _nested(s.execute(
            select(a.site_code, s_.sector, func.count()).join(s_, s_.association_id == a.id)
            .where(a.deleted.is_(False), s_.deleted.is_(False)).group_by(a.site_code, s_.sector)))
        d.activities_by_site_status = _nested(s.execute(
            select(act.site_code, act.status, func.count()).where(act.deleted.is_(False))
            .group_by(act.site_code, act.status)))
        d.plans_by_site_status = _nested(s.execute(
            select(bp.site_code, bp.status, func.count()).where(bp.deleted.is_(False))
            .group_by(bp.site_code, bp.status)))
        # Each activity's latest reported value (the highest, if one day has two reports): one seek per
        # activity in ix_progress_update_latest, instead of grouping every update twice.
        latest = (select(pu.actual_value).where(pu.activity_id == act.id, pu.deleted.is_(False))
                  .order_by(pu.report_date.desc(), pu.actual_value.desc()).limit(1)
                  .correlate(act).scalar_subquery())
        # Capped at 100 %. On SQLite one scalar min(), so the subquery runs once per activity (a CASE names it
        # twice); PostgreSQL's LEAST would turn "no report" (NULL) into 100, so it keeps the CASE.
        pct = 100.0 * latest / act.target
        if ws.db.engine.dialect.name == "sqlite":
            ratio: ColumnElement[Any] = func.min(pct, 100.0)
        else:
            ratio = case((pct > 100.0, 100.0), else_=pct)
        d.achievement_by_site = {site: round(v, 1) for site, v in s.execute(
            select(act.site_code, func.avg(ratio)).where(act.deleted.is_(False), act.target > 0)
            .group_by(act.site_code)) if v is not None}
        d.overdue = [dict(r._mapping) for r in s.execute(
            select(act.id, act.site_code, act.title, act.due_date, act.status, act.plan_id,
                   plan.title.label("plan"))
            .join(plan, plan.id == act.plan_id)
            .where(overdue_activities(today), plan.deleted.is_(False))
            .order_by(act.due_date).limit(overdue_limit))]
    return d


def current(ws: Workspace, *, today: date | None = None) -> Dashboard:
    """The dashboard figures: the saved copy when nothing was written since it was computed (same change
    number, same day), else computed afresh and saved. MI's 100k-record database takes 1–2 s to aggregate;
    most starts of the app find nothing changed since the last one."""
    today = today or date.today()
    with ws.read() as s:
        seq, saved = s.get(AppState, SEQ_KEY), s.get(AppState, CACHE_KEY)
        stamp = f"{seq.value if seq else 0}|{today.isoformat()}"
    if saved is not None:
        try:
            body = json.loads(saved.value)
            if body["stamp"] == stamp:
                return _from_json(body["figures"])
        except (ValueError, KeyError, TypeError):
            pass  # an unreadable copy is computed again
    figures = summary(ws, today=today)
    body = json.dumps({"stamp": stamp, "figures": dataclasses.asdict(figures)}, default=str)
    with ws.db.session() as s:
        s.merge(AppState(key=CACHE_KEY, value=body))
    return figures


def _from_json(data: dict) -> Dashboard:
    d = Dashboard(**data)
    for row in d.overdue:
        row["due_date"] = date.fromisoformat(row["due_date"]) if row.get("due_date") else None
    return d
