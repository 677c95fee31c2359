"""Thai readers see Buddhist-era years; everyone else the Gregorian calendar; storage stays Gregorian."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from c4m_desktop import i18n


@pytest.mark.parametrize(("style", "expected"), [
    ("medium", "23 พ.ย. 2569"),
    ("long", "23 พฤศจิกายน พ.ศ. 2569"),
    ("short", "23/11/2569"),
])
def test_thai_dates_show_the_buddhist_era(style, expected):
    assert i18n.local_date(date(2026, 11, 23), style, "th") == expected
    assert i18n.translator("th").date(date(2026, 11, 23), style) == expected


def test_other_languages_keep_the_gregorian_year():
    for lang in ("en", "km", "vi", "lo", "my"):
        assert "2026" in i18n.local_date(date(2026, 11, 23), "medium", lang)
    assert "2569" not in i18n.local_date(date(2026, 11, 23), "long", "km")


def test_thai_date_times_and_quoted_text_in_patterns():
    assert i18n.format_datetime(datetime(2026, 1, 2, 3, 4, 5, tzinfo=UTC).astimezone(), "th").startswith("2 ม.ค. 2569")
    assert i18n.local_date(date(2026, 1, 2), "'y =' y", "th") == "y = 2569"  # quoted text stays as written
