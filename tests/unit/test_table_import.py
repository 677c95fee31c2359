"""Importing a Kobo export: counts that add up, duplicates found, a re-import that changes nothing,
rejected rows saved, fixed and imported again, members linked to their groups."""

from __future__ import annotations

import pytest
from conftest import synced_rows
from kobo_files import FIELD_HEADERS, GOOD, write_kobo_xlsx
from openpyxl import load_workbook
from sqlalchemy import func, select

from c4m_desktop.services import associations, history, records, sheets, table_import
from c4m_desktop.services.import_fields import suggest
from c4m_desktop.store.models import Association, Member


def run(ws, path, kind="associations", sheet=None, fixed=None, **apply_kw):
    p = table_import.plan(ws, sheets.open_sheet(path, sheet), kind=kind, file_name=path.name, default_site="SRP",
                          fixed=fixed)
    return p, table_import.apply(ws, p, **apply_kw)


def live(ws, model):
    with ws.read() as s:
        return s.scalar(select(func.count()).select_from(model).where(model.deleted.is_(False)))


def test_a_kobo_export_imports_with_counts_that_add_up(ws, tmp_path):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    p, result = run(ws, path)
    assert p.counts() == {"read": 11, "new": 4, "update": 0, "unchanged": 0, "duplicate": 2, "near": 1,
                          "rejected": 4}
    assert (result.read, result.imported, result.updated, result.rejected, result.skipped) == (11, 4, 0, 4, 3)
    assert result.adds_up()
    assert live(ws, Association) == 4

    by_name = {a.name_en: a for a in (records.get(ws, kind="association", row_id=r.record_id)
                                      for r in p.rows if r.action == "new")}
    puok = by_name["Puok Silk Weavers"]
    assert puok.name_local == "ក្រុមត្បាញសូត្រពួក" and puok.kind == "artisan_group" and puok.site_code == "SRP"
    assert associations.get(ws, row_id=puok.id).sectors == ("crafts",)  # "Handicraft"
    assert by_name["Myinkaba Lacquerware Group"].name_local == "မြင်းကပါ ယွန်းထည်အဖွဲ့"
    assert by_name["Ban Xang Khong Paper Group"].name_local == "ກຸ່ມເຈ້ຍບ້ານຊາງຄ້ອງ"
    assert by_name["Ban Phanom Weaving Group"].name_local == "กลุ่มทอผ้าบ้านพนม"
    # ordinary records: stamped, with History naming the file
    changes = history.for_record(ws, row_id=puok.id)
    assert changes and all(c.source == "baseline.xlsx" for c in changes)


def test_each_bad_row_says_why(ws, tmp_path):
    p = table_import.plan(ws, sheets.open_sheet(write_kobo_xlsx(tmp_path / "b.xlsx")), kind="associations",
                          file_name="b.xlsx", default_site="SRP")
    why = {r.number: [(x.field, x.message) for x in r.problems] for r in p.rows if r.action == "rejected"}
    first_bad = len(GOOD) + 2  # header is row 1
    assert why == {
        first_bad: [("phone", "Enter a phone number with at least 6 digits, e.g. +855 12 345 678.")],
        first_bad + 1: [("members_women", "Women members cannot exceed the total number of members ({total}).")],
        first_bad + 2: [("sectors", "{value} is not a sector of the taxonomy.")],
        first_bad + 3: [("name_en", "Enter the name in English or in the local script.")],
    }
    near = next(r for r in p.rows if r.action == "near")
    assert near.match_name == "Ban Phanom Weaving Group"
    assert live(ws, Association) == 0  # planning writes nothing


def test_reimporting_the_same_file_changes_nothing(ws, tmp_path):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    run(ws, path)
    before = synced_rows(ws)
    p, result = run(ws, path)
    assert (result.imported, result.updated, result.rejected, result.skipped) == (0, 0, 4, 7)
    assert p.counts()["unchanged"] == 4
    assert synced_rows(ws) == before


def test_a_changed_reexport_updates_the_same_records(ws, tmp_path):
    run(ws, write_kobo_xlsx(tmp_path / "baseline.xlsx"))
    changed = [GOOD[0][:7] + (24, 18) + GOOD[0][9:], *GOOD[1:]]
    p, result = run(ws, write_kobo_xlsx(tmp_path / "baseline-v2.xlsx", changed))
    assert (result.imported, result.updated, result.skipped) == (0, 1, 3)
    puok = records.get(ws, kind="association", row_id=records.derived_id("kobo", "u-001"))
    assert (puok.members_total, puok.members_women) == (24, 18)
    assert live(ws, Association) == 4


