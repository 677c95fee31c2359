"""Open the database: SQLite file (default) or a SQLAlchemy URL, upgraded by Alembic on open.

SQLite is opened with WAL, foreign keys, a busy timeout and synchronous=NORMAL. Before any
migration of a database that already holds data, a backup copy is taken.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker

from ..domain.messages import N_, UserError
from . import migrate
from .backup import backup_before
from .paths import default_db_path

SQLITE_MAGIC = b"SQLite format 3\x00"
BUSY_TIMEOUT_MS = 5000
READ_ONLY = "c4m_read_only"  # execution option of a read-only session


class StoreError(UserError):
    """The database cannot be opened or used; the message says why in plain words."""


@dataclass
class Database:
    engine: Engine
    path: Path | None  # the SQLite file, None for a server database
    _sessions: sessionmaker[Session]

    @property
    def is_sqlite(self) -> bool:
        return self.path is not None

    @contextmanager
    def session(self) -> Iterator[Session]:
        """Open one unit of work: commit on success, roll back on any error."""
        with self._sessions() as session, session.begin():
            yield session

    def checkpoint(self) -> None:
        """Copy the write-ahead log into the database file and empty it (SQLite only), so pages
        overwritten since no longer linger in the -wal file."""
        if not self.is_sqlite:
            return
        raw = self.engine.raw_connection()
        try:
            raw.cursor().execute("PRAGMA wal_checkpoint(TRUNCATE)")
        finally:
            raw.close()

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """Open a read-only unit of work (SQLite: a deferred transaction, one consistent snapshot)."""
        with self._sessions() as session, session.begin():
            session.connection(execution_options={READ_ONLY: True})
            yield session

    def close(self) -> None:
        self.engine.dispose()


def _sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn, _record) -> None:
        # Let SQLAlchemy's "begin" event issue BEGIN itself, so reads see one snapshot.
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        # Deleted and overwritten content is zeroed, so "forget this person" leaves no old bytes behind.
        cur.execute("PRAGMA secure_delete = ON")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn) -> None:
        # IMMEDIATE takes the write lock up front: a unit of work that later writes cannot then fail
        # with SQLITE_BUSY without waiting, which plain BEGIN allows under WAL. A read-only one begins
        # deferred: under WAL readers never wait for each other or for a writer, so the window's
        # quick queries do not queue behind a long dashboard or export read on the worker.
        conn.exec_driver_sql("BEGIN" if conn.get_execution_options().get(READ_ONLY) else "BEGIN IMMEDIATE")


def resolve_target(target: str | os.PathLike[str] | None) -> tuple[str, Path | None]:
    """Turn --db (a path, a SQLAlchemy URL or nothing) into a URL and the SQLite file if any."""
    if target is None:
        target = default_db_path()
    text = os.fspath(target)
    if "://" in text:
        url = make_url(text)
        if url.get_backend_name() == "sqlite":
            db = url.database
            return text, Path(db).resolve() if db and db != ":memory:" else None
        return text, None
    path = Path(text).expanduser().resolve()
    return f"sqlite:///{path}", path


def _check_sqlite_file(path: Path, create: bool) -> None:
    if not create and not path.exists():
        raise StoreError(N_("There is no database at {path}. Set one up first with `c4m init`."),
                         path=str(path))
    if path.is_dir():
        raise StoreError(N_("{path} is a folder, not a database file."), path=str(path))
    if path.exists():
        with open(path, "rb") as fh:
            head = fh.read(len(SQLITE_MAGIC))
        if head and head != SQLITE_MAGIC:
            raise StoreError(N_("{path} is not a c4m database (it is not an SQLite file)."), path=str(path))
        if not os.access(path, os.W_OK):
            raise StoreError(N_("{path} is read-only: the app cannot save your work there."),
                             path=str(path), rejected=False)
        return
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise StoreError(N_("Cannot create the data folder {path}: {reason}"),
                         path=str(folder), reason=exc.strerror or str(exc), rejected=False) from exc
    if not _can_create_in(folder):
        raise StoreError(N_("The data folder {path} is read-only: the app cannot save your work there."),
                         path=str(folder), rejected=False)


def _can_create_in(folder: Path) -> bool:
    # A real probe, not os.access: root passes os.access on read-only media and locked folders.
    try:
        with tempfile.TemporaryFile(dir=folder):
            return True
    except OSError:
        return False


def open_database(target: str | os.PathLike[str] | None = None, *, create: bool = True,
                  upgrade: bool = True) -> Database:
    """Open (creating if allowed) and upgrade the database; raise StoreError in plain words."""
    url, path = resolve_target(target)
    if path is not None:
        _check_sqlite_file(path, create)
        if path.exists():
            _refuse_unusable(path)
        _private(path)
    engine = create_engine(url)
    if engine.dialect.name == "sqlite":
        _sqlite_pragmas(engine)
    try:
        state = migrate.current_state(engine)
        _refuse_state(state, path or url)
        if upgrade and not state.at_head:
            if path is not None and state.current is not None:
                backup_before(path, f"pre-upgrade-{state.current}")
            migrate.upgrade(engine)
    except OperationalError as exc:
        engine.dispose()
        raise _explain(exc, path or url) from exc
    except DatabaseError as exc:
        engine.dispose()
        raise StoreError(N_("{path} is not a c4m database or is damaged: {reason}"),
                         path=str(path or url), reason=str(exc.orig)) from exc
    except BaseException:
        engine.dispose()
        raise
    return Database(engine, path, sessionmaker(engine, expire_on_commit=False))


def _private(path: Path) -> None:
    """The database readable by the user only; SQLite gives its -wal and -shm files the same mode."""
    if os.name != "posix":
        return  # Windows keeps a user's data folder private through its ACLs
    if path.exists():
        if os.stat(path).st_mode & 0o077:
            os.chmod(path, 0o600)  # an older install made it 0644
    else:
        os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))  # empty: SQLite makes it a database


def _refuse_unusable(path: Path) -> None:
    """Look at an existing file read-only first: opening it for real would change its header."""
    probe = create_engine(f"sqlite:///file:{path}?mode=ro&uri=true")
    try:
        _refuse_state(migrate.current_state(probe), path)
    except DatabaseError as exc:
        raise StoreError(N_("{path} is not a c4m database or is damaged: {reason}"),
                         path=str(path), reason=str(exc.orig)) from exc
    finally:
        probe.dispose()


def _refuse_state(state: migrate.SchemaState, where: object) -> None:
    if state.foreign:
        raise StoreError(N_("{path} is a database of another program, not of c4m."), path=str(where))
    if state.newer:
        raise StoreError(
            N_("This database was written by a newer version of the app (schema {revision}). "
               "Install the newer version to open it."), revision=state.current)


def _explain(exc: OperationalError, where: object) -> StoreError:
    reason = str(exc.orig)
    if "readonly" in reason or "read-only" in reason:
        return StoreError(N_("{path} is read-only: the app cannot save your work there."),
                          path=str(where), rejected=False)
    return StoreError(N_("Cannot open the database {path}: {reason}"), path=str(where),
                      reason=reason, rejected=False)


def table_names(engine: Engine) -> set[str]:
    return set(inspect(engine).get_table_names())
