"""Opening, migrating and refusing databases: real SQLite files, real Alembic."""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import func, select, text

from c4m_desktop.cli import main
from c4m_desktop.domain.sectors import SECTORS
from c4m_desktop.domain.sites import SITES
from c4m_desktop.store import migrate, search
from c4m_desktop.store.database import StoreError, open_database
from c4m_desktop.store.models import Association, Base, Sector, Site

GOLDEN = Path(__file__).parents[1] / "golden"


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_new_database_is_at_head_with_reference_data_and_pragmas(tmp_path):
    db = open_database(tmp_path / "new.sqlite")
    assert migrate.current_state(db.engine).at_head
    with db.session() as s:
        sites = {r.code: r for r in s.scalars(select(Site))}
        assert {c: (r.name_local, r.country, r.currency) for c, r in sites.items()} == {
            c: (v.name_local, v.country, v.currency) for c, v in SITES.items()}
        assert set(s.scalars(select(Sector.code))) == set(SECTORS)
        assert s.execute(text("PRAGMA journal_mode")).scalar() == "wal"
        assert s.execute(text("PRAGMA foreign_keys")).scalar() == 1
        assert s.execute(text("PRAGMA busy_timeout")).scalar() == 5000
    db.close()


def test_models_and_migrations_agree(tmp_path):
    db = open_database(tmp_path / "new.sqlite")
    with db.engine.connect() as conn:
        opts = {"compare_type": True,
                "include_name": lambda name, type_, _p: not (type_ == "table" and name.startswith(search.TABLE))}
        diff = compare_metadata(MigrationContext.configure(conn, opts=opts), Base.metadata)
    assert diff == []
    db.close()


def test_database_of_schema_0001_upgrades_after_a_backup(tmp_path):
    path = tmp_path / "c4m.sqlite"
    shutil.copy(GOLDEN / "schema-0001.sqlite", path)
    db = open_database(path)
    assert migrate.current_state(db.engine).current == migrate.head()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(Association)) == 25
        indexes = {r[1] for r in s.execute(text("PRAGMA index_list(association)"))}
        assert "ix_association_site_name" in indexes
    db.close()
    backups = list((tmp_path / "backups").glob("c4m-pre-upgrade-0001-*.sqlite"))
    assert len(backups) == 1
    with sqlite3.connect(backups[0]) as old:
        assert old.execute("select version_num from alembic_version").fetchone() == ("0001",)
        assert old.execute("select count(*) from association").fetchone() == (25,)


def test_fresh_database_is_not_backed_up(tmp_path):
    open_database(tmp_path / "c4m.sqlite").close()
    assert not (tmp_path / "backups").exists()


def test_file_that_is_not_a_database_is_refused_untouched(tmp_path, capsys):
    path = tmp_path / "notes.db"
    path.write_text("Meeting notes, not a database\n" * 50)
    before = digest(path)
    with pytest.raises(StoreError) as err:
        open_database(path)
    assert "is not a c4m database" in str(err.value) and err.value.rejected
    assert main(["--db", str(path), "list", "associations"]) == 2
    assert "is not a c4m database" in capsys.readouterr().err
    assert digest(path) == before and sorted(p.name for p in tmp_path.iterdir()) == ["notes.db"]


def test_other_programs_database_is_refused_untouched(tmp_path):
    path = tmp_path / "other.sqlite"
    with sqlite3.connect(path) as c:
        c.execute("create table contacts (name text)")
    before = digest(path)
    with pytest.raises(StoreError, match="database of another program"):
        open_database(path)
    assert digest(path) == before


def test_database_from_a_newer_app_is_refused(tmp_path):
    path = tmp_path / "c4m.sqlite"
    open_database(path).close()
    with sqlite3.connect(path) as c:
        c.execute("update alembic_version set version_num = '9999'")
    with pytest.raises(StoreError, match="newer version of the app"):
        open_database(path)


def test_commands_other_than_init_do_not_create_a_database(tmp_path, capsys):
    path = tmp_path / "typo.db"
    assert main(["--db", str(path), "list", "associations"]) == 2
    assert "There is no database at" in capsys.readouterr().err
    assert not path.exists()


@pytest.fixture
def read_only_folder(tmp_path):
    folder = tmp_path / "locked"
    folder.mkdir()
    if hasattr(os, "getuid") and os.getuid() == 0:
        # root ignores permission bits; the immutable flag stops even root.
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("cannot make a folder read-only for root here (no chattr support)")
        yield folder
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    else:
        folder.chmod(0o555)
        yield folder
        folder.chmod(0o755)


def test_read_only_data_folder_is_a_clear_failure(read_only_folder, capsys):
    code = main(["--db", str(read_only_folder / "c4m.sqlite"), "init", "--site", "SRP", "--coordinator", "Sokha"])
    assert code == 1
    assert "is read-only: the app cannot save your work there" in capsys.readouterr().err
    assert list(read_only_folder.iterdir()) == []


def test_head_constant_matches_the_migration_scripts():
    from alembic.script import ScriptDirectory

    assert migrate.head() == ScriptDirectory.from_config(migrate.alembic_config()).get_current_head()