def test_rejected_rows_saved_fixed_and_imported_again(ws, tmp_path):
    p, _ = run(ws, write_kobo_xlsx(tmp_path / "baseline.xlsx"))
    out = tmp_path / "rejected.xlsx"
    assert table_import.write_rejected(p, out) == 4
    wb = load_workbook(out)
    sheet = wb.active
    header = [c.value for c in sheet[1]]
    assert header[-1] == "Problem"
    col = {h: i for i, h in enumerate(header)}
    rows = list(sheet.iter_rows(min_row=2))
    assert "Phone: Enter a phone number" in rows[0][col["Problem"]].value
    rows[0][col["Phone"]].value = "+855 12 999 888"
    rows[1][col["Women members"]].value = 3
    rows[2][col["Sector"]].value = "Music"
    rows[3][col["Name of the group"]].value = "Kampong Kleang Music Group"
    wb.save(out)
    p2, result = run(ws, out)
    assert (result.read, result.imported, result.rejected) == (4, 4, 0)
    assert live(ws, Association) == 8


def test_field_name_headers_are_mapped_like_labels(tmp_path):
    headers = sheets.open_sheet(write_kobo_xlsx(tmp_path / "names.xlsx", headers=FIELD_HEADERS)).headers
    mapped = suggest("associations", headers)
    assert {headers[i]: f for i, f in mapped.items()} == {
        "group_info/site": "site_code", "group_info/name_en": "name_en", "group_info/name_local": "name_local",
        "group_info/kind": "kind", "group_info/sector": "sectors", "location/district": "district",
        "location/village": "village", "members/members_total": "members_total",
        "members/members_women": "members_women", "contact/phone": "phone", "_uuid": "_uuid"}


@pytest.mark.parametrize("lang_headers", [
    ["ទីតាំង", "ឈ្មោះជាភាសាអង់គ្លេស"], ["สถานที่", "ชื่อภาษาอังกฤษ"]])
def test_headers_in_other_languages_are_suggested(lang_headers):
    from c4m_desktop import i18n

    site = i18n.translator("km" if lang_headers[0] == "ទីតាំង" else "th").gettext("Site")
    name = i18n.translator("km" if lang_headers[0] == "ទីតាំង" else "th").gettext("Name in English")
    assert suggest("associations", [site, name + ":"]) == {0: "site_code", 1: "name_en"}


def test_members_from_the_repeat_sheet_link_to_their_groups(ws, tmp_path):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    run(ws, path)
    p, result = run(ws, path, kind="members", sheet="members", fixed={"kind": "Artisan"})
    assert (result.read, result.imported, result.rejected) == (8, 7, 1)
    bad = next(r for r in p.rows if r.action == "rejected")
    assert bad.problems[0].message.startswith("No association with Kobo id {value}")
    with ws.read() as s:
        genders = dict(s.execute(select(Member.name, Member.gender)).all())
    assert genders["Chan Sreymom"] == genders["Keo Bopha"] == genders["Malee Boonmee"] == "female"
    assert genders["Sok Dara"] == genders["Somchai Rakthai"] == "male"
    assert genders["Khamla Vongsa"] == genders["Daw Aye Aye"] == "female"
    _, again = run(ws, path, kind="members", sheet="members", fixed={"kind": "Artisan"})
    assert (again.imported, again.updated, again.skipped) == (0, 0, 7)


def test_cancel_leaves_nothing_written(ws, tmp_path):
    many = [(r[0], f"{r[1]} {n}", "", *r[3:10], f"c-{n}") for n in range(1200) for r in GOOD[:1]]
    path = write_kobo_xlsx(tmp_path / "many.xlsx", many, members=[])
    p = table_import.plan(ws, sheets.open_sheet(path), kind="associations", file_name=path.name)
    seen = []
    with pytest.raises(table_import.ImportCancelled):
        table_import.apply(ws, p, progress=lambda done, total: seen.append(done), cancelled=lambda: len(seen) >= 1)
    assert seen and live(ws, Association) == 0


