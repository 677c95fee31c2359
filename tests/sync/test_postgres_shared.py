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
