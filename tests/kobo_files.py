"""Spreadsheets laid out as KoboToolbox exports them, written by the tests.

The main sheet holds one row per submission (``_uuid``, ``_submission_time``, ``_index`` and
Kobo's ``start``/``end`` metadata columns); a repeat group of members sits on its own sheet,
linked by ``_submission__uuid``. Headers are either question labels or field names.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook

LABEL_HEADERS = ["start", "end", "Site", "Name of the group", "Name in local script", "Kind", "Sector", "District",
                 "Village", "Members in total", "Women members", "Phone", "_id", "_uuid", "_submission_time",
                 "_index"]
FIELD_HEADERS = ["start", "end", "group_info/site", "group_info/name_en", "group_info/name_local",
                 "group_info/kind", "group_info/sector", "location/district", "location/village",
                 "members/members_total", "members/members_women", "contact/phone", "_id", "_uuid",
                 "_submission_time", "_index"]

# site, English name, local name, kind, sector, district, village, total, women, phone, uuid
GOOD = [
    ("SRP", "Puok Silk Weavers", "ក្រុមត្បាញសូត្រពួក", "Artisan group", "Handicraft", "Puok", "Kok Doung", 20, 15,
     "+855 12 345 678", "u-001"),
    ("AYU", "Ban Phanom Weaving Group", "กลุ่มทอผ้าบ้านพนม", "Association", "crafts", "Bang Pa-in", "Ban Phanom",
     30, 25, "+66 81 234 5678", "u-002"),
    ("LPB", "Ban Xang Khong Paper Group", "ກຸ່ມເຈ້ຍບ້ານຊາງຄ້ອງ", "Cooperative", "Visual arts", "Luang Prabang",
     "Xang Khong", 12, 9, "+856 20 5555 1234", "u-003"),
    ("BGN", "Myinkaba Lacquerware Group", "မြင်းကပါ ယွန်းထည်အဖွဲ့", "Enterprise", "Arts and crafts", "Nyaung-U",
     "Myinkaba", 8, 3, "+95 9 1234 5678", "u-004"),
]
BAD = [  # one problem each: bad phone, women > total, unknown sector, no name
    ("SRP", "Pradak Stone Carvers", "ក្រុមឆ្លាក់ថ្មប្រដាក", "Artisan group", "crafts", "Banteay Srei", "Pradak",
     10, 2, "12", "u-005"),
    ("HUE", "Phu Cam Conical Hat Makers", "Làng nón Phú Cam", "Artisan group", "crafts", "Hue", "Phu Cam", 5, 9,
     "", "u-006"),
    ("AYU", "Ayutthaya Star Readers", "", "Association", "Astrology", "Phra Nakhon Si Ayutthaya", "", 4, 1, "",
     "u-007"),
    ("SRP", "", "", "Artisan group", "Music", "Siem Reap", "", 6, 3, "", "u-008"),
]
DUPLICATES = [
    # the same group as u-001, typed again with other spacing and case: a duplicate by name and site
    ("SRP", "puok  silk weavers", "", "Artisan group", "crafts", "Puok", "", 20, 15, "", "u-009"),
    # close to u-002 but not the same name: a near match for a person to decide
    ("AYU", "Ban Phanom weaving group (Tai Lue)", "", "Association", "crafts", "Bang Pa-in", "", 12, 10, "",
     "u-010"),
    # the same submission exported twice
    GOOD[2],
]
ROWS = GOOD + BAD + DUPLICATES

# member name, gender as typed, birth year, submission uuid of the group
MEMBERS = [
    ("Chan Sreymom", "F", 1990, "u-001"), ("Sok Dara", "ប្រុស", 1985, "u-001"), ("Keo Bopha", "ស្រី", 1998, "u-001"),
    ("Malee Boonmee", "หญิง", 1979, "u-002"), ("Somchai Rakthai", "ชาย", 1970, "u-002"),
    ("Khamla Vongsa", "ຍິງ", 1988, "u-003"), ("Daw Aye Aye", "မ", 1975, "u-004"),
    ("Nguyen Thi Lan", "nữ", 1992, "u-999"),  # her group was never imported
]
MEMBER_HEADERS = ["Member name", "Sex", "Year of birth", "_index", "_parent_table_name", "_parent_index",
                  "_submission__id", "_submission__uuid", "_submission__submission_time"]


def kobo_row(n: int, row: tuple, headers: list[str]) -> list:
    site, name_en, name_local, kind, sector, district, village, total, women, phone, uuid = row
    return ["2026-01-10T08:00:00", "2026-01-10T08:20:00", site, name_en, name_local, kind, sector, district,
            village, total, women, phone, 1000 + n, uuid, "2026-01-10T08:21:00", n]


def write_kobo_xlsx(path: Path, rows=ROWS, *, headers=LABEL_HEADERS, members=MEMBERS) -> Path:
    wb = Workbook()
    main = wb.active
    main.title = "Creative groups baseline"
    main.append(headers)
    for n, row in enumerate(rows, start=1):
        main.append(kobo_row(n, row, headers))
    repeat = wb.create_sheet("members")
    repeat.append(MEMBER_HEADERS)
    for n, (name, gender, born, parent) in enumerate(members, start=1):
        repeat.append([name, gender, born, n, "Creative groups baseline", 1, 1000, parent, "2026-01-10T08:21:00"])
    wb.save(path)
    return path
