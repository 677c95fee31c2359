"""An XLSX export opened by LibreOffice headless: every cell, Khmer/Burmese/Lao/Thai included, comes back.

CI installs LibreOffice (Debian `libreoffice-calc-nogui`, scripts/bootstrap); with C4M_REQUIRE_PG set,
as scripts/test sets it, a missing LibreOffice fails the test instead of skipping it.
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from c4m_desktop.i18n import translator
from c4m_desktop.services import associations, demo, queries, table_export

TODAY = date(2026, 11, 23)
SCRIPTS = {"th": r"[\u0E00-\u0E7F]", "lo": r"[\u0E80-\u0EFF]", "km": r"[\u1780-\u17FF]", "my": r"[\u1000-\u109F]"}
# LibreOffice's CSV filter: comma, double quotes, UTF-8 (76), from the first line.
CSV_FILTER = "csv:Text - txt - csv (StarCalc):44,34,76,1"


@pytest.fixture(scope="module")
def soffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if not found:
        if os.environ.get("C4M_REQUIRE_PG"):
            pytest.fail("C4M_REQUIRE_PG is set but LibreOffice is missing: apt-get install libreoffice-calc-nogui")
        pytest.skip("LibreOffice (soffice) is not installed")
    return found


def to_csv(soffice: str, xlsx: Path, tmp_path: Path) -> list[list[str]]:
    """Convert with LibreOffice headless (own profile, so a running LibreOffice does not interfere)."""
    out = tmp_path / "lo"
    done = subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}", "--headless",
         "--convert-to", CSV_FILTER, "--outdir", str(out), str(xlsx)],
        capture_output=True, text=True, timeout=180)
    converted = out / (xlsx.stem + ".csv")
    assert done.returncode == 0 and converted.exists(), done.stdout + done.stderr
    with open(converted, encoding="utf-8", newline="") as fh:
        return list(csv.reader(fh))


def read_csv(path: Path) -> list[list[str]]:
    with open(path, encoding="utf-8-sig", newline="") as fh:
        return list(csv.reader(fh))


def test_libreoffice_reads_every_script_back_identical(ws, tmp_path, soffice):
    demo.generate(ws, associations=40, seed=3, today=TODAY)
    associations.create(ws, values={"site_code": "BGN", "name_en": "=1+2", "name_local": "=ပုဂံ",
                                    "kind": "artisan_group", "members_total": 4})
    xlsx = tmp_path / "associations.xlsx"
    table_export.export_table(ws, "associations", xlsx, lang="km")
    rows = to_csv(soffice, xlsx, tmp_path)

    km = translator("km")
    assert rows[0] == table_export.header_labels("associations", "km")
    local = rows[0].index(km.gettext("Local name"))
    stored = sorted(r["name_local"] for r in queries.associations(ws) if r["name_local"])
    assert sorted(r[local] for r in rows[1:] if r[local]) == stored
    assert {lang for lang, letters in SCRIPTS.items() if any(re.search(letters, v) for v in stored)} == set(SCRIPTS)
    name = rows[0].index(km.gettext("Name"))
    assert "=1+2" in [r[name] for r in rows[1:]]  # text, not the formula's 3
    # Every other cell too: LibreOffice shows numbers and dates as our own CSV writes them.
    csv_file = tmp_path / "associations.csv"
    table_export.export_table(ws, "associations", csv_file, fmt="csv", lang="km")
    ours = [[v[1:] if v.startswith("'=") else v for v in r] for r in read_csv(csv_file)]
    assert rows == ours


@pytest.mark.parametrize("table, lang", [("business-plans", "th"), ("action-plans", "lo"), ("ipr", "my")])
def test_libreoffice_reads_the_other_tables(ws, tmp_path, soffice, table, lang):
    demo.generate(ws, associations=40, seed=3, today=TODAY)
    xlsx = tmp_path / f"{table}.xlsx"
    table_export.export_table(ws, table, xlsx, lang=lang)
    csv_file = tmp_path / f"{table}.csv"
    table_export.export_table(ws, table, csv_file, fmt="csv", lang=lang)
    rows = to_csv(soffice, xlsx, tmp_path)
    assert rows == read_csv(csv_file) and len(rows) > 1
    assert rows[0] == table_export.header_labels(table, lang) != table_export.header_labels(table, "en")
