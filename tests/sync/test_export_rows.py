"""The export's fast SQLite path writes exactly the values SQLAlchemy's types would."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select, update

from c4m_desktop.services import demo
from c4m_desktop.store.models import Association
from c4m_desktop.sync.rows import TABLE_ORDER, export_rows, exported_columns, table, to_json


def typed_row(mapping, columns):
    """The reference: each value through SQLAlchemy's column types, then to its bundle form."""
    return {c: to_json(mapping[c]) for c in columns}


def test_fast_rows_equal_typed_rows(ws):
    demo.generate(ws, associations=60, seed=3)
    with ws.db.session() as s:  # a time with no microseconds, and a deleted row (a true boolean)
        first = s.scalars(select(Association.id).order_by(Association.id)).first()
        s.execute(update(Association).where(Association.id == first)
                  .values(updated_at=datetime(2026, 5, 1, 8, 30, tzinfo=UTC), deleted=True))
    seen = 0
    with ws.read() as s:
        conn = s.connection()
        for name in TABLE_ORDER:
            t, columns = table(name), exported_columns(name)
            stmt = select(*(t.c[c] for c in columns)).where(t.c.change_seq > 0).order_by(t.c.id)
            fast = export_rows(conn, stmt, name, columns)
            assert fast == [typed_row(r, columns) for r in conn.execute(stmt).mappings()], name
            seen += len(fast)
            if name == "association":
                assert fast[0]["updated_at"] == "2026-05-01T08:30:00Z" and fast[0]["deleted"] is True
    assert seen > 300


def test_a_line_separator_inside_a_name_survives_the_bundle(make_ws, tmp_path):
    from c4m_desktop.services import associations, records
    from c4m_desktop.sync import exporter, importer

    site, mi = make_ws("siem", site="SRP"), make_ws("mi", role="hq")
    name = "Puok Silk\u2028Weavers\u0085 (ក្រុម\u2029ត្បាញ)"  # pasted from a PDF, as happens
    a = associations.create(site, values={"site_code": "SRP", "name_en": name, "kind": "artisan_group"},
                            sectors=["crafts"]).record.record
    importer.import_bundle(mi, exporter.export(site, to_dir=tmp_path / "out").path)
    assert records.get(mi, kind="association", row_id=a.id).name_en == name


def test_an_export_that_fails_half_way_writes_nothing(ws, tmp_path, monkeypatch):
    import threading

    import pytest

    from c4m_desktop.sync import exporter

    demo.generate(ws, associations=30, seed=1)

    def broken(*_a):
        raise OSError("disk full")

    monkeypatch.setattr(exporter, "summary_workbook", broken)
    with pytest.raises(OSError):
        exporter.export(ws, to_dir=tmp_path / "out")
    out = tmp_path / "out"
    assert not out.exists() or not any(out.iterdir())  # no bundle, no .part
    assert not [t for t in threading.enumerate() if t.name.startswith("bundle-zip")]  # the helper thread ended
    monkeypatch.undo()
    made = exporter.export(ws, to_dir=tmp_path / "out")
    assert made.rows > 100 and [p.name for p in (tmp_path / "out").iterdir()] == [made.path.name]
