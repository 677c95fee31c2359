"""A bundle whose Burmese text is Zawgyi-encoded is flagged in the preview, and imported unchanged."""

from __future__ import annotations

from c4m_desktop.services import associations, records
from c4m_desktop.sync import exporter, importer

ZAWGYI = "ျမင္းကပါး ယြန္းထည္"  # Myinkaba lacquerware, typed with a Zawgyi keyboard
UNICODE = "မြင်းကပါး ယွန်းထည်"


def test_a_zawgyi_row_is_flagged_in_the_preview(make_ws, tmp_path):
    site = make_ws("bagan", site="BGN")
    mi = make_ws("mi", role="hq")
    suspect = associations.create(site, values={"site_code": "BGN", "name_en": "Myinkaba Lacquer",
                                                "kind": "artisan_group", "name_local": ZAWGYI}).record.record
    associations.create(site, values={"site_code": "BGN", "name_en": "Bagan Puppets", "kind": "artisan_group",
                                      "name_local": "ပုဂံ ရုပ်သေး"})
    records.create(site, kind="member", values={"association_id": suspect.id, "name": "ေမာင္ေမာင္", "kind": "artisan"})
    gone = associations.create(site, values={"site_code": "BGN", "name_en": "Old Group", "kind": "artisan_group",
                                             "name_local": ZAWGYI}).record.record
    records.delete(site, kind="association", row_id=gone.id)  # a tombstone is nothing to fix
    bundle = exporter.export(site, to_dir=tmp_path / "out")

    preview = importer.preview(mi, bundle.path)
    assert [(s.table, s.row_id, s.fields) for s in preview.zawgyi_suspects] == [
        ("association", suspect.id, ("name_local",)),
        ("member", preview.zawgyi_suspects[1].row_id, ("name",)),
    ]

    result = importer.import_bundle(mi, bundle.path)
    assert len(result.preview.zawgyi_suspects) == 2
    assert associations.get(mi, row_id=suspect.id).record.name_local == ZAWGYI  # never changed silently


def test_the_import_dialog_says_so_in_one_line(make_ws, tmp_path):
    from c4m_desktop.ui.import_dialog import READY, BundleFile, details_html

    site = make_ws("bagan", site="BGN")
    mi = make_ws("mi", role="hq")
    associations.create(site, values={"site_code": "BGN", "name_en": "Myinkaba Lacquer", "kind": "artisan_group",
                                      "name_local": ZAWGYI})
    preview = importer.preview(mi, exporter.export(site, to_dir=tmp_path / "out").path)
    text = details_html(BundleFile(preview.path, READY, preview))
    assert "1 record has Burmese text that looks like Zawgyi" in text

    preview.zawgyi_suspects.clear()
    assert "Zawgyi" not in details_html(BundleFile(preview.path, READY, preview))
