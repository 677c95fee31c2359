"""Services on a real SQLite file: stamps, history per changed field, tombstones, derived figures."""

from __future__ import annotations

import json
from datetime import date

import pytest
from sqlalchemy import select

from c4m_desktop.domain.messages import UserError
from c4m_desktop.services import action_plans, associations, attachments, business_plans, records
from c4m_desktop.store.models import AppState, Association, History

ASSOC = {"site_code": "SRP", "name_en": "Puok Silk Weaving Group", "name_local": "ក្រុមត្បាញសូត្រពួក",
         "kind": "artisan_group", "members_total": 20, "members_women": 15}


def history(ws, row_id):
    with ws.read() as s:
        return [(h.field, h.old, h.new) for h in s.scalars(
            select(History).where(History.row_id == row_id).order_by(History.id))]


def test_create_stamps_sync_identity(ws):
    detail = associations.create(ws, values=ASSOC, sectors=["crafts", "cultural_tourism"]).record
    rec = detail.record
    me = ws.local_device().id
    assert rec.origin_device == me and rec.hlc.endswith("/" + me)
    assert json.loads(rec.vv) == {me: 1}
    assert rec.deleted is False and rec.change_seq >= 1
    assert rec.created_at.tzinfo is not None
    assert detail.sectors == ("crafts", "cultural_tourism")


def test_history_has_one_row_per_changed_field(ws):
    rec = associations.create(ws, values=ASSOC).record.record
    changes = associations.update(ws, row_id=rec.id, changes={
        "members_total": 25, "email": "puok@silk.example", "name_en": "Puok Silk Weaving Group"})
    assert history(ws, rec.id) == [
        ("(created)", None, None), ("members_total", "20", "25"), ("email", None, "puok@silk.example")]
    after = changes.record.record
    assert after.hlc > rec.hlc and after.change_seq > rec.change_seq
    assert json.loads(after.vv) == {ws.local_device().id: 2}
    assert changes.tables == {"association"} and rec.id in changes.ids


def test_an_edit_that_changes_nothing_writes_nothing(ws):
    rec = associations.create(ws, values=ASSOC).record.record
    associations.update(ws, row_id=rec.id, changes={"members_total": 20})
    assert history(ws, rec.id) == [("(created)", None, None)]
    assert records.get(ws, kind="association", row_id=rec.id).hlc == rec.hlc


def test_text_is_stored_nfc_normalised(ws):
    decomposed = "Hu\u0065\u0302\u0301"  # "Huế" typed with combining marks
    rec = associations.create(ws, values=ASSOC | {"site_code": "HUE", "district": decomposed}).record.record
    assert rec.district == "Hu\u1ebf"


def test_sector_removal_is_a_tombstone_and_re_adding_revives_it(ws):
    rec = associations.create(ws, values=ASSOC, sectors=["crafts", "music"]).record.record
    assert associations.update(ws, row_id=rec.id, changes={}, sectors=["crafts"]).record.sectors == ("crafts",)
    assert associations.update(ws, row_id=rec.id, changes={}, sectors=["crafts", "music"]).record.sectors == (
        "crafts", "music")
    link_id = records.derived_id("association_sector", rec.id, "music")
    assert [f for f, _, _ in history(ws, link_id)] == ["(created)", "deleted", "deleted"]


def test_soft_delete_takes_the_children_along(ws):
    a = associations.create(ws, values=ASSOC, sectors=["crafts"]).record.record
    m = records.create(ws, kind="member", values={"association_id": a.id, "name": "Dara", "kind": "artisan"}).record
    assert m.site_code == "SRP"  # from its association
    records.delete(ws, kind="association", row_id=a.id)
    with ws.read() as s:
        row = s.get(Association, a.id)
        assert row is not None and row.deleted  # never hard-deleted
    with pytest.raises(records.NotFound):
        records.get(ws, kind="member", row_id=m.id)
    assert records.children(ws, kind="member", fk="association_id", parent_id=a.id) == []


