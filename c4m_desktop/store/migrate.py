"""Alembic owns the schema: find where a database stands and bring it to the newest revision.

Reading where a database stands needs no Alembic (it is one SELECT), so Alembic, which is slow
to import, is loaded only when a migration must run. ``HEAD`` names the newest revision; a test
checks it against Alembic's own view of the scripts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).with_name("migrations")
HEAD = "0006"
VERSION_TABLE = "alembic_version"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head() -> str:
    """Return the newest revision this version of the app knows."""
    return HEAD


def known_revisions() -> set[str]:
    """Return every revision id this app ships, by asking Alembic."""
    from alembic.script import ScriptDirectory

    return {s.revision for s in ScriptDirectory.from_config(alembic_config()).walk_revisions()}


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
        current = (conn.execute(text(f"SELECT version_num FROM {VERSION_TABLE}")).scalar()
                   if VERSION_TABLE in tables else None)
    at_head = current == HEAD
    return SchemaState(
        current=current,
        known=current is None or at_head or current in known_revisions(),
        foreign=current is None and bool(tables - {VERSION_TABLE}),
        at_head=at_head,
    )


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Run every pending migration in one transaction."""
    from alembic import command

    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, revision)
