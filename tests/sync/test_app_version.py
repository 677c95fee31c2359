"""Bundles say which app version made them, so MI can see which sites still run an older build."""

from __future__ import annotations

from test_refusals import resign

from c4m_desktop import __version__
from c4m_desktop.services import associations
from c4m_desktop.sync import exporter, importer, keys


def test_the_preview_shows_the_version_that_made_a_bundle(make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    mi = make_ws("mi", role="hq")
    associations.create(site, values={"site_code": "SRP", "name_en": "Angkor Stone Carvers", "kind": "association"})
    new = exporter.export(site, to_dir=tmp_path / "out").path
    assert importer.preview(mi, new).app_version == __version__

    older = resign(new, tmp_path / "older.c4m", keys.signing_key(site),
                   manifest_edit=lambda m: m.pop("app_version"))  # as builds before this one wrote them
    preview = importer.preview(mi, older)
    assert preview.app_version is None
    assert importer.import_bundle(mi, older).applied >= 1  # and it still imports
