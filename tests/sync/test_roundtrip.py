"""A site and MI exchange bundles: data arrives whole, receipts stop re-sending, edits flow back."""

from __future__ import annotations

from conftest import synced_rows

from c4m_desktop.services import associations, business_plans, records
from c4m_desktop.sync import exporter, importer


def test_site_to_mi_and_back(make_ws, make_mi, tmp_path):
    site = make_ws("siem", site="SRP")
    mi = make_mi()
    a = associations.create(site, values={"site_code": "SRP", "name_en": "Puok Silk Weavers", "kind": "artisan_group",
                                          "name_local": "ក្រុមត្បាញសូត្រពួក"}, sectors=["crafts"]).record.record
    business_plans.create(site, values={"association_id": a.id, "title": "Silk 2027", "start_year": 2027,
                                        "horizon_years": 3})
    first = exporter.export(site, to_dir=tmp_path / "out")
    assert first.counts["association"] == 1 and first.counts["business_plan_section"] == 11
    result = importer.import_bundle(mi, first.path)
    assert result.applied == first.rows and result.conflicts == 0
    assert synced_rows(mi) == synced_rows(site)

    # A second import of the same bundle changes nothing.
    again = importer.import_bundle(mi, first.path)
    assert again.applied == 0 and synced_rows(mi) == synced_rows(site)

    # MI corrects the name; its bundle to the site carries the correction and the receipt.
    records.update(mi, kind="association", row_id=a.id, changes={"name_en": "Puok Silk Weavers' Group"})
    reply = exporter.export(mi, recipient="SRP", to_dir=tmp_path / "out")
    importer.import_bundle(site, reply.path)
    assert associations.get(site, row_id=a.id).record.name_en == "Puok Silk Weavers' Group"
    assert synced_rows(mi) == synced_rows(site)

    # The receipt confirmed everything the site sent: with no new edits its next export is empty.
    assert exporter.export(site, to_dir=tmp_path / "out").rows == 0
