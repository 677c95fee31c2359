"""Lost e-mail is healed by receipts, and MI converges whatever order bundles arrive in."""

from __future__ import annotations

import itertools
import json
import random
import zipfile

from conftest import synced_rows

from c4m_desktop.services import associations, demo, queries, records
from c4m_desktop.sync import exporter, importer


def rows_in(path, table: str) -> dict[str, dict]:
    with zipfile.ZipFile(path) as z:
        name = f"rows/{table}.jsonl"
        if name not in z.namelist():
            return {}
        return {r["id"]: r for r in map(json.loads, z.read(name).splitlines())}


def test_a_lost_bundle_is_carried_by_the_next_one(make_ws, tmp_path):
    site = make_ws("hue", site="HUE")
    mi = make_ws("mi", role="hq")
    out = tmp_path / "out"

    def new(name):
        return associations.create(site, values={"site_code": "HUE", "name_en": name,
                                                 "kind": "artisan_group"}).record.record

    monday = new("Sinh Village Painters")
    b1 = exporter.export(site, to_dir=out).path
    wednesday = new("Thanh Tien Paper Flowers")
    records.update(site, kind="association", row_id=monday.id, changes={"village": "Sinh"})
    b2 = exporter.export(site, to_dir=out).path  # this e-mail never arrives
    friday = new("Phuoc Tich Potters")
    b3 = exporter.export(site, to_dir=out).path

    # Nothing confirmed bundle 2, so bundle 3 holds every row bundle 2 held, at the same version or newer.
    held2, held3 = rows_in(b2, "association"), rows_in(b3, "association")
    assert {wednesday.id, monday.id} <= set(held2) <= set(held3) and friday.id in held3
    assert all(held3[i]["hlc"] >= held2[i]["hlc"] for i in held2)

    importer.import_bundle(mi, b3)  # out of order, and bundle 1 arrives late
    importer.import_bundle(mi, b1)
    assert synced_rows(mi) == synced_rows(site)

    # MI's reply confirms bundle 3: the site's next export is empty until something new is typed.
    importer.import_bundle(site, exporter.export(mi, recipient="HUE", to_dir=out).path)
    assert exporter.export(site, to_dir=out).rows == 0
    records.update(site, kind="association", row_id=friday.id, changes={"village": "Phuoc Tich"})
    assert rows_in(exporter.export(site, to_dir=out).path, "association").keys() == {friday.id}


def test_a_lost_bundle_after_a_receipt_is_healed(make_ws, tmp_path):
    site = make_ws("lpb", site="LPB")
    mi = make_ws("mi", role="hq")
    out = tmp_path / "out"
    first = associations.create(site, values={"site_code": "LPB", "name_en": "Ban Xang Khong Paper",
                                              "kind": "artisan_group"}).record.record
    importer.import_bundle(mi, exporter.export(site, to_dir=out).path)
    importer.import_bundle(site, exporter.export(mi, recipient="LPB", to_dir=out).path)  # receipt for bundle 1

    records.update(site, kind="association", row_id=first.id, changes={"village": "Xang Khong"})
    lost = exporter.export(site, to_dir=out)
    assert lost.rows == 1  # only what MI has not confirmed
    second = associations.create(site, values={"site_code": "LPB", "name_en": "Ban Phanom Weavers",
                                               "kind": "artisan_group"}).record.record
    healing = exporter.export(site, to_dir=out)
    assert set(rows_in(healing.path, "association")) == {first.id, second.id}
    importer.import_bundle(mi, healing.path)
    assert synced_rows(mi) == synced_rows(site)


def test_mi_converges_in_any_order_and_reimport_changes_nothing(make_ws, make_mi, tmp_path):
    sites = ["AYU", "SRP", "HUE", "LPB", "BGN"]
    bundles = []
    for i, code in enumerate(sites):
        w = make_ws(f"site-{code}", site=code)
        demo.generate(w, associations=12, seed=i + 1)
        bundles.append(exporter.export(w, to_dir=tmp_path / "out").path)
    orders = random.Random(7).sample(list(itertools.permutations(bundles)), 3)
    replicas = []
    for n, order in enumerate(orders):
        mi = make_mi(f"mi-{n}")
        for path in order:
            importer.import_bundle(mi, path)
        again = [importer.import_bundle(mi, path) for path in reversed(order)]
        assert sum(r.applied for r in again) == 0 and sum(r.conflicts for r in again) == 0
        replicas.append(synced_rows(mi))
    assert replicas[0]["association"] and len(replicas[0]["association"]) == 5 * 12
    assert replicas[0] == replicas[1] == replicas[2]


def test_concurrent_edits_keep_the_loser_as_a_conflict_everywhere(make_ws, make_mi, tmp_path):
    out = tmp_path / "out"
    laptop1, laptop2 = make_ws("sokha", site="SRP"), make_ws("dara", site="SRP")
    mi = make_mi()
    group = associations.create(laptop1, values={"site_code": "SRP", "name_en": "Angkor Silk Farm Weavers",
                                                 "kind": "artisan_group"}).record.record
    importer.import_bundle(laptop2, exporter.export(laptop1, recipient="SRP", to_dir=out).path)
    records.update(laptop1, kind="association", row_id=group.id, changes={"village": "Puok"})
    records.update(laptop2, kind="association", row_id=group.id, changes={"village": "Kralanh"})
    for laptop in (laptop1, laptop2):
        importer.import_bundle(mi, exporter.export(laptop, to_dir=out).path)
    conflicts = queries.conflicts(mi)
    assert len(conflicts) == 1 and conflicts[0]["row_id"] == group.id
    winner = associations.get(mi, row_id=group.id).record.village
    loser = json.loads(records.get(mi, kind="conflict", row_id=conflicts[0]["id"]).loser_json)["village"]
    assert {winner, loser} == {"Puok", "Kralanh"}  # the other version is kept, not lost

    for laptop in (laptop1, laptop2):
        importer.import_bundle(laptop, exporter.export(mi, recipient="SRP", to_dir=out).path)
    assert synced_rows(laptop1) == synced_rows(laptop2) == synced_rows(mi)
