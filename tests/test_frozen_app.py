"""The frozen one-folder build (tools/build_app.py) works on its own: nothing from the source tree.

Runs when C4M_FROZEN_APP names the built folder (dist/c4m-desktop); CI builds it and sets
C4M_REQUIRE_FROZEN=1, so a missing build fails there instead of skipping.
"""

from __future__ import annotations

import csv
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from c4m_desktop import __version__

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def app_dir() -> Path:
    folder = os.environ.get("C4M_FROZEN_APP")
    if not folder:
        if os.environ.get("C4M_REQUIRE_FROZEN"):
            pytest.fail("C4M_REQUIRE_FROZEN is set but C4M_FROZEN_APP is not")
        pytest.skip("no frozen build: run `bash scripts/build-app` and set C4M_FROZEN_APP=dist/c4m-desktop")
    path = Path(folder).resolve()
    assert (path / _exe("c4m-desktop")).is_file(), f"no c4m-desktop program in {path}"
    return path


def _exe(name: str) -> str:
    return f"{name}.exe" if sys.platform == "win32" else name


@pytest.fixture
def home(tmp_path: Path) -> dict[str, str]:
    """A user with an empty home: the per-user data folder starts empty, far from the app folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("C4M_", "PYTHON", "VIRTUAL_ENV"))}
    env.update(HOME=str(tmp_path / "home"), XDG_DATA_HOME=str(tmp_path / "home" / ".local" / "share"),
               XDG_CONFIG_HOME=str(tmp_path / "home" / ".config"), QT_QPA_PLATFORM="offscreen")
    (tmp_path / "home").mkdir()
    return env


def run(app: Path, program: str, *args: str, env: dict[str, str], cwd: Path) -> subprocess.CompletedProcess:
    # From another folder than the source tree, so nothing can be picked up from it.
    return subprocess.run([str(app / _exe(program)), *args], env=env, cwd=cwd, capture_output=True,
                          text=True, encoding="utf-8", timeout=300, check=False)


def test_version_comes_from_the_package(app_dir, home, tmp_path):
    for program, flag in (("c4m-desktop", "--version"), ("c4m", "--version")):
        done = run(app_dir, program, flag, env=home, cwd=tmp_path)
        assert done.returncode == 0, done.stderr
        assert done.stdout.strip().endswith(__version__)


def test_self_test_passes_with_the_real_main_window(app_dir, home, tmp_path):
    done = run(app_dir, "c4m-desktop", "--self-test", env=home, cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    out = done.stdout
    assert "frozen build" in out
    for check in ("database", "fonts", "report km", "report th", "report my", "export", "zawgyi",
                  "line breaks", "qt", "image formats", "icon", "main window", "first run flow"):
        assert f"ok    {check}:" in out, f"{check} did not pass:\n{out}"
    assert "Result: PASSED" in out
    assert not (Path(home["XDG_DATA_HOME"]) / "c4m-desktop").exists()  # it wrote nothing for the user
    keyring_line = next(line for line in out.splitlines() if " keyring: " in line)
    for backend in ("SecretService", "Windows", "macOS"):  # the OS keyrings went into the build
        assert backend in keyring_line or keyring_line.startswith("  ok"), keyring_line


def test_first_run_add_association_export_from_the_frozen_command_line(app_dir, home, tmp_path):
    """The same flow through the frozen window's dialogs is the self-test's "first run flow" (above)."""
    from c4m_desktop.sync import bundle

    init = run(app_dir, "c4m", "init", "--site", "SRP", "--coordinator", "Sokha Chan",
               "--mi-email", "c4m@example.org", env=home, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    db = Path(home["XDG_DATA_HOME"]) / "c4m-desktop" / "c4m.sqlite"
    assert db.is_file()  # the per-user data folder, not the app folder
    assert not list(app_dir.rglob("*.sqlite"))

    sheet = tmp_path / "new.csv"
    with sheet.open("w", newline="", encoding="utf-8") as fh:
        csv.writer(fh).writerows([["name_en", "name_local", "kind", "district"],
                                  ["Angkor Silk Weavers", "ក្រុមតម្បាញសូត្រអង្គរ", "association", "Puok"]])
    added = run(app_dir, "c4m", "import-table", str(sheet), "--kind", "associations", env=home, cwd=tmp_path)
    assert added.returncode == 0, added.stdout + added.stderr

    listed = run(app_dir, "c4m", "list", "associations", "--search", "ក្រុមតម្បាញ", env=home, cwd=tmp_path)
    assert "Angkor Silk Weavers" in listed.stdout, listed.stdout + listed.stderr

    out = tmp_path / "out"
    exported = run(app_dir, "c4m", "export", "--to", str(out), env=home, cwd=tmp_path)
    assert exported.returncode == 0, exported.stderr
    files = list(out.glob("*.c4m"))
    assert len(files) == 1
    read = bundle.read(files[0])  # the source tree's reader checks the frozen build's signature
    names = {r["name_local"] for r in read.rows["association"]}
    assert "ក្រុមតម្បាញសូត្រអង្គរ" in names


def test_a_newer_build_migrates_the_data_it_finds(app_dir, home, tmp_path):
    """Replacing the app folder keeps the data folder; the new build upgrades the old schema in place."""
    from sqlalchemy import create_engine

    from c4m_desktop.store import migrate

    folder = Path(home["XDG_DATA_HOME"]) / "c4m-desktop"
    folder.mkdir(parents=True)
    db = folder / "c4m.sqlite"
    engine = create_engine(f"sqlite:///{db}")
    migrate.upgrade(engine, "0005")  # as an older build left it
    engine.dispose()

    init = run(app_dir, "c4m", "init", "--site", "HUE", "--coordinator", "Lan", env=home, cwd=tmp_path)
    assert init.returncode == 0, init.stderr
    with sqlite3.connect(db) as conn:
        assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == migrate.head()
    checked = run(app_dir, "c4m", "check", env=home, cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout + checked.stderr
