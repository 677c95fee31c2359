"""Alembic owns the schema: find where a database stands and bring it to the newest revision."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, inspect

MIGRATIONS = Path(__file__).with_name("migrations")


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    """Return the newest revision this version of the app knows."""
    rev = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert rev is not None
    return rev


@dataclass(frozen=True)
class SchemaState:
    current: str | None  # None: no schema yet
    known: bool  # this app knows the revision
    foreign: bool  # tables of some other program, no Alembic mark of ours
    at_head: bool

    @property
    def newer(self) -> bool:
        return self.current is not None and not self.known


def current_state(engine: Engine) -> SchemaState:
    """Read the database's revision without changing anything."""
    with engine.connect() as conn:
        tables = set(inspect(conn).get_table_names())
        current = MigrationContext.configure(conn).get_current_revision()
    script = ScriptDirectory.from_config(alembic_config())
    known = current is None or _knows(script, current)
    return SchemaState(
        current=current,
        known=known,
        foreign=current is None and bool(tables - {"alembic_version"}),
        at_head=current == script.get_current_head(),
    )


def _knows(script: ScriptDirectory, rev: str) -> bool:
    try:
        return script.get_revision(rev) is not None
    except Exception:  # alembic raises several kinds for an unknown id
        return False


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every pending migration in one transaction."""
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
