"""MI staff share one PostgreSQL database: simultaneous writes never share a change number."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from c4m_desktop.services import associations, device
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.store.models import Association


def test_two_staff_writing_at_once_get_distinct_change_numbers(pg_database):
    url = pg_database()
    first = Workspace.open(url)
    device.initialise(first, site_code="SRP", coordinator="MI desk", role="hq")
    second = Workspace.open(url)
    errors = []

    def work(ws, who):
        try:
            for i in range(15):
                associations.create(ws, values={"site_code": "HUE", "name_en": f"{who} group {i}",
                                                "kind": "artisan_group"})
        except Exception as e:  # noqa: BLE001 - reported below
            errors.append(e)

    threads = [threading.Thread(target=work, args=(w, n)) for w, n in ((first, "Anna"), (second, "Bao"))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    with first.read() as s:
        assert s.scalar(select(func.count(func.distinct(Association.change_seq)))) == 30
        assert s.scalar(select(func.count(func.distinct(Association.hlc)))) == 30
    first.close()
    second.close()


def test_dashboard_and_search_read_the_same_on_postgresql_as_on_sqlite(pg_database, make_ws):
    from datetime import date

    from c4m_desktop.services import dashboard, demo, queries

    lite = make_ws("lite", role="hq")
    pg = make_ws("pg", role="hq", url=pg_database())
    for ws in (lite, pg):
        demo.generate(ws, associations=80, seed=5, today=date(2026, 6, 1))
    a, b = (dashboard.summary(ws, today=date(2026, 6, 1)) for ws in (lite, pg))
    assert a.achievement_by_site and a.achievement_by_site == b.achievement_by_site
    assert a.associations_by_site_sector == b.associations_by_site_sector
    assert a.activities_by_site_status == b.activities_by_site_status
    names = [sorted(r["name_en"] for r in queries.associations(ws, search="Silk")) for ws in (lite, pg)]
    assert names[0] and names[0] == names[1]  # trigram index on SQLite, ILIKE on PostgreSQL
