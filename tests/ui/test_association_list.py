"""The association list: lazy, filtered in SQL on the worker thread, never blocking the GUI."""

from __future__ import annotations

import sqlite3
import threading
import uuid
from datetime import UTC, datetime

import pytest
from PySide6.QtCore import QTimer

from c4m_desktop.services import associations, device, queries
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.ui.association_list import AssociationListPage
from c4m_desktop.ui.lazy_list import PAGE
from c4m_desktop.ui.ops import OpRunner

BASE = {"kind": "artisan_group", "members_total": 10, "members_women": 5}


@pytest.fixture
def runner(qtbot):
    r = OpRunner()
    yield r
    r.shutdown()


def make_page(qtbot, ws, runner):
    page = AssociationListPage(ws, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not runner.busy)
    return page


def test_model_passes_qt_model_tester(qtbot, qtmodeltester, ws, runner):
    associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Puok Silk Group"}, sectors=["crafts"])
    associations.create(ws, values=BASE | {"site_code": "AYU", "name_en": "Tha Chang Knife Group"})
    page = make_page(qtbot, ws, runner)
    assert page.model.rowCount() == 2
    qtmodeltester.check(page.model)


def test_typing_in_search_filters_the_list(qtbot, ws, runner):
    associations.create(ws, values=BASE | {"site_code": "SRP", "name_en": "Puok Silk Group"}, sectors=["crafts"])
    associations.create(ws, values=BASE | {"site_code": "AYU", "name_en": "Tha Chang Knife Group"})
    page = make_page(qtbot, ws, runner)
    qtbot.keyClicks(page.search, "knife")
    qtbot.waitUntil(lambda: page.model.rowCount() == 1)
    assert page.model.rows[0]["name_en"] == "Tha Chang Knife Group"
    assert page.count.text() == "1 shown"
    page.search.clear()
    page.site.setCurrentIndex(page.site.findData("SRP"))
    qtbot.waitUntil(lambda: [r["site_code"] for r in page.model.rows] == ["SRP"])


@pytest.fixture(scope="module")
def big_db(tmp_path_factory):
    """100,000 associations written straight into a real database (the demo would take a minute)."""
    path = tmp_path_factory.mktemp("big") / "c4m.sqlite"
    ws = Workspace.open(path)
    info = device.initialise(ws, site_code="SRP", coordinator="Bench")
    ws.close()
    now = datetime.now(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")
    sites = ("AYU", "SRP", "HUE", "LPB", "BGN")
    rows = [(str(uuid.uuid4()), sites[i % 5], f"Group {i:06d}", "artisan_group", now, now,
             f"2026-01-01T00:00:00.000Z/{i % 999999:06d}/{info.id}", "{}", info.id, 0, 1)
            for i in range(100_000)]
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO association (id, site_code, name_en, kind, created_at, updated_at, hlc, vv,"
            " origin_device, deleted, change_seq) VALUES (?,?,?,?,?,?,?,?,?,?,?)", rows)
    return path


def test_100k_list_opens_and_filters_off_the_gui_thread(qtbot, big_db, runner, monkeypatch):
    ws = Workspace.open(big_db)
    query_threads: list[threading.Thread] = []
    real = queries.associations

    def spy(*args, **kw):
        query_threads.append(threading.current_thread())
        return real(*args, **kw)

    monkeypatch.setattr(queries, "associations", spy)
    page = make_page(qtbot, ws, runner)
    assert page.model.rowCount() == PAGE and page.model.canFetchMore()
    page.model.fetchMore()
    qtbot.waitUntil(lambda: page.model.rowCount() == 2 * PAGE)

    ticks = []
    timer = QTimer(interval=1)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start()
    with qtbot.waitSignal(page.model.loaded, timeout=10_000):
        qtbot.keyClicks(page.search, "Group 0999")
    timer.stop()
    assert [r["name_en"] for r in page.model.rows][:3] == ["Group 099900", "Group 099905", "Group 099910"]
    assert page.model.rowCount() == 100  # Group 099900..099999, AYU first
    assert ticks, "the event loop did not run while the filter query ran"
    assert query_threads and all(t is not threading.main_thread() for t in query_threads)
    ws.close()


def test_column_widths_and_choice_are_remembered(qtbot, ws, runner):
    page = make_page(qtbot, ws, runner)
    page.table.setColumnWidth(1, 420)
    menu = page.column_menu()
    district = [a for a in menu.actions() if a.text() == "District"][0]
    district.setChecked(False)
    assert page.table.isColumnHidden(7)
    page.close()

    again = make_page(qtbot, ws, runner)  # as after a restart: read back from ui.ini
    assert again.table.columnWidth(1) == 420
    assert again.table.isColumnHidden(7)
    assert (ws.files_dir.parent / "ui.ini").exists()


def test_the_list_reads_once_when_it_opens_and_once_per_sort(qtbot, ws, runner, monkeypatch):
    from PySide6.QtCore import Qt

    for i in range(5):
        associations.create(ws, values={"site_code": "SRP", "name_en": f"Group {i}", **BASE})
    calls = []
    real = queries.associations
    monkeypatch.setattr(queries, "associations", lambda *a, **k: calls.append(k.get("order")) or real(*a, **k))
    page = AssociationListPage(ws, runner)
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: page.model.rowCount() == 5 and not runner.busy)
    assert calls == ["site_code"]  # making the table sortable and setting its indicator start no query
    page.table.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    qtbot.waitUntil(lambda: not runner.busy and page.model.rows[0]["name_en"] == "Group 4")
    assert calls == ["site_code", "name_en"]
