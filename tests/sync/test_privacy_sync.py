"""Personal data across copies: a forgotten person is forgotten at MI too, whatever edits cross it, and
phone numbers and e-mails left out of unencrypted bundles never wipe the site's values."""

from __future__ import annotations

import json
import zipfile
from datetime import date

from conftest import synced_rows
from sqlalchemy import select

from c4m_desktop.services import associations, history, privacy, records, settings
from c4m_desktop.store.models import Conflict, History
from c4m_desktop.sync import bundle, exporter, importer, keys

NAME, PHONE, EMAIL = "Chantrea Vannak", "+855 12 987 654", "chantrea.vannak@example.org"
NOTES = "Weaves ikat at home in Puok"


def _member(site) -> str:
    a = associations.create(site, values={"site_code": "SRP", "name_en": "Puok Silk Weavers",
                                          "kind": "artisan_group"}, sectors=["crafts"]).record.record
    return records.create(site, kind="member", values={
        "association_id": a.id, "name": NAME, "kind": "artisan", "gender": "female", "birth_year": 1988,
        "phone": PHONE, "email": EMAIL, "notes": NOTES, "consent": "given",
        "consent_date": date(2026, 3, 2)}).record.id


def _send(src, dst, tmp_path, **kw):
    result = exporter.export(src, to_dir=tmp_path / "out", **kw)
    importer.import_bundle(dst, result.path)
    return result


def _traces(ws, member_id: str) -> str:
    """Everything the database shows of a member beyond its row: History and conflicts, as text."""
    with ws.read() as s:
        hist = [(h.field, h.old, h.new) for h in s.scalars(select(History).where(History.row_id == member_id))]
        kept = [c.loser_json for c in s.scalars(select(Conflict).where(Conflict.row_id == member_id))]
    return json.dumps([hist, kept], ensure_ascii=False)


def _file_bytes(ws) -> bytes:
    path = ws.db.path
    return b"".join(p.read_bytes() for p in (path, path.with_name(path.name + "-wal")) if p.exists())


