"""Files from outside the app: evidence by content not name, no paths out of the data folder from a
bundle or a backup stick, and small files that cannot swallow memory or crash a list."""

from __future__ import annotations

import json
import zipfile

import pytest
from conftest import synced_rows
from sqlalchemy import select

from c4m_desktop import i18n
from c4m_desktop.domain import files
from c4m_desktop.domain.messages import UserError
from c4m_desktop.services import associations, attachments, backups, import_fields, settings
from c4m_desktop.store.models import Attachment
from c4m_desktop.sync import bundle, exporter, importer, keys

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(50)


def _association(ws) -> str:
    return associations.create(ws, values={"site_code": "SRP", "name_en": "Angkor Stone Carvers",
                                           "kind": "artisan_group"}, sectors=["crafts"]).record.record.id


def test_evidence_type_comes_from_content(ws, tmp_path):
    a = _association(ws)
    photo = tmp_path / "weaving.pdf"  # a photo with the wrong extension
    photo.write_bytes(PNG)
    sheet = tmp_path / "members.xlsx"
    with zipfile.ZipFile(sheet, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
    notes = tmp_path / "visit.csv"
    notes.write_text("date,note\n2026-11-02,ស្រីម៉ុម came\n", encoding="utf-8")
    attachments.attach_many(ws, entity_table="association", entity_id=a, paths=[photo, sheet, notes])
    with ws.read() as s:
        kinds = {r.filename: r.mime_type for r in s.scalars(select(Attachment))}
    assert kinds == {"weaving.pdf": "image/png",
                     "members.xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                     "visit.csv": "text/csv"}


@pytest.mark.parametrize("head", [b"MZ\x90\x00\x03", b"\x7fELF\x02\x01\x01", b"#!/bin/sh\nrm -rf ~\n",
                                  b"\xcf\xfa\xed\xfe\x07\x00\x00\x01"])
def test_a_program_is_never_attached(ws, tmp_path, head):
    a = _association(ws)
    good = tmp_path / "photo.jpg"
    good.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    disguised = tmp_path / "receipt.jpg"
    disguised.write_bytes(head + bytes(100))
    before = synced_rows(ws)
    with pytest.raises(attachments.NotEvidence) as refused:
        attachments.attach_many(ws, entity_table="association", entity_id=a, paths=[good, disguised])
    assert "receipt.jpg is a program" in i18n.error_text(refused.value)
    assert synced_rows(ws) == before and not any(ws.files_dir.glob("*/*"))


def _rewritten(src, dst, site, edit_rows):
    with zipfile.ZipFile(src) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop(bundle.MANIFEST))
    members.pop(bundle.SIGNATURE)
    manifest.pop("members")
    rows = [json.loads(line) for line in members["rows/attachment.jsonl"].splitlines()]
    edit_rows(rows)
    members["rows/attachment.jsonl"] = bundle.jsonl(rows)
    bundle.write(dst, manifest, members, keys.signing_key(site))
    return dst


@pytest.mark.parametrize("field,value", [("sha256", "../../../../../../etc/passwd"),
                                         ("sha256", "AB" * 32), ("filename", "../../.bashrc"),
                                         ("filename", "C:\\Windows\\evil.exe"), ("filename", "a\x00.jpg")])
def test_a_bundle_cannot_point_outside_the_data_folder(make_ws, tmp_path, field, value):
    site, mi = make_ws("siem", site="SRP"), make_ws("mi", role="hq")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0" + bytes(100))
    attachments.attach(site, entity_table="association", entity_id=_association(site), path=photo)
    made = exporter.export(site, to_dir=tmp_path / "out")

    def poison(rows):
        rows[0][field] = value
        rows[0]["deleted"] = field == "sha256"  # a deleted row needs no file in the bundle: the easy way in
    bad = _rewritten(made.path, tmp_path / "bad.c4m", site, poison)
    before = synced_rows(mi)
    with pytest.raises(UserError) as refused:
        importer.import_bundle(mi, bad)
    assert "attachment" in i18n.error_text(refused.value) and field in i18n.error_text(refused.value)
    assert synced_rows(mi) == before
    with pytest.raises(ValueError):
        attachments.blob_path(mi, "../../etc/passwd")


def test_a_backup_folder_with_strange_sidecars_is_listed_and_restored_safely(ws, tmp_path):
    folder = tmp_path / "stick"
    _association(ws)
    settings.put(ws, settings.BACKUP_DIR, str(folder))
    made = backups.make(ws, reason="manual")
    meta = made.path.with_suffix(".json")
    data = json.loads(meta.read_text(encoding="utf-8"))
    outside = tmp_path / "outside.txt"
    data["files"] = [f"../../../{outside.name}", 42, "zz"]
    data["counts"] = ["not", "a", "dict"]
    meta.write_text(json.dumps(data), encoding="utf-8")
    (folder / "c4m-20260101T000000000000Z-manual.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "c4m-20260101T000000000000Z-manual.sqlite").write_bytes(b"")
    (folder / "c4m-20260102T000000000000Z-manual.json").write_bytes(b"{" * (5 * 1024 * 1024))
    (folder / "c4m-20260102T000000000000Z-manual.sqlite").write_bytes(b"")

    listed = backups.list_backups(folder)
    assert made.path in [b.path for b in listed] and len(listed) == 3
    mine = next(b for b in listed if b.path == made.path)
    assert mine.files == () and mine.counts == {}
    db_path, files_dir = ws.db.path, ws.files_dir
    ws.close()
    backups.restore(db_path, made.path, files_dir=files_dir, folder=folder)  # the listed names are ignored
    assert not any(p.name == outside.name for p in tmp_path.rglob("*"))


def test_a_huge_or_wrong_mapping_file_is_refused_plainly(tmp_path):
    huge = tmp_path / "mapping.json"
    huge.write_text(json.dumps({"columns": {"x" * 100: "name"} , "pad": "y" * (2 * 1024 * 1024)}), encoding="utf-8")
    wrong = tmp_path / "list.json"
    wrong.write_text("[]", encoding="utf-8")
    for path in (huge, wrong):
        with pytest.raises(UserError) as refused:
            import_fields.read_mapping(path, ["Name"])
        assert "is not a mapping file" in i18n.error_text(refused.value)


def test_file_name_and_hash_rules():
    assert files.is_sha256("a" * 64) and not files.is_sha256("a" * 63) and not files.is_sha256("A" * 64)
    assert files.is_plain_name("ស្រីម៉ុម photo.jpg") and not files.is_plain_name("..")
    assert not files.is_plain_name("x/y.jpg") and not files.is_plain_name("x\ny.jpg")
    assert files.content_type(b"", "empty.txt") == "text/plain"
    assert files.content_type(bytes(range(256))[:64], "data.bin") == "application/octet-stream"
