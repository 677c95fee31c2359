"""Reviewing a conflict: both versions side by side; keep, take or edit; the decision travels."""

from __future__ import annotations

import json
from datetime import date

import pytest
from conftest import synced_rows
from sqlalchemy import select

from c4m_desktop.domain.messages import ValidationError
from c4m_desktop.services import action_plans, associations, conflicts, history, queries, records
from c4m_desktop.store.models import History
from c4m_desktop.sync import exporter, importer


@pytest.fixture
def two_laptops(make_ws, tmp_path):
    """Two Siem Reap laptops that both hold one association (both empty of conflicts)."""
    out = tmp_path / "out"
    sokha, dara = make_ws("sokha", site="SRP"), make_ws("dara", site="SRP")
    group = associations.create(sokha, values={"site_code": "SRP", "name_en": "Angkor Silk Farm Weavers",
                                               "kind": "artisan_group", "members_total": 12}).record.record
    importer.import_bundle(dara, exporter.export(sokha, recipient="SRP", to_dir=out).path)
    return sokha, dara, group, out


def concurrent_village_edits(sokha, dara, group_id):
    """Both edit the village without seeing the other's edit (Dara's, made later, wins)."""
    records.update(sokha, kind="association", row_id=group_id, changes={"village": "Puok", "members_total": 14})
    records.update(dara, kind="association", row_id=group_id, changes={"village": "Kralanh"})


def exchange(src, dst, out, recipient="SRP"):
    return importer.import_bundle(dst, exporter.export(src, recipient=recipient, to_dir=out).path)


def test_a_real_conflict_shows_both_versions_field_by_field(two_laptops):
    sokha, dara, group, out = two_laptops
    concurrent_village_edits(sokha, dara, group.id)
    assert exchange(dara, sokha, out).conflicts == 1

    [info] = conflicts.unresolved(sokha)
    assert (info.kind, info.kind_label, info.name, info.site_code, info.row_id) == (
        "association", "Association", "Angkor Silk Farm Weavers", "SRP", group.id)
    assert info.other_device_is_local and info.record_exists  # Sokha's own edit lost to Dara's later one
    d = conflicts.detail(sokha, conflict_id=info.id)
    by_field = {f.field: f for f in d.fields}
    assert (by_field["village"].current, by_field["village"].other, by_field["village"].differs) == (
        "Kralanh", "Puok", True)
    assert (by_field["members_total"].current, by_field["members_total"].other) == (12, 14)
    assert set(d.differing) == {"village", "members_total"}
    assert not by_field["name_en"].differs and not by_field["deleted"].differs
    assert (d.open_kind, d.open_id) == ("association", group.id)


def test_keep_mine_closes_the_conflict_everywhere_and_leaves_the_record(two_laptops, make_ws):
    sokha, dara, group, out = two_laptops
    mi = make_ws("mi", role="hq")
    concurrent_village_edits(sokha, dara, group.id)
    for laptop in (sokha, dara):
        importer.import_bundle(mi, exporter.export(laptop, to_dir=out).path)
    [info] = conflicts.unresolved(mi)
    assert info.other_device_site == "SRP" and not info.other_device_is_local

    changes = conflicts.keep_mine(mi, conflict_id=info.id)
    assert "conflict" in changes.tables and info.id in changes.ids
    assert conflicts.unresolved(mi) == []
    assert associations.get(mi, row_id=group.id).record.village == "Kralanh"  # untouched
    resolved = records.get(mi, kind="conflict", row_id=info.id)
    assert resolved.resolution == conflicts.KEPT and resolved.resolved_at is not None
    assert json.loads(resolved.vv)[mi.require_device().id] >= 1  # a new version by MI, so it travels
    with mi.read() as s:
        audit = {h.field: h.new for h in s.scalars(select(History).where(History.row_id == info.id))
                 if h.source == f"conflict {info.id}"}
    assert audit["resolution"] == "kept" and audit["resolved_at"]
    with pytest.raises(conflicts.AlreadyResolved):
        conflicts.keep_mine(mi, conflict_id=info.id)

    for laptop in (sokha, dara):
        assert exchange(mi, laptop, out).conflicts == 0
        assert conflicts.unresolved(laptop) == []
        assert queries.conflicts(laptop, unresolved_only=False)[0]["resolution"] == "kept"
    assert synced_rows(sokha) == synced_rows(dara) == synced_rows(mi)