def test_forgetting_travels_to_mi_and_scrubs_its_history(make_ws, make_mi, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_mi()
    member_id = _member(site)
    _send(site, mi, tmp_path, contacts=True)
    records.update(site, kind="member", row_id=member_id, changes={"phone": "+855 12 111 222"})
    _send(site, mi, tmp_path, contacts=True)
    assert PHONE in _traces(mi, member_id)  # MI's history remembers the old number: the check can fail

    privacy.forget(site, member_id=member_id)
    assert NAME not in _traces(site, member_id) and PHONE not in _traces(site, member_id)
    assert [c.field for c in history.for_record(site, row_id=member_id)][0] == "forgotten"
    _send(site, mi, tmp_path, contacts=True)

    at_mi = records.get(mi, kind="member", row_id=member_id)
    assert at_mi.forgotten and at_mi.consent == "withdrawn" and at_mi.consent_date is not None
    assert (at_mi.name, at_mi.phone, at_mi.email, at_mi.birth_year, at_mi.notes) == ("", None, None, None, None)
    assert (at_mi.kind, at_mi.gender) == ("artisan", "female")  # still counted
    for text in (NAME, PHONE, "+855 12 111 222", EMAIL, NOTES, "1988"):
        assert text not in _traces(mi, member_id), text
    assert synced_rows(mi)["member"] == synced_rows(site)["member"]
    for ws in (site, mi):
        if ws.db.is_sqlite:  # the old values are not left in free pages or the log either
            data = _file_bytes(ws)
            assert NAME.encode() not in data and PHONE.encode() not in data and EMAIL.encode() not in data


def test_an_edit_crossing_the_forgetting_cannot_bring_the_details_back(make_ws, make_mi, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_mi()
    member_id = _member(site)
    _send(site, mi, tmp_path, contacts=True)
    # MI corrects the notes while, offline, the site forgets the person: the two edits are concurrent.
    records.update(mi, kind="member", row_id=member_id, changes={"notes": NOTES + ", also dyes with lac"})
    privacy.forget(site, member_id=member_id)
    _send(mi, site, tmp_path, recipient="SRP", contacts=True)
    _send(site, mi, tmp_path, contacts=True)
    _send(mi, site, tmp_path, recipient="SRP", contacts=True)

    for ws in (site, mi):
        row = records.get(ws, kind="member", row_id=member_id)
        assert row.forgotten and row.name == "" and row.notes is None and row.phone is None
        assert "lac" not in _traces(ws, member_id) and NAME not in _traces(ws, member_id)
    assert synced_rows(mi)["member"] == synced_rows(site)["member"]
    assert synced_rows(mi)["conflict"] == synced_rows(site)["conflict"]


def test_unencrypted_bundles_leave_contacts_out_and_never_wipe_them(make_ws, make_mi, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_mi()
    member_id = _member(site)
    sent = _send(site, mi, tmp_path)  # no MI key registered: unencrypted, so no contacts by default
    assert sent.contacts_left_out and not sent.sealed
    assert sent.manifest["withheld"] == ["member.email", "member.phone"]
    with zipfile.ZipFile(sent.path) as z:
        everything = b"".join(z.read(n) for n in z.namelist())
    assert PHONE.encode() not in everything and EMAIL.encode() not in everything  # rows and the summary xlsx
    assert NAME.encode() in everything

    at_mi = records.get(mi, kind="member", row_id=member_id)
    assert (at_mi.phone, at_mi.email, at_mi.withheld) == (None, None, "email,phone")
    assert at_mi.birth_year == 1988 and at_mi.name == NAME

    # MI corrects the name and sends the member back: the site keeps its phone and e-mail.
    records.update(mi, kind="member", row_id=member_id, changes={"name": "Chantrea Vannak (Mrs)"})
    _send(mi, site, tmp_path, recipient="SRP")
    back = records.get(site, kind="member", row_id=member_id)
    assert (back.name, back.phone, back.email, back.withheld) == ("Chantrea Vannak (Mrs)", PHONE, EMAIL, None)
    assert [c.field for c in history.for_record(site, row_id=member_id)][0] == "name"  # no "phone cleared"

    # A number MI types in itself is MI's own from then on; the e-mail stays withheld.
    records.update(mi, kind="member", row_id=member_id, changes={"phone": "+855 99 000 111"})
    assert records.get(mi, kind="member", row_id=member_id).withheld == "email"


def test_encrypted_bundles_carry_contacts_and_fill_in_what_mi_lacked(make_ws, make_mi, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_mi()
    member_id = _member(site)
    _send(site, mi, tmp_path)
    assert records.get(mi, kind="member", row_id=member_id).withheld == "email,phone"

    mi_id = mi.require_device().id
    keys.trust(site, mi_id, keys.public_key(mi))
    settings.put(site, exporter.ENCRYPT_TO, mi_id)
    sealed = _send(site, mi, tmp_path, full=True)  # the same, unchanged versions, now sealed
    assert sealed.sealed and not sealed.contacts_left_out
    at_mi = records.get(mi, kind="member", row_id=member_id)
    assert (at_mi.phone, at_mi.email, at_mi.withheld) == (PHONE, EMAIL, None)
    assert synced_rows(mi)["member"] == synced_rows(site)["member"]


def test_the_setting_and_the_command_line_choose(make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    _member(site)

    def rows(**kw):
        made = exporter.export(site, to_dir=tmp_path / "out", full=True, **kw)
        return bundle.read(made.path).rows["member"][0]

    assert rows()["phone"] is None
    settings.put(site, exporter.CONTACTS, "always")
    assert rows()["phone"] == PHONE
    assert rows(contacts=False)["phone"] is None
    settings.put(site, exporter.CONTACTS, "never")
    assert rows()["email"] is None and rows(contacts=True)["email"] == EMAIL


def test_a_bundle_from_before_consent_existed_still_imports(make_ws, make_mi, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_mi()
    member_id = _member(site)
    made = exporter.export(site, to_dir=tmp_path / "out", contacts=True)
    with zipfile.ZipFile(made.path) as z:
        members = {n: z.read(n) for n in z.namelist()}
    manifest = json.loads(members.pop(bundle.MANIFEST))
    members.pop(bundle.SIGNATURE)
    manifest.pop("members")
    manifest["schema"] = "0003"
    old_rows = [json.loads(line) for line in members["rows/member.jsonl"].splitlines()]
    for row in old_rows:
        for column in ("consent", "consent_date", "forgotten", "withheld"):
            del row[column]
    members["rows/member.jsonl"] = bundle.jsonl(old_rows)
    old = tmp_path / "old.c4m"
    bundle.write(old, manifest, members, keys.signing_key(site))

    importer.import_bundle(mi, old)
    at_mi = records.get(mi, kind="member", row_id=member_id)
    assert at_mi.name == NAME and at_mi.phone == PHONE
    assert (at_mi.consent, at_mi.consent_date, at_mi.forgotten, at_mi.withheld) == (None, None, False, None)
