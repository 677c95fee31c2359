"""`kill -9` of `c4m import` in the middle of its transaction leaves the database as it was."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import time

from conftest import synced_rows
from test_cli_flow import C4M, c4m

from c4m_desktop.services import demo
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.sync import exporter


def writing(db) -> bool:
    """True while another process holds the write lock (our import's transaction)."""
    con = sqlite3.connect(db, timeout=0)
    try:
        con.execute("BEGIN IMMEDIATE")
        con.rollback()
        return False
    except sqlite3.OperationalError:
        return True
    finally:
        con.close()


def test_killed_import_changes_nothing_and_the_bundle_imports_after(make_ws, tmp_path):
    site = make_ws("bagan", site="BGN")
    demo.generate(site, associations=1500, seed=3)
    path = exporter.export(site, to_dir=tmp_path / "out").path
    mi = make_ws("mi", role="hq")
    db = str(mi.db.path)
    before = synced_rows(mi)
    mi.close()

    env = dict(os.environ, PYTHON_KEYRING_BACKEND="keyring.backends.fail.Keyring")
    proc = subprocess.Popen([str(C4M), "--db", db, "import", str(path)], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 60
    held_since = None
    # Short reads take the lock too; the merge holds it for long. Kill well inside the merge.
    while held_since is None or time.monotonic() - held_since < 0.3:
        assert proc.poll() is None, "the import finished before it could be killed: use a bigger bundle"
        assert time.monotonic() < deadline
        held_since = (held_since or time.monotonic()) if writing(db) else None
        time.sleep(0.005)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    after = Workspace.open(db, create=False)
    try:
        assert synced_rows(after) == before
    finally:
        after.close()
    again = c4m("--db", db, "import", str(path))
    assert again.returncode == 0, again.stderr
    check = c4m("--db", db, "check")
    assert check.returncode == 0, check.stdout
