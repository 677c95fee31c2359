"""The bundle reader under fuzzing: random bytes and mutated valid bundles are either refused with a
documented reason (a UserError, nothing written) or, when the mutation touched nothing that matters (zip
padding), imported exactly as the intact bundle would be. Never a crash, never a partial write."""

from __future__ import annotations

import pytest
from conftest import synced_rows
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from c4m_desktop.domain.messages import UserError
from c4m_desktop.services import associations
from c4m_desktop.sync import exporter, importer

FUZZ = settings(max_examples=int(__import__("os").environ.get("C4M_FUZZ_EXAMPLES", "60")), deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    from c4m_desktop.services import device
    from c4m_desktop.services.workspace import Workspace

    folder = tmp_path_factory.mktemp("fuzz")
    site = Workspace.open(folder / "site.sqlite")
    device.initialise(site, site_code="SRP", coordinator="Sokha", mi_email="c4m@mekonginstitute.org")
    for name in ("Angkor Stone Carvers", "Puok Silk Weavers", "ក្រុមត្បាញសូត្រពួក"):
        associations.create(site, values={"site_code": "SRP", "name_en": name, "kind": "artisan_group"},
                            sectors=["crafts"])
    good = exporter.export(site, to_dir=folder / "out").path.read_bytes()
    mi = Workspace.open(folder / "mi.sqlite")
    device.initialise(mi, site_code="SRP", coordinator="MI", role="hq")
    reference = Workspace.open(folder / "reference.sqlite")
    device.initialise(reference, site_code="SRP", coordinator="MI", role="hq")
    (folder / "good.c4m").write_bytes(good)
    importer.import_bundle(reference, folder / "good.c4m")
    yield folder, good, mi, synced_rows(reference)
    for ws in (site, mi, reference):
        ws.close()


def attempt(world, data: bytes) -> None:
    folder, _good, mi, imported = world
    before = synced_rows(mi)
    path = folder / "candidate.c4m"
    path.write_bytes(data)
    try:
        importer.import_bundle(mi, path)
    except UserError as refusal:
        assert refusal.message, "a refusal always says why"
        assert synced_rows(mi) == before  # refused: nothing written
        return
    assert synced_rows(mi) in (before, imported)  # accepted: exactly the intact bundle's rows (or a repeat)


@FUZZ
@given(data=st.binary(max_size=4096))
def test_random_bytes_are_refused(world, data):
    attempt(world, data)


@FUZZ
@given(data=st.data())
def test_mutated_bundles_are_refused_or_imported_whole(world, data):
    good = bytearray(world[1])
    for _ in range(data.draw(st.integers(1, 8))):
        i = data.draw(st.integers(0, len(good) - 1))
        good[i] = data.draw(st.integers(0, 255))
    cut = data.draw(st.one_of(st.none(), st.integers(0, len(good))))
    attempt(world, bytes(good[:cut] if cut is not None else good))
