"""IPR, Outbox & sync, Conflicts and Settings pages show what the tables hold."""

from __future__ import annotations

from datetime import UTC, date, datetime

from c4m_desktop.services import associations, device, records, settings
from c4m_desktop.store.models import Conflict, OutboxItem
from c4m_desktop.ui.main_window import MainWindow


def test_ipr_page_lists_assets_with_their_association(qtbot, ws):
    a = associations.create(ws, values={"site_code": "HUE", "name_en": "Tay Ho Conical Hat Cooperative",
                                        "kind": "cooperative"}).record.record
    records.create(ws, kind="ipr_asset", values={"association_id": a.id, "title": "Nón lá Huế label",
                                                 "ipr_type": "trademark", "status": "filed", "office": "VN-IPVN",
                                                 "filing_date": date(2026, 3, 2)})
    w = MainWindow(ws)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.ipr.model.rowCount() == 1)
    row = [w.ipr.model.index(0, c).data() for c in range(w.ipr.model.columnCount())]
    assert row[:6] == ["HUE", "Nón lá Huế label", "Tay Ho Conical Hat Cooperative", "Trademark", "Filed",
                       "IP Viet Nam, Ministry of Science and Technology"]


def test_outbox_and_conflicts_pages_show_table_rows(qtbot, ws):
    now = datetime.now(UTC)
    with ws.db.session() as s:
        s.add(OutboxItem(recipient="c4m@mekonginstitute.org", bundle_path="/tmp/srp-0001.c4m", bundle_id="b1",
                         created_at=now, status="queued", attempts=2, last_error="mail server not reachable"))
        s.add(Conflict(id="c1", site_code="SRP", table_name="association", row_id="r1", loser_hlc="l",
                       loser_device="dev-b", loser_json="{}", created_at=now, updated_at=now, hlc="l", vv="{}",
                       origin_device="dev-b", deleted=False, change_seq=1))
    w = MainWindow(ws)
    qtbot.addWidget(w)
    qtbot.waitUntil(lambda: w.outbox.table.rowCount() == 1 and w.conflicts.table.rowCount() == 1)
    assert w.outbox.table.item(0, 4).text() == "mail server not reachable"
    assert w.outbox_label.text() == "1 export waiting"
    assert w.conflicts.table.item(0, 4).text() == "dev-b"


def test_settings_save_and_refuse_a_bad_address(qtbot, window, ws):
    page = window.settings
    page.form.fields["coordinator"].input.setText("Sokha Chea")
    page.form.fields["mi_email"].input.setText("c4m@mekong")
    page.save()
    qtbot.waitUntil(lambda: page.form.fields["mi_email"].problem.text() == "c4m@mekong is not a valid e-mail address.")
    assert device.current(ws).coordinator == "Sokha"  # nothing written
    page.form.fields["mi_email"].input.setText("c4m@mekonginstitute.org")
    page.backup_dir.setText("/media/usb/c4m-backups")
    page.save()
    qtbot.waitUntil(lambda: device.current(ws).coordinator == "Sokha Chea")
    assert settings.get(ws, settings.BACKUP_DIR) == "/media/usb/c4m-backups"