def test_a_failed_write_leaves_nothing_behind(ws):
    associations.create(ws, values=ASSOC | {"name_en": "First"})
    with ws.read() as s:
        seq_before = s.get(AppState, "change_seq").value
    with pytest.raises(records.ValidationError):
        associations.create(ws, values=ASSOC, sectors=["crafts", "pottery"])
    with ws.read() as s:
        assert [a.name_en for a in s.scalars(select(Association))] == ["First"]
        assert s.get(AppState, "change_seq").value == seq_before
        assert s.scalar(select(History).where(History.row_id.notin_(
            select(Association.id)), History.table_name == "association")) is None


def test_business_plan_sections_and_derived_figures(ws):
    a = associations.create(ws, values=ASSOC).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Silk plan",
                                             "start_year": 2026, "horizon_years": 3}).record
    assert plan.currency == "KHR" and plan.status == "draft"
    assert list(business_plans.sections(ws, plan_id=plan.id)) == [
        "executive_summary", "organisation", "products", "market", "marketing", "operations",
        "management", "ipr_strategy", "sustainability", "risks", "funding"]
    business_plans.set_section(ws, plan_id=plan.id, key="market", body="Tourists at Angkor.")
    assert business_plans.sections(ws, plan_id=plan.id)["market"] == "Tourists at Angkor."
    lines = [("revenue", 2026, 1000), ("cost_of_sales", 2026, 600), ("operating_expense", 2026, 500),
             ("investment", 2026, 300), ("funding", 2026, 200),
             ("revenue", 2027, 2000), ("cost_of_sales", 2027, 900), ("operating_expense", 2027, 500)]
    for kind, year, amount in lines:
        business_plans.add_line(ws, values={"plan_id": plan.id, "kind": kind, "label": kind, "year": year,
                                            "amount_minor": amount * 100})
    f = business_plans.figures(ws, plan_id=plan.id)
    y1, y2, y3 = f.years
    assert (y1.gross_margin, y1.net_result, y1.net_cash_flow) == (40000, -10000, -20000)
    assert (y2.gross_margin, y2.net_result) == (110000, 60000)
    assert f.cumulative_cash == (-20000, 40000, 40000)
    assert f.break_even_year == 2027
    assert f.totals.revenue == 300000 and y3.revenue == 0
    assert all(isinstance(v, int) for v in (y1.revenue, y1.net_result, *f.cumulative_cash))


def test_progress_updates_are_append_only_and_move_the_activity(ws):
    plan = action_plans.create(ws, values={"site_code": "SRP", "scope": "site", "owner": "Sokha",
                                           "title": "Siem Reap 2026", "status": "active"}).record
    act = records.create(ws, kind="activity", values={
        "plan_id": plan.id, "title": "Craft fair", "status": "not_started",
        "start_date": date(2026, 2, 1), "due_date": date(2026, 3, 1)}).record
    up = action_plans.add_progress(ws, values={"activity_id": act.id, "report_date": date(2026, 2, 15),
                                               "percent_complete": 50.0, "status": "in_progress",
                                               "reported_by": "Sokha"}).record
    assert records.get(ws, kind="activity", row_id=act.id).status == "in_progress"
    with pytest.raises(UserError):
        records.update(ws, kind="progress_update", row_id=up.id, changes={"percent_complete": 60.0})
    assert [u.percent_complete for u in action_plans.progress(ws, activity_id=act.id)] == [50.0]


def test_attachments_are_content_addressed_with_a_size_limit(ws, tmp_path):
    a = associations.create(ws, values=ASSOC).record.record
    photo = tmp_path / "loom.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a photo of the loom")
    first = attachments.attach(ws, entity_table="association", entity_id=a.id, path=photo).record
    second = attachments.attach(ws, entity_table="association", entity_id=a.id, path=photo).record
    assert first.sha256 == second.sha256 and first.mime_type == "image/jpeg"
    stored = attachments.blob_path(ws, first.sha256)
    assert stored.read_bytes() == photo.read_bytes()
    assert len(list(ws.files_dir.rglob("*"))) == 2  # one folder, one file: stored once
    big = tmp_path / "scan.pdf"
    big.write_bytes(b"x" * 2048)
    with pytest.raises(attachments.AttachmentTooLarge) as err:
        attachments.attach(ws, entity_table="association", entity_id=a.id, path=big, limit=1024)
    assert "scan.pdf" in str(err.value)
    assert len(records.children(ws, kind="attachment", fk="entity_id", parent_id=a.id)) == 2