def test_take_theirs_is_one_audited_edit_and_the_other_replica_follows(two_laptops):
    sokha, dara, group, out = two_laptops
    concurrent_village_edits(sokha, dara, group.id)
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)

    changes = conflicts.take_theirs(sokha, conflict_id=info.id)
    assert {"association", "conflict"} <= changes.tables
    record = associations.get(sokha, row_id=group.id).record
    assert (record.village, record.members_total) == ("Puok", 14)
    assert records.get(sokha, kind="conflict", row_id=info.id).resolution == conflicts.TAKEN
    assert conflicts.unresolved(sokha) == []
    newest = [c for c in history.for_record(sokha, row_id=group.id) if c.source == f"conflict {info.id}"]
    assert {(c.field, c.old, c.new) for c in newest} == {("village", "Kralanh", "Puok"),
                                                          ("members_total", "12", "14")}
    assert all(c.device_id == sokha.require_device().id for c in newest)

    # Dara's laptop receives the edit and the decision: the taken version, no conflict to review.
    result = exchange(sokha, dara, out)
    assert result.conflicts == 0
    assert associations.get(dara, row_id=group.id).record.village == "Puok"
    assert conflicts.unresolved(dara) == []
    assert queries.conflicts(dara, unresolved_only=False)[0]["resolution"] == "taken"
    exchange(dara, sokha, out)
    assert synced_rows(sokha) == synced_rows(dara)


def test_take_theirs_writes_nothing_when_the_other_version_breaks_a_rule(two_laptops):
    sokha, dara, group, out = two_laptops
    concurrent_village_edits(sokha, dara, group.id)
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)
    with sokha.db.session() as s:  # a version valid where it was made, invalid under today's rules
        c = records.load(s, "conflict", info.id)
        c.loser_json = json.dumps(json.loads(c.loser_json) | {"members_women": 99})
    with pytest.raises(ValidationError, match="Women members cannot exceed"):
        conflicts.take_theirs(sokha, conflict_id=info.id)
    assert associations.get(sokha, row_id=group.id).record.village == "Kralanh"
    assert [c.id for c in conflicts.unresolved(sokha)] == [info.id]


def test_mark_edited_after_a_hand_merge(two_laptops):
    sokha, dara, group, out = two_laptops
    concurrent_village_edits(sokha, dara, group.id)
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)
    records.update(sokha, kind="association", row_id=group.id, changes={"village": "Puok / Kralanh"})
    conflicts.mark_edited(sokha, conflict_id=info.id)
    assert records.get(sokha, kind="conflict", row_id=info.id).resolution == conflicts.EDITED
    assert associations.get(sokha, row_id=group.id).record.village == "Puok / Kralanh"


def test_a_deleted_other_version_is_taken_as_a_deletion(two_laptops):
    sokha, dara, group, out = two_laptops
    records.delete(sokha, kind="association", row_id=group.id)
    records.update(dara, kind="association", row_id=group.id, changes={"village": "Kralanh"})
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)
    d = conflicts.detail(sokha, conflict_id=info.id)
    assert {f.field for f in d.fields if f.differs} >= {"deleted"}
    conflicts.take_theirs(sokha, conflict_id=info.id)
    assert queries.associations(sokha) == []


def test_child_records_name_their_parent_and_open_its_editor(make_ws, tmp_path):
    out = tmp_path / "out"
    sokha, dara = make_ws("sokha", site="SRP"), make_ws("dara", site="SRP")
    plan = action_plans.create(sokha, values={"site_code": "SRP", "scope": "site", "owner": "Sokha",
                                             "title": "Puok weaving year", "status": "active"}).record
    action_plans.save_editor(sokha, plan_id=plan.id, changes={}, activities=[(None, {
        "title": "Dye workshop", "status": "in_progress", "start_date": date(2026, 1, 10),
        "target": 20})])
    activity = action_plans.detail(sokha, plan_id=plan.id).activities[0].record
    exchange(sokha, dara, out)
    records.update(sokha, kind="activity", row_id=activity.id, changes={"due_date": date(2026, 2, 28)})
    records.update(dara, kind="activity", row_id=activity.id, changes={"target": 25})
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)
    assert (info.kind, info.name, info.parent_name) == ("activity", "Dye workshop", "Puok weaving year")
    d = conflicts.detail(sokha, conflict_id=info.id)
    assert (d.open_kind, d.open_id, d.currency) == ("action_plan", plan.id, "KHR")
    by_field = {f.field: f for f in d.fields}
    assert by_field["due_date"].other == date(2026, 2, 28) and by_field["due_date"].current is None
    assert by_field["target"].current == 25.0 and by_field["target"].other == 20.0
    assert not by_field["start_date"].differs  # dates are compared as dates, not as text


def test_a_decision_survives_a_later_independent_detection_of_the_same_conflict(two_laptops):
    sokha, dara, group, out = two_laptops
    concurrent_village_edits(sokha, dara, group.id)
    from_sokha = exporter.export(sokha, recipient="SRP", to_dir=out).path  # made before the decision
    exchange(dara, sokha, out)
    [info] = conflicts.unresolved(sokha)
    conflicts.keep_mine(sokha, conflict_id=info.id)
    importer.import_bundle(dara, from_sokha)  # Dara finds the same conflict on her own, later
    exchange(sokha, dara, out)
    exchange(dara, sokha, out)
    assert conflicts.unresolved(sokha) == [] and conflicts.unresolved(dara) == []
