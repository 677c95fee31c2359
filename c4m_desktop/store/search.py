"""The association name index: SQLite FTS5 with the trigram tokenizer, kept by triggers.

Trigrams find any part of a name of three characters or more, in every script (Thai, Khmer, Lao
and Burmese write words without spaces, so a word tokenizer would not do), case-insensitively,
from an index instead of reading every row: the list's search stays flat as the table grows.

It indexes ``association`` by rowid (external content). SQLite keeps rowids through the backup API,
so backups and restores keep the index right; a migration that copies the association table
(a batch operation) must call ``rebuild`` afterwards. PostgreSQL (MI's shared database) and an
SQLite built without FTS5 or trigram (before 3.34) go without it: the search then reads the table.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

TABLE = "association_search"

CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5(name_en, name_local, content='association', "
    "content_rowid='rowid', tokenize='trigram')",
    f"CREATE TRIGGER {TABLE}_insert AFTER INSERT ON association BEGIN "
    f"INSERT INTO {TABLE}(rowid, name_en, name_local) VALUES (new.rowid, new.name_en, new.name_local); END",
    f"CREATE TRIGGER {TABLE}_delete AFTER DELETE ON association BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, name_en, name_local) "
    "VALUES ('delete', old.rowid, old.name_en, old.name_local); END",
    f"CREATE TRIGGER {TABLE}_update AFTER UPDATE OF name_en, name_local ON association BEGIN "
    f"INSERT INTO {TABLE}({TABLE}, rowid, name_en, name_local) "
    "VALUES ('delete', old.rowid, old.name_en, old.name_local); "
    f"INSERT INTO {TABLE}(rowid, name_en, name_local) VALUES (new.rowid, new.name_en, new.name_local); END",
)
DROP = tuple(f"DROP TRIGGER IF EXISTS {TABLE}_{t}" for t in ("insert", "delete", "update")) + (
    f"DROP TABLE IF EXISTS {TABLE}",)
MIN_TERM = 3  # trigrams: shorter terms are searched by reading the table


def supported(conn: Connection) -> bool:
    """Whether this SQLite has FTS5 with the trigram tokenizer."""
    if conn.dialect.name != "sqlite":
        return False
    try:
        conn.exec_driver_sql("CREATE VIRTUAL TABLE temp.c4m_probe USING fts5(x, tokenize='trigram')")
        conn.exec_driver_sql("DROP TABLE temp.c4m_probe")
    except Exception:  # noqa: BLE001 - any failure means "not available", never fatal
        return False
    return True


def create(conn: Connection) -> bool:
    """Make the index and fill it from the table; False (nothing made) where SQLite cannot."""
    if not supported(conn):
        return False
    for statement in CREATE:
        conn.exec_driver_sql(statement)
    rebuild(conn)
    return True


def drop(conn: Connection) -> None:
    if conn.dialect.name == "sqlite":
        for statement in DROP:
            conn.exec_driver_sql(statement)


def rebuild(conn: Connection) -> None:
    conn.exec_driver_sql(f"INSERT INTO {TABLE}({TABLE}) VALUES ('rebuild')")


def present(conn: Connection) -> bool:
    if conn.dialect.name != "sqlite":
        return False
    return conn.execute(text("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = :n"),
                        {"n": TABLE}).first() is not None


def phrase(term: str) -> str:
    """An FTS5 query matching the term as typed, anywhere in a name (quotes doubled)."""
    return '"' + term.replace('"', '""') + '"'
