"""Neither the SMTP password nor the device's private key is in the database, the settings, the log, a
backup or a bundle; what the app writes is readable by the user only."""

from __future__ import annotations

import base64
import logging
import os
import stat

from c4m_desktop.services import associations, backups
from c4m_desktop.store import logfile
from c4m_desktop.sync import exporter, keys, mailer, secrets

PASSWORD = "Angkor-p4ss-2026"


def every_file(folder):
    return [p for p in folder.rglob("*") if p.is_file()]


def test_no_secret_at_rest_and_files_private(ws, tmp_path):
    log_path = logfile.configure(ws.db.path.parent)
    mailer.SmtpSettings(host="smtp.gmail.com", port=587, security="starttls", username="c4m.siemreap@gmail.com",
                        sender="c4m.siemreap@gmail.com").save(ws)
    secrets.set_password("c4m.siemreap@gmail.com", PASSWORD)
    logging.getLogger("c4m_desktop.mail").info("sending as %s", "c4m.siemreap@gmail.com")
    associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Weavers", "kind": "association"})
    seed = bytes(keys.signing_key(ws))
    backup = backups.make(ws)
    bundle = exporter.export(ws, to_dir=ws.db.path.parent / "exports").path
    ws.close()

    data_folder = ws.db.path.parent
    key_file = data_folder / "keys"  # the 0600 file kept where no OS keyring exists (said in Settings)
    searched = [p for p in every_file(data_folder) if key_file not in p.parents]
    assert {log_path, backup.path, bundle, ws.db.path} <= set(searched)
    needles = [PASSWORD.encode(), seed, seed.hex().encode(), base64.b64encode(seed), base64.b64encode(seed)[:40]]
    for path in searched:
        content = path.read_bytes()
        for needle in needles:
            assert needle not in content, f"a secret in {path.relative_to(data_folder)}"
    for path in (ws.db.path, backup.path, bundle, log_path, *every_file(key_file)):
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, path
