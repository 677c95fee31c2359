"""Moving to a new laptop by backup -> restore: the key stays behind, the new laptop makes its own, and
MI takes its bundles only once it has registered that key."""

from __future__ import annotations

import pytest

from c4m_desktop.domain.messages import UserError
from c4m_desktop.services import associations, backups, queries
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.sync import exporter, importer, keys


def test_restored_on_a_new_laptop_signs_with_a_new_key_that_mi_must_register(make_ws, tmp_path):
    old = make_ws("old")
    mi = make_ws("mi", role="hq")
    associations.create(old, values={"site_code": "SRP", "name_en": "Puok Silk Weavers", "kind": "association"})
    importer.import_bundle(mi, exporter.export(old, to_dir=tmp_path / "sent").path)  # MI knows the old key
    old_key = keys.public_key(old)
    device_id = old.require_device().id
    backup = backups.make(old)
    old.close()

    new_folder = tmp_path / "new-laptop"
    new_folder.mkdir()
    backups.restore(new_folder / "c4m.sqlite", backup.path, files_dir=new_folder / "attachments",
                    folder=backup.path.parent)  # no keys/ folder comes with it
    new = Workspace.open(new_folder / "c4m.sqlite")
    associations.create(new, values={"site_code": "SRP", "name_en": "Kralanh Weavers", "kind": "association"})
    sent = exporter.export(new, to_dir=tmp_path / "sent2")  # works: no "key does not match" dead end
    new_key = keys.public_key(new)
    assert new_key != old_key
    assert new.require_device().id == device_id  # the same install, as far as MI is concerned

    with pytest.raises(UserError, match="different key"):
        importer.import_bundle(mi, sent.path)  # MI refuses it until someone checks the fingerprint
    keys.revoke(mi, device_id)
    keys.trust(mi, device_id, new_key)
    assert importer.import_bundle(mi, sent.path).applied >= 1
    names = {a["name_en"] for a in queries.associations(mi)}
    assert "Kralanh Weavers" in names
    new.close()


def test_a_key_that_differs_from_its_own_record_on_the_same_computer_is_still_refused(make_ws):
    ws = make_ws("site")
    keys.signing_key(ws)
    device_id = ws.require_device().id
    key_file = ws.db.path.parent / "keys" / f"{device_id}.key"
    key_file.write_text(keys.b64(bytes(keys.SigningKey.generate())), encoding="ascii")
    with pytest.raises(keys.DeviceKeyError):
        keys.signing_key(ws)
