"""Lists filter in SQL; `check` finds what an IT helper must hear about."""

from __future__ import annotations

from datetime import date

from c4m_desktop.services import associations, attachments, integrity, queries, records

BASE = {"kind": "artisan_group", "members_total": 10, "members_women": 5}


def test_list_filters_by_site_search_and_sector(ws):
    associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Puok Silk Group"}, sectors=["crafts"])
    associations.create(ws, values=BASE | {"site_code": "BGN", "name_local": "မြင်းကပါယွန်းထည်အသင်း"},
                        sectors=["crafts", "cultural_tourism"])
    gone = associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Closed Group"}).record.record
    records.delete(ws, kind="association", row_id=gone.id)
    assert [r["name_en"] for r in queries.associations(ws, site="SRP")] == ["Puok Silk Group"]
    assert [r["site_code"] for r in queries.associations(ws, search="ယွန်းထည်")] == ["BGN"]
    assert [r["site_code"] for r in queries.associations(ws, search="silk")] == ["SRP"]
    tourism = queries.associations(ws, sector="cultural_tourism")
    assert [r["sectors"] for r in tourism] == [["crafts", "cultural_tourism"]]
    assert len(queries.associations(ws, limit=1)) == 1


def test_check_reports_a_missing_evidence_file(ws, tmp_path):
    a = associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Puok Silk Group"}).record.record
    scan = tmp_path / "certificate.pdf"
    scan.write_bytes(b"%PDF-1.4 registration certificate")
    sha = attachments.attach(ws, entity_table="association", entity_id=a.id, path=scan).record.sha256
    report = integrity.check(ws)
    assert report.ok and report.counts["attachment"] == 1
    attachments.blob_path(ws, sha).unlink()
    report = integrity.check(ws)
    assert not report.ok
    assert report.problems[0].english() == f"The evidence file {sha[:12]} is missing."


def test_check_reports_a_damaged_evidence_file(ws, tmp_path):
    a = associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Puok Silk Group"}).record.record
    photo = tmp_path / "loom.jpg"
    photo.write_bytes(b"original photo bytes")
    sha = attachments.attach(ws, entity_table="association", entity_id=a.id, path=photo).record.sha256
    attachments.blob_path(ws, sha).write_bytes(b"bit rot")
    assert [p.english() for p in integrity.check(ws).problems] == [f"The evidence file {sha[:12]} is damaged."]


def test_dashboard_figures(ws):
    from datetime import date

    from c4m_desktop.services import action_plans, dashboard

    associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "A"}, sectors=["crafts", "music"])
    associations.create(ws, values=BASE | {"site_code": "BGN", "name_en": "B"}, sectors=["crafts"])
    plan = action_plans.create(ws, values={"site_code": "SRP", "scope": "site", "owner": "Sokha",
                                           "title": "P", "status": "active"}).record
    action_plans.save_editor(ws, plan_id=plan.id, changes={}, activities=[
        (None, {"title": "Fair", "status": "in_progress", "start_date": date(2026, 1, 1),
                "due_date": date(2026, 3, 1), "target": 40.0}),
        (None, {"title": "Survey", "status": "not_started", "start_date": date(2026, 1, 1),
                "due_date": date(2027, 3, 1), "target": 10.0})])
    fair = action_plans.detail(ws, plan_id=plan.id).activities[0].record
    for day, actual in ((date(2026, 2, 1), 10.0), (date(2026, 2, 20), 30.0)):
        action_plans.add_progress(ws, values={"activity_id": fair.id, "report_date": day, "actual_value": actual,
                                              "status": "in_progress", "reported_by": "Sokha"})
    d = dashboard.summary(ws, today=date(2026, 6, 1))
    assert d.associations_by_site_sector == {"SRP": {"crafts": 1, "music": 1}, "BGN": {"crafts": 1}}
    assert d.activities_by_site_status == {"SRP": {"in_progress": 1, "not_started": 1}}
    assert d.achievement_by_site == {"SRP": 75.0}  # latest actual 30 of target 40
    assert [o["title"] for o in d.overdue] == ["Fair"]


def test_dashboard_figures_are_reused_until_something_changes_or_the_day_turns(ws, monkeypatch):
    from c4m_desktop.services import associations, dashboard, demo

    demo.generate(ws, associations=40, seed=2, today=date(2026, 6, 1))
    first = dashboard.current(ws, today=date(2026, 6, 1))
    assert first.overdue and isinstance(first.overdue[0]["due_date"], date)
    computed = []
    real = dashboard.summary
    monkeypatch.setattr(dashboard, "summary", lambda *a, **k: computed.append(1) or real(*a, **k))
    assert dashboard.current(ws, today=date(2026, 6, 1)) == first and computed == []  # the saved copy
    assert dashboard.current(ws, today=date(2026, 6, 2)) is not None and len(computed) == 1  # a new day
    associations.create(ws, values={"site_code": "HUE", "name_en": "Kim Long Conical Hats", "kind": "artisan_group"},
                        sectors=["crafts"])
    after = dashboard.current(ws, today=date(2026, 6, 2))
    assert len(computed) == 2 and after.associations_by_site_sector["HUE"]["crafts"] == \
        first.associations_by_site_sector["HUE"].get("crafts", 0) + 1
