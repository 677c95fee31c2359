"""Business plans: the plan, its eleven sections (one row each) and its financial lines."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import select

from ..domain.enums import PlanStatus, SectionKey
from ..domain.financials import PlanFigures, compute
from ..domain.messages import N_, Problem, ValidationError
from ..domain.sites import SITES
from ..store.models import Association, BusinessPlan, BusinessPlanSection, FinancialLine
from . import records
from .workspace import Changes, Workspace, WriteTxn


def create(ws: Workspace, *, values: Mapping[str, Any], source: str | None = None) -> Changes:
    """Create a plan with an empty row for every section, in one transaction.

    The currency defaults to the site's own; status to draft.
    """
    with ws.write(source=source) as txn:
        values = dict(values)
        assoc = txn.session.get(Association, values.get("association_id") or "")
        if assoc is not None:
            values.setdefault("currency", SITES[assoc.site_code].currency)
        values.setdefault("status", PlanStatus.DRAFT.value)
        plan = records.prepare_new(txn, "business_plan", values)
        records.insert_rows(txn, "business_plan", [plan])
        records.insert_rows(txn, "business_plan_section", [
            records.prepare_new(txn, "business_plan_section",
                                {"plan_id": plan["id"], "key": k.value, "body": ""},
                                row_id=records.derived_id("business_plan_section", plan["id"], k.value))
            for k in SectionKey
        ])
        record = records.to_record("business_plan", records.load(txn.session, "business_plan", plan["id"]))
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)


def set_section(ws: Workspace, *, plan_id: str, key: str, body: str) -> Changes:
    """Replace the text of one section."""
    with ws.write() as txn:
        row = txn.session.scalar(select(BusinessPlanSection).where(
            BusinessPlanSection.plan_id == plan_id, BusinessPlanSection.key == key,
            BusinessPlanSection.deleted.is_(False)))
        if row is None:
            raise records.NotFound("business_plan_section", f"{plan_id}/{key}")
        records.apply_update(txn, "business_plan_section", row, {"body": body})
    return Changes(frozenset(txn.tables), frozenset(txn.ids))


def _check_year(txn: WriteTxn, plan_id: str | None, year: Any) -> None:
    plan = txn.session.get(BusinessPlan, plan_id or "")
    if plan is None or not isinstance(year, int):
        return  # the record rules report these
    last = plan.start_year + plan.horizon_years - 1
    if not plan.start_year <= year <= last:
        raise ValidationError([Problem("year", N_("The year must be within the plan: {first} to {last}."),
                                       {"first": plan.start_year, "last": last})])


def add_line(ws: Workspace, *, values: Mapping[str, Any]) -> Changes:
    """Add one financial line (amount in integer minor units of the plan's currency)."""
    with ws.write() as txn:
        _check_year(txn, values.get("plan_id"), values.get("year"))
        row = records.prepare_new(txn, "financial_line", values)
        records.insert_rows(txn, "financial_line", [row])
    return Changes(frozenset(txn.tables), frozenset(txn.ids))


def update_line(ws: Workspace, *, row_id: str, changes: Mapping[str, Any]) -> Changes:
    with ws.write() as txn:
        row = cast(FinancialLine, records.load(txn.session, "financial_line", row_id))
        _check_year(txn, row.plan_id, changes.get("year", row.year))
        records.apply_update(txn, "financial_line", row, changes)
    return Changes(frozenset(txn.tables), frozenset(txn.ids))


def sections(ws: Workspace, *, plan_id: str) -> dict[str, str]:
    """Return every section's text by key, in the plan's order."""
    with ws.read() as s:
        rows = dict(s.execute(select(BusinessPlanSection.key, BusinessPlanSection.body).where(
            BusinessPlanSection.plan_id == plan_id, BusinessPlanSection.deleted.is_(False))).all())
    return {k.value: rows.get(k.value, "") for k in SectionKey}


def figures(ws: Workspace, *, plan_id: str) -> PlanFigures:
    """Derive yearly totals, margins, cash and break-even from the plan's lines."""
    with ws.read() as s:
        plan = cast(BusinessPlan, records.load(s, "business_plan", plan_id))
        lines = s.execute(select(FinancialLine.kind, FinancialLine.year, FinancialLine.amount_minor).where(
            FinancialLine.plan_id == plan_id, FinancialLine.deleted.is_(False))).all()
        return compute(((k, y, a) for k, y, a in lines), start_year=plan.start_year,
                       horizon=plan.horizon_years, currency=plan.currency)


@dataclass(frozen=True)
class PlanDetail:
    record: Any
    association: str
    sections: dict[str, str]
    lines: list[Any]


@dataclass(frozen=True)
class LineEdit:
    """One financial line as the editor holds it; ``id`` None for a new line."""

    id: str | None
    kind: str
    label: str
    year: int
    amount_minor: int


def detail(ws: Workspace, *, plan_id: str) -> PlanDetail:
    """Return a plan with its association's name, its sections and its live lines."""
    with ws.read() as s:
        plan = cast(BusinessPlan, records.load(s, "business_plan", plan_id))
        assoc = s.get(Association, plan.association_id)
        lines = s.scalars(select(FinancialLine).where(
            FinancialLine.plan_id == plan_id, FinancialLine.deleted.is_(False)
        ).order_by(FinancialLine.kind, FinancialLine.label, FinancialLine.year)).all()
        record = records.to_record("business_plan", plan)
        line_records = [records.to_record("financial_line", line) for line in lines]
        name = (assoc.name_en or assoc.name_local or "") if assoc else ""
    return PlanDetail(record, name, sections(ws, plan_id=plan_id), line_records)


def save_editor(ws: Workspace, *, plan_id: str, changes: Mapping[str, Any],
                sections: Mapping[str, str], lines: list[LineEdit]) -> Changes:
    """Save everything the plan editor holds in one transaction.

    Lines missing from ``lines`` are tombstoned, new ones created, changed ones updated.
    """
    with ws.write() as txn:
        plan = records.load(txn.session, "business_plan", plan_id)
        records.apply_update(txn, "business_plan", plan, changes)
        row: BusinessPlanSection | FinancialLine | None  # each section, then each line
        for key, body in sections.items():
            row = txn.session.scalar(select(BusinessPlanSection).where(
                BusinessPlanSection.plan_id == plan_id, BusinessPlanSection.key == key))
            if row is None:
                raise records.NotFound("business_plan_section", f"{plan_id}/{key}")
            records.apply_update(txn, "business_plan_section", row, {"body": body})
        existing = {r.id: r for r in txn.session.scalars(select(FinancialLine).where(
            FinancialLine.plan_id == plan_id, FinancialLine.deleted.is_(False)))}
        kept = {line.id for line in lines if line.id}
        for row_id, row in existing.items():
            if row_id not in kept:
                records.set_deleted(txn, "financial_line", row)
        new_rows = []
        for line in lines:
            values = {"kind": line.kind, "label": line.label, "year": line.year,
                      "amount_minor": line.amount_minor}
            _check_year(txn, plan_id, line.year)
            if line.id and line.id in existing:
                records.apply_update(txn, "financial_line", existing[line.id], values)
            else:
                new_rows.append(records.prepare_new(txn, "financial_line", values | {"plan_id": plan_id}))
        records.insert_rows(txn, "financial_line", new_rows)
    return Changes(frozenset(txn.tables), frozenset(txn.ids))
