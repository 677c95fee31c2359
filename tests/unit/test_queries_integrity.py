"""Lists filter in SQL; `check` finds what an IT helper must hear about."""

from __future__ import annotations

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
