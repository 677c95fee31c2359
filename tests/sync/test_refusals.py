"""Every reason to refuse a bundle: exit 2, a clear message, the database exactly as before."""

from __future__ import annotations

import io
import json
import os
import zipfile
from pathlib import Path

import pytest
from conftest import synced_rows
from nacl.signing import SigningKey
from sqlalchemy import select

from c4m_desktop.cli import main
from c4m_desktop.services import associations, attachments, settings
from c4m_desktop.store.models import ImportLog
from c4m_desktop.sync import bundle, exporter, importer, keys


@pytest.fixture
def pair(make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    mi = make_ws("mi", role="hq")
    associations.create(site, values={"site_code": "SRP", "name_en": "Angkor Stone Carvers", "kind": "artisan_group"},
                        sectors=["crafts"])
    good = exporter.export(site, to_dir=tmp_path / "out").path
    return site, mi, good


def members_of(path: Path) -> tuple[dict, dict[str, bytes]]:
    with zipfile.ZipFile(path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop(bundle.MANIFEST))
    members.pop(bundle.SIGNATURE)
    return manifest, members


def resign(src: Path, dst: Path, key: SigningKey, *, manifest_edit=None, members_edit=None) -> Path:
    manifest, members = members_of(src)
    manifest.pop("members")
    if manifest_edit:
        manifest_edit(manifest)
    if members_edit:
        members_edit(members)
    manifest["public_key_hex"] = bytes(key.verify_key).hex()
    bundle.write(dst, manifest, members, key)
    return dst


def raw_zip(dst: Path, members: dict[str, bytes]) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    dst.write_bytes(buf.getvalue())
    return dst


def refused(mi, path: Path, capsys, expected: str) -> None:
    before = synced_rows(mi)
    code = main(["--db", str(mi.db.path), "import", str(path)])
    err = capsys.readouterr().err
    assert code == 2, err
    assert expected in err
    assert synced_rows(mi) == before
    with mi.read() as s:
        last = s.scalars(select(ImportLog).order_by(ImportLog.started_at.desc())).first()
    assert last.outcome == "refused" and expected in last.reason


def edit_rows(table: str, fn):
    def edit(members):
        rows = [json.loads(line) for line in members[f"rows/{table}.jsonl"].splitlines()]
        members[f"rows/{table}.jsonl"] = bundle.jsonl(fn(rows))
    return edit


def test_not_a_bundle(pair, tmp_path, capsys):
    _site, mi, _good = pair
    letter = tmp_path / "letter.c4m"
    letter.write_text("Dear MI, please find attached...")
    refused(mi, letter, capsys, "not a c4m bundle")


def test_truncated_zip(pair, tmp_path, capsys):
    _site, mi, good = pair
    cut = tmp_path / "cut.c4m"
    cut.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    refused(mi, cut, capsys, "damaged or incomplete")


def test_member_differs_from_manifest(pair, tmp_path, capsys):
    _site, mi, good = pair
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members["rows/association.jsonl"] = members["rows/association.jsonl"].replace(b"Angkor", b"Ankgor")
    refused(mi, raw_zip(tmp_path / "edited.c4m", members), capsys, "differs from its manifest")


def test_bad_signature(pair, tmp_path, capsys):
    _site, mi, good = pair
    with zipfile.ZipFile(good) as z:
        members = {n: z.read(n) for n in z.namelist()}
    members[bundle.MANIFEST] = members[bundle.MANIFEST].replace(b'"recipient": "hq"', b'"recipient": "HQ"')
    refused(mi, raw_zip(tmp_path / "forged.c4m", members), capsys, "signature is not valid")


def test_changed_device_key(pair, tmp_path, capsys):
    _site, mi, good = pair
    importer.import_bundle(mi, good)  # the site's key is now known (trust on first use)
    impostor = resign(good, tmp_path / "impostor.c4m", SigningKey.generate())
    refused(mi, impostor, capsys, "different key than earlier bundles")


def test_revoked_key(pair, tmp_path, capsys):
    site, mi, good = pair
    keys.trust(mi, site.require_device().id, keys.public_key(site))
    keys.revoke(mi, site.require_device().id)
    refused(mi, good, capsys, "was revoked")


def test_newer_schema(pair, tmp_path, capsys):
    site, mi, good = pair
    newer = resign(good, tmp_path / "newer.c4m", keys.signing_key(site),
                   manifest_edit=lambda m: m.update(schema="9999"))
    refused(mi, newer, capsys, "newer version of the app")


def test_unknown_table(pair, tmp_path, capsys):
    site, mi, good = pair
    odd = resign(good, tmp_path / "table.c4m", keys.signing_key(site),
                 members_edit=lambda m: m.update({"rows/festival.jsonl": b'{"id": "x"}\n'}))
    refused(mi, odd, capsys, "table this app does not know (festival)")


def test_unknown_field(pair, tmp_path, capsys):
    site, mi, good = pair
    odd = resign(good, tmp_path / "field.c4m", keys.signing_key(site),
                 members_edit=edit_rows("association", lambda rows: [r | {"mascot": "naga"} for r in rows]))
    refused(mi, odd, capsys, "field this app does not know (association.mascot)")


def test_invalid_row(pair, tmp_path, capsys):
    site, mi, good = pair
    odd = resign(good, tmp_path / "invalid.c4m", keys.signing_key(site),
                 members_edit=edit_rows("association", lambda rows: [r | {"kind": "spaceship"} for r in rows]))
    refused(mi, odd, capsys, "breaks a rule (kind")


def test_wrong_type(pair, tmp_path, capsys):
    site, mi, good = pair
    odd = resign(good, tmp_path / "type.c4m", keys.signing_key(site),
                 members_edit=edit_rows("association", lambda rows: [r | {"deleted": "no"} for r in rows]))
    refused(mi, odd, capsys, "invalid deleted (not a boolean)")


def test_duplicate_ids(pair, tmp_path, capsys):
    site, mi, good = pair
    odd = resign(good, tmp_path / "dup.c4m", keys.signing_key(site),
                 members_edit=edit_rows("association", lambda rows: rows + rows))
    refused(mi, odd, capsys, "same association record twice")


@pytest.mark.parametrize("name", ["../../outside.txt", "/etc/cron.d/c4m"])
def test_unsafe_paths(pair, tmp_path, capsys, name):
    site, mi, good = pair
    odd = resign(good, tmp_path / "path.c4m", keys.signing_key(site),
                 members_edit=lambda m: m.update({name: b"* * * * * root true\n"}))
    refused(mi, odd, capsys, "unsafe path")
    assert not (tmp_path / "outside.txt").exists()


def test_zip_bomb_by_ratio(pair, tmp_path, capsys):
    site, mi, good = pair
    zeros = bytes(64 * 1024 * 1024)
    bomb = tmp_path / "bomb.c4m"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("rows/association.jsonl", zeros)
    refused(mi, bomb, capsys, "zip bomb")


def test_zip_bomb_by_total_size(pair, tmp_path, capsys):
    site, mi, good = pair
    settings.put(mi, importer.MAX_MB_SETTING, "1")
    noise = os.urandom(3 * 1024 * 1024 // 2)  # incompressible: no ratio alarm, only the total
    big = resign(good, tmp_path / "big.c4m", keys.signing_key(site),
                 members_edit=lambda m: m.update({f"files/{bundle.sha256(noise)}": noise}))
    refused(mi, big, capsys, "zip bomb")


def test_sealed_for_someone_else(pair, tmp_path, capsys):
    site, mi, _good = pair
    stranger = SigningKey.generate()
    keys.trust(site, "mi-elsewhere", keys.b64(bytes(stranger.verify_key)))
    settings.put(site, exporter.ENCRYPT_TO, "mi-elsewhere")
    sealed = exporter.export(site, to_dir=tmp_path / "sealed").path
    assert b"Angkor" not in sealed.read_bytes()
    refused(mi, sealed, capsys, "encrypted for another recipient")


def test_missing_attachment_file(pair, tmp_path, capsys):
    site, mi, good = pair
    evidence = tmp_path / "photo.jpg"
    evidence.write_bytes(b"\xff\xd8 carving")
    a = associations.create(site, values={"site_code": "SRP", "name_en": "Puok Silver", "kind": "artisan_group"})
    attachments.attach(site, entity_table="association", entity_id=a.record.record.id, path=evidence)
    full = exporter.export(site, full=True, to_dir=tmp_path / "full").path
    odd = resign(full, tmp_path / "nofile.c4m", keys.signing_key(site),
                 members_edit=lambda m: [m.pop(k) for k in [k for k in m if k.startswith("files/")]])
    refused(mi, odd, capsys, "lists the file photo.jpg but does not hold it")
