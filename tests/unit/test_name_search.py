"""The association list's search: the trigram index finds what reading every name would, in every
script, and follows renames, imports and restores."""

from __future__ import annotations

import pytest

from c4m_desktop.services import associations, backups, demo, queries, records, settings
from c4m_desktop.services.workspace import Workspace
from c4m_desktop.store import search
from c4m_desktop.sync import exporter, importer


def _expected(ws, term: str) -> set[str]:
    """Ground truth: every live association whose English or local name holds the term."""
    t = term.lower()
    return {r["id"] for r in queries.associations(ws)
            if t in (r["name_en"] or "").lower() or t in (r["name_local"] or "").lower()}


def _found(ws, term: str) -> set[str]:
    return {r["id"] for r in queries.associations(ws, search=term)}


@pytest.fixture
def filled(ws):
    demo.generate(ws, associations=300, seed=4)
    return ws


def test_index_and_reading_every_name_agree_in_every_script(filled):
    ws = filled
    with ws.db.engine.connect() as conn:
        assert search.present(conn)
    names = list(queries.associations(ws))
    by_site = {r["site_code"]: r["name_local"] for r in names}
    terms = ["silk", "SILK", "Wea", "group 2", "xyz-nothing"]
    # A piece from the middle of a local name of each site: Thai, Khmer, Vietnamese, Lao, Burmese.
    terms += [local[2:6] for local in by_site.values()]
    for term in terms:
        assert _found(ws, term) == _expected(ws, term), term
    assert any(_found(ws, t) for t in terms[5:])  # the local pieces do find something
    assert _found(ws, "si") == _expected(ws, "si")  # two letters: read from the table
    assert _found(ws, 'a"b') == set() and _found(ws, "100%") == _expected(ws, "100%")


def test_the_search_uses_the_index(filled):
    ws = filled
    with ws.read() as s:
        plan = s.connection().exec_driver_sql(
            f"EXPLAIN QUERY PLAN SELECT id FROM association WHERE rowid IN "
            f"(SELECT rowid FROM {search.TABLE} WHERE {search.TABLE} MATCH ?) "
            f"ORDER BY site_code, name_en, id LIMIT 200", (search.phrase("silk"),)).fetchall()
        plain = s.connection().exec_driver_sql(
            "EXPLAIN QUERY PLAN SELECT id FROM association WHERE deleted = 0 "
            "ORDER BY site_code, name_en, id LIMIT 200").fetchall()
    steps = " | ".join(row[-1] for row in plan)
    assert "association_search VIRTUAL TABLE INDEX" in steps, steps  # matches from the index, then sorted
    unfiltered = " | ".join(row[-1] for row in plain)
    assert "USING INDEX ix_association_site_name" in unfiltered and "TEMP B-TREE" not in unfiltered, unfiltered


def test_the_index_follows_renames_imports_and_restores(make_ws, tmp_path):
    site, mi = make_ws("siem", site="SRP"), make_ws("mi", role="hq")
    a = associations.create(site, values={"site_code": "SRP", "name_en": "Puok Silk Weavers", "kind": "artisan_group",
                                          "name_local": "ក្រុមត្បាញសូត្រពួក"}, sectors=["crafts"]).record.record
    importer.import_bundle(mi, exporter.export(site, to_dir=tmp_path / "out").path)
    assert _found(mi, "silk wea") == {a.id} and _found(mi, "ត្បាញសូត្រ") == {a.id}

    records.update(site, kind="association", row_id=a.id, changes={"name_en": "Puok Lacquer House"})
    importer.import_bundle(mi, exporter.export(site, to_dir=tmp_path / "out").path)
    for ws in (site, mi):
        assert _found(ws, "lacquer") == {a.id} and _found(ws, "silk") == set()

    settings.put(site, settings.BACKUP_DIR, str(tmp_path / "backups"))
    made = backups.make(site, reason="manual")
    db_path, files_dir = site.db.path, site.files_dir
    site.close()
    backups.restore(db_path, made.path, files_dir=files_dir, folder=made.path.parent)
    restored = Workspace.open(db_path, create=False)
    try:
        assert _found(restored, "Lacquer Ho") == {a.id}
    finally:
        restored.close()


def test_list_and_dashboard_queries_use_their_indexes(filled):
    """EXPLAIN QUERY PLAN of the hot queries on a filled database: the intended index, no full scan."""
    ws = filled

    def plan(sql: str, *params) -> str:
        with ws.read() as s:
            return " | ".join(r[-1] for r in s.connection().exec_driver_sql("EXPLAIN QUERY PLAN " + sql, params))

    overdue = plan("SELECT count(*) FROM activity WHERE plan_id = ? AND due_date < ? AND status NOT IN "
                   "('done', 'cancelled') AND deleted = 0", "x", "2026-01-01")
    assert "ix_activity_plan_id" in overdue, overdue  # per plan: its own activities, not all of them
    by_status = plan("SELECT site_code, status, count(*) FROM activity WHERE deleted = 0 GROUP BY site_code, status")
    assert "COVERING INDEX ix_activity_site_status" in by_status, by_status
    latest = plan("SELECT actual_value FROM progress_update WHERE activity_id = ? AND deleted = 0 "
                  "ORDER BY report_date DESC, actual_value DESC LIMIT 1", "x")
    assert "COVERING INDEX ix_progress_update_latest" in latest and "TEMP B-TREE" not in latest, latest
