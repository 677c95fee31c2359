"""Shared fixtures; tests that touch Qt are marked `gui` automatically (qutebrowser's habit)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "/tests/ui/" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the real per-user data folder from a test."""
    monkeypatch.setenv("C4M_DATA_DIR", str(tmp_path / "data"))
    # Device keys and passwords go to the file store, never to the developer's own keyring.
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.fail.Keyring")
    yield
    from c4m_desktop import i18n

    i18n.set_language("en")  # a test that switched the UI language must not change the next one's
    import logging

    app_log = logging.getLogger("c4m_desktop")
    for handler in list(app_log.handlers):  # a test's log file goes with its temporary folder
        app_log.removeHandler(handler)
        handler.close()


@pytest.fixture
def ws(tmp_path):
    """An initialised workspace on a real SQLite file."""
    from c4m_desktop.services import device
    from c4m_desktop.services.workspace import Workspace

    w = Workspace.open(tmp_path / "c4m.sqlite")
    device.initialise(w, site_code="SRP", coordinator="Sokha")
    yield w
    w.close()


@pytest.fixture
def make_ws(tmp_path):
    """Open initialised workspaces in their own folders: make_ws("mi", site="SRP", role="hq")."""
    from c4m_desktop.services import device
    from c4m_desktop.services.workspace import Workspace

    opened = []

    def make(name: str, *, site: str = "SRP", role: str = "site", url: str | None = None, **kw):
        folder = tmp_path / name
        folder.mkdir()
        w = Workspace.open(url or folder / "c4m.sqlite", **kw)
        device.initialise(w, site_code=site, coordinator=name.title(), role=role,
                          mi_email="c4m@mekonginstitute.org" if role == "site" else None)
        opened.append(w)
        return w

    yield make
    for w in opened:
        w.close()


@pytest.fixture
def window(qtbot, ws):
    """The main window on the test workspace, shown, with its first loads done."""
    from c4m_desktop.ui.main_window import MainWindow

    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.runner.busy)
    return w


def synced_rows(ws) -> dict[str, list[dict]]:
    """Every synced row of every table, without local bookkeeping, sorted by id."""
    from sqlalchemy import select

    from c4m_desktop.store.models import SYNCED

    out = {}
    with ws.read() as s:
        for name, m in SYNCED.items():
            t = m.__table__
            out[name] = sorted(({k: v for k, v in r.items() if k not in ("change_seq", "received_from")}
                                for r in s.connection().execute(select(t)).mappings()), key=lambda r: r["id"])
    return out


@pytest.fixture(scope="session")
def pg_server():
    """A real PostgreSQL server (scripts/postgres starts one; scripts/test exports its URL)."""
    url = os.environ.get("C4M_TEST_PG_URL")
    if not url:
        if os.environ.get("C4M_REQUIRE_PG"):
            pytest.fail("C4M_REQUIRE_PG is set but C4M_TEST_PG_URL is not: run scripts/postgres")
        pytest.skip("no PostgreSQL server: set C4M_TEST_PG_URL (see scripts/postgres)")
    return url


@pytest.fixture
def pg_database(pg_server):
    """Make fresh, empty databases on the test server: pg_database() -> URL; dropped afterwards."""
    import uuid

    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import DBAPIError

    admin = create_engine(pg_server, isolation_level="AUTOCOMMIT")
    made = []

    def make() -> str:
        name = f"c4m_{uuid.uuid4().hex[:12]}"
        with admin.connect() as c:
            c.execute(text(f'CREATE DATABASE "{name}"'))
        made.append(name)
        return make_url(pg_server).set(database=name).render_as_string(hide_password=False)

    yield make
    with admin.connect() as c:
        for name in made:
            # FORCE ends the test's own leftover sessions; an autovacuum worker busy on the database is
            # not ours to end (that takes pg_signal_backend), but a plain DROP waits it out.
            try:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            except DBAPIError:
                c.execute(text(f'DROP DATABASE IF EXISTS "{name}"'))
    admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def make_mi(request, make_ws):
    """MI's install on SQLite or on a PostgreSQL server: make_mi("mi")."""
    def make(name: str = "mi"):
        if request.param == "sqlite":
            return make_ws(name, role="hq")
        return make_ws(name, role="hq", url=request.getfixturevalue("pg_database")())
    return make