def test_near_matches_follow_the_decision(ws, tmp_path):
    run(ws, write_kobo_xlsx(tmp_path / "baseline.xlsx", GOOD))
    near = [("AYU", "Ban Phanom weaving group (Tai Lue)", "", "Association", "Music", "", "", None, None,
             "+66 81 000 0000", "u-020")]
    path = write_kobo_xlsx(tmp_path / "more.xlsx", near)
    p = table_import.plan(ws, sheets.open_sheet(path), kind="associations", file_name=path.name)
    assert [r.action for r in p.rows] == ["near"]
    result = table_import.apply(ws, p, decisions={2: "merge"})
    assert (result.imported, result.updated) == (0, 1)
    phanom = associations.get(ws, row_id=records.derived_id("kobo", "u-002"))
    assert phanom.sectors == ("crafts", "music")  # merged in
    assert phanom.record.phone == "+66 81 234 5678"  # kept: merge fills only what is missing
    assert live(ws, Association) == len(GOOD)


def test_values_no_choice_matches_are_listed_and_a_value_map_settles_them(ws, tmp_path):
    path = write_kobo_xlsx(tmp_path / "baseline.xlsx")
    sheet = sheets.open_sheet(path)
    mapping = suggest("associations", sheet.headers)
    assert table_import.unrecognised_values(sheet, kind="associations", mapping=mapping) == {"sectors": ["Astrology"]}
    assert table_import.unrecognised_values(sheet, kind="associations", mapping=mapping,
                                            value_maps={"sectors": {"Astrology": "other"}}) == {}
    p = table_import.plan(ws, sheet, kind="associations", file_name=path.name, mapping=mapping,
                          value_maps={"sectors": {"Astrology": "other"}})
    assert p.counts()["rejected"] == 3


def test_a_burmese_name_typed_in_zawgyi_is_a_duplicate_of_its_unicode_twin(ws, tmp_path):
    unicode_name, zawgyi_name = "မောင်မောင် ယွန်းထည်", "ေမာင္ေမာင္ ယြန္းထည္"
    first = [("BGN", "", unicode_name, "Enterprise", "crafts", "", "", None, None, "", "z-1")]
    run(ws, write_kobo_xlsx(tmp_path / "unicode.xlsx", first, members=[]))
    again = [("BGN", "", zawgyi_name, "Enterprise", "crafts", "", "", None, None, "", "z-2")]
    p, result = run(ws, write_kobo_xlsx(tmp_path / "zawgyi.xlsx", again, members=[]))
    assert [r.action for r in p.rows] == ["duplicate"] and result.imported == 0
    assert live(ws, Association) == 1


def test_imported_records_travel_in_the_next_bundle(ws, tmp_path):
    from c4m_desktop.sync import exporter

    run(ws, write_kobo_xlsx(tmp_path / "baseline.xlsx"))
    bundle = exporter.export(ws, to_dir=tmp_path / "out")
    assert bundle.counts["association"] == 4 and bundle.counts["association_sector"] == 4


def test_members_consent_is_read_and_its_rules_hold(ws, tmp_path):
    from datetime import date

    from c4m_desktop import i18n

    associations.create(ws, values={"site_code": "SRP", "name_en": "Puok Silk Weavers", "kind": "artisan_group"},
                        sectors=["crafts"])
    path = tmp_path / "members.csv"
    path.write_text("association,name,gender,phone,consent,today\n"
                    "Puok Silk Weavers,Chan Sreymom,F,012 345 678,yes,2026-03-02\n"
                    "Puok Silk Weavers,Sok Dara,M,012 345 679,មិនយល់ព្រម,2026-03-02\n"
                    "Puok Silk Weavers,Keo Bopha,F,,មិនយល់ព្រម,2026-03-02T09:15:00\n"
                    "Puok Silk Weavers,Malee Boonmee,F,,yes,\n", encoding="utf-8")
    p, result = run(ws, path, kind="members", fixed={"kind": "Artisan"})
    assert (result.imported, result.rejected) == (2, 2)
    why = {r.values.get("name"): i18n.problem_text(r.problems[0]) for r in p.rows if r.action == "rejected"}
    assert "Without the person's consent" in why["Sok Dara"]
    assert "Enter the date consent was given" in why["Malee Boonmee"]
    with ws.read() as s:
        got = {m.name: (m.consent, m.consent_date) for m in s.scalars(select(Member))}
    assert got == {"Chan Sreymom": ("given", date(2026, 3, 2)), "Keo Bopha": ("refused", date(2026, 3, 2))}
