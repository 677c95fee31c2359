"""What the Outbox & sync page reads: per recipient how far it confirmed, and what still waits."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import update

from c4m_desktop.services import associations
from c4m_desktop.store.models import OutboxItem
from c4m_desktop.sync import exporter, importer, outbox, status

MI = "c4m@mekonginstitute.org"


def add(ws, name: str, site: str = "SRP"):
    return associations.create(ws, values={"site_code": site, "name_en": name, "kind": "artisan_group"},
                               sectors=["crafts"]).record.record


def test_a_new_site_lists_mi_before_mi_ever_answered(make_ws):
    site = make_ws("siem", site="SRP")
    [mi] = status.confirmations(site)
    assert mi.is_mi and mi.device_id is None and mi.confirmed_at is None and mi.pending == 0
    add(site, "Puok Silk Weavers")
    [mi] = status.confirmations(site)
    assert mi.pending == 2  # the association and its sector link
    assert not mi.overdue  # nothing was exported yet, so nothing can be late


def test_never_confirmed_is_overdue_two_weeks_after_the_first_export(make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    add(site, "Puok Silk Weavers")
    t0 = datetime.now(UTC)
    outbox.enqueue(site, exporter.export(site, to_dir=tmp_path / "out"), recipient=MI, now=t0)
    assert not status.confirmations(site, now=t0 + timedelta(days=13))[0].overdue
    assert status.confirmations(site, now=t0 + timedelta(days=14))[0].overdue


def test_a_round_trip_confirms_everything_and_imports_do_not_count(make_ws, tmp_path):
    site = make_ws("siem", site="SRP")
    hq = make_ws("mi", role="hq")
    add(site, "Puok Silk Weavers")
    add(hq, "Hue Conical Hat Cooperative", site="HUE")  # MI's own row for another site
    importer.import_bundle(hq, exporter.export(site, to_dir=tmp_path / "out").path)
    importer.import_bundle(site, exporter.export(hq, recipient="SRP", to_dir=tmp_path / "out").path)

    [mi] = status.confirmations(site)
    assert mi.is_mi and mi.device_id == hq.require_device().id
    assert mi.confirmed_seq > 0 and mi.confirmed_at is not None and mi.last_bundle_at is not None
    assert mi.pending == 0  # the import took a change number, but carried only MI's rows
    assert not status.confirmations(site, now=mi.confirmed_at + timedelta(days=60))[0].overdue

    add(site, "Angkor Stone Carvers")
    [mi] = status.confirmations(site)
    assert mi.pending == 2
    assert not status.confirmations(site, now=mi.confirmed_at + timedelta(days=13))[0].overdue
    assert status.confirmations(site, now=mi.confirmed_at + timedelta(days=15))[0].overdue

    # At MI the site is a recipient; only that site's rows are meant for it.
    [srp] = status.confirmations(hq)
    assert (srp.role, srp.site_code, srp.device_id) == ("site", "SRP", site.require_device().id)
    assert srp.pending == 0  # MI's HUE row is not for Siem Reap; the SRP rows came from the site
    add(hq, "Kok Doung Weavers")
    assert status.confirmations(hq)[0].pending == 2


def test_waiting_counts_everything_not_sent_or_saved(ws, tmp_path):
    made = []
    for _i in range(5):
        made.append(outbox.enqueue(ws, exporter.export(ws, to_dir=tmp_path / "out"), recipient=MI))
    states = ["queued", "failed", "too_large", "sent", "saved"]
    with ws.db.session() as s:
        for item, state in zip(made, states, strict=True):
            s.execute(update(OutboxItem).where(OutboxItem.id == item.id).values(status=state))
    assert status.count_waiting(ws) == 3
    snapshot = status.sync_status(ws)
    assert snapshot.waiting == 3 and {i.status for i in snapshot.items} == set(states)
    assert [c.is_mi for c in snapshot.confirmations] == [True]