def test_plan_editor_saves_everything_in_one_transaction(ws):
    a = associations.create(ws, values=ASSOC).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Silk plan",
                                             "start_year": 2026, "horizon_years": 2}).record
    Line = business_plans.LineEdit
    business_plans.save_editor(ws, plan_id=plan.id, changes={"status": "in_review"},
                               sections={"market": "Tourists"},
                               lines=[Line(None, "revenue", "Scarves", 2026, 500000),
                                      Line(None, "revenue", "Scarves", 2027, 700000)])
    d = business_plans.detail(ws, plan_id=plan.id)
    assert d.record.status == "in_review" and d.sections["market"] == "Tourists" and d.association == ASSOC["name_en"]
    first, second = sorted(d.lines, key=lambda r: r.year)
    # Drop 2027, change 2026; a bad line in the same save must leave all of it unsaved.
    with pytest.raises(records.ValidationError):
        business_plans.save_editor(ws, plan_id=plan.id, changes={"title": "Renamed"}, sections={},
                                   lines=[Line(first.id, "revenue", "Scarves", 2026, 600000),
                                          Line(None, "revenue", "Out of range", 2031, 1)])
    assert business_plans.detail(ws, plan_id=plan.id).record.title == "Silk plan"
    business_plans.save_editor(ws, plan_id=plan.id, changes={}, sections={},
                               lines=[Line(first.id, "revenue", "Scarves", 2026, 600000)])
    d = business_plans.detail(ws, plan_id=plan.id)
    assert [(x.year, x.amount_minor) for x in d.lines] == [(2026, 600000)]
    assert business_plans.figures(ws, plan_id=plan.id).totals.revenue == 600000


def test_action_plan_editor_save_overdue_and_evidence(ws, tmp_path):
    from c4m_desktop.services import queries

    plan = action_plans.create(ws, values={"site_code": "SRP", "scope": "site", "owner": "Sokha",
                                           "title": "Siem Reap 2026", "status": "active"}).record
    late = {"title": "Craft fair", "status": "in_progress", "start_date": date(2026, 1, 5),
            "due_date": date(2026, 2, 1)}
    future = {"title": "Trademark filing", "status": "not_started", "start_date": date(2026, 3, 1),
              "due_date": date(2099, 1, 1)}
    action_plans.save_editor(ws, plan_id=plan.id, changes={"objective": "Sales up"},
                             activities=[(None, late), (None, future)])
    d = action_plans.detail(ws, plan_id=plan.id)
    assert [a.record.title for a in d.activities] == ["Craft fair", "Trademark filing"]
    assert [a.overdue(date(2026, 11, 23)) for a in d.activities] == [True, False]
    assert [p["overdue"] for p in queries.action_plans(ws, overdue=True)] == [1]

    photo = tmp_path / "fair.jpg"
    photo.write_bytes(b"\xff\xd8 stall photo")
    fair = d.activities[0].record
    up = action_plans.add_progress(ws, values={"activity_id": fair.id, "report_date": date(2026, 2, 3),
                                               "percent_complete": 100.0, "status": "done",
                                               "reported_by": "Sokha"}, evidence=[photo]).record
    assert [a.filename for a in records.children(ws, kind="attachment", fk="entity_id", parent_id=up.id)] == ["fair.jpg"]
    assert queries.action_plans(ws, overdue=True) == []
    d = action_plans.detail(ws, plan_id=plan.id)
    assert d.activities[0].percent == 100.0 and d.activities[0].record.status == "done"
    # Removing an activity in the editor tombstones it with its updates.
    action_plans.save_editor(ws, plan_id=plan.id, changes={}, activities=[(d.activities[1].record.id, future)])
    assert [a.record.title for a in action_plans.detail(ws, plan_id=plan.id).activities] == ["Trademark filing"]
    assert action_plans.progress(ws, activity_id=fair.id) == []
