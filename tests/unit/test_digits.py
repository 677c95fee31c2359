"""Numbers and dates typed in Thai, Khmer, Lao or Myanmar digits parse like ASCII ones, in every field kind."""

from __future__ import annotations

from datetime import date

import pytest

from c4m_desktop.domain.digits import LOCAL_ZEROS, ascii_digits, parse_date, parse_int, parse_number
from c4m_desktop.domain.money import parse_amount
from c4m_desktop.domain.validation import validate
from c4m_desktop.ui.forms import PARSERS

SCRIPTS = {
    "th": "๐๑๒๓๔๕๖๗๘๙",
    "km": "០១២៣៤៥៦៧៨៩",
    "lo": "໐໑໒໓໔໕໖໗໘໙",
    "my": "၀၁၂၃၄၅၆၇၈၉",
}


def local(text: str, script: str) -> str:
    """Write the ASCII digits of ``text`` in ``script``'s digits."""
    return "".join(SCRIPTS[script][int(ch)] if ch.isdigit() else ch for ch in text)


def mixed(text: str, script: str) -> str:
    """Every other ASCII digit in ``script``'s digits: people mix them (a number pad, a phone)."""
    out, n = [], 0
    for ch in text:
        if ch.isdigit():
            out.append(SCRIPTS[script][int(ch)] if n % 2 else ch)
            n += 1
        else:
            out.append(ch)
    return "".join(out)


WRITE = [pytest.param(lambda t, s=s: local(t, s), id=s) for s in SCRIPTS] + \
        [pytest.param(lambda t, s=s: mixed(t, s), id=f"{s}-mixed") for s in SCRIPTS] + \
        [pytest.param(lambda t: t, id="ascii")]


def test_the_tables_above_are_the_code_points_of_field_md():
    assert {k: ord(v[0]) for k, v in SCRIPTS.items()} == {"th": 0x0E50, "km": 0x17E0, "lo": 0x0ED0, "my": 0x1040}
    assert {k: v[0] for k, v in SCRIPTS.items()} == LOCAL_ZEROS
    for digits in SCRIPTS.values():
        assert [ord(d) - ord(digits[0]) for d in digits] == list(range(10))


@pytest.mark.parametrize("script", SCRIPTS)
def test_every_digit_becomes_ascii_and_nothing_else_changes(script):
    assert ascii_digits(SCRIPTS[script]) == "0123456789"
    assert ascii_digits(f"ปี {SCRIPTS[script][2]}-x,.") == "ปี 2-x,."  # letters, signs kept
    assert ascii_digits("１２٣") == "123"  # fullwidth and Arabic-Indic: any Unicode decimal digit


@pytest.mark.parametrize("write", WRITE)
def test_int_fields(write):
    parse, _message = PARSERS["int"]
    assert parse(write("24")) == 24
    assert parse(write("1234567890")) == 1234567890
    assert parse(f" {write('-7')} ") == -7


@pytest.mark.parametrize("write", WRITE)
def test_number_fields(write):
    parse, _message = PARSERS["number"]
    assert parse(write("12.5")) == 12.5
    assert parse(write("1250")) == 1250.0
    assert parse(write("0.75")) == 0.75


@pytest.mark.parametrize("write", WRITE)
def test_date_fields(write):
    parse, _message = PARSERS["date"]
    assert parse(write("2026-03-31")) == date(2026, 3, 31)
    assert parse(write("2025-11-09")) == date(2025, 11, 9)


@pytest.mark.parametrize("write", WRITE)
def test_year_fields(write):
    """Years are int fields; a year typed in local digits passes the year rule."""
    parse, _message = PARSERS["int"]
    year = parse(write("2019"))
    assert year == 2019
    problems = validate("association", {"site_code": "BGN", "name_en": "Myinkaba Lacquer", "kind": "artisan_group",
                                        "year_founded": year})
    assert not [p for p in problems if p.field == "year_founded"]


@pytest.mark.parametrize("write", WRITE)
@pytest.mark.parametrize(("typed", "currency", "minor"), [
    ("1,250.50", "THB", 125050), ("1,250.50", "KHR", 125050), ("4,000,000", "LAK", 4000000),
    ("250,000", "MMK", 250000), ("12,000,000", "VND", 12000000), ("99.99", "USD", 9999),
])
def test_money_cells(write, typed, currency, minor):
    assert parse_amount(write(typed), currency, "amount_minor") == (minor, None)


@pytest.mark.parametrize("script", SCRIPTS)
def test_wrong_input_is_still_refused(script):
    d = SCRIPTS[script]
    for kind, text in [("int", f"{d[1]}.{d[5]}"), ("int", "12a"), ("number", f"{d[1]},{d[5]}x"), ("number", "nan"),
                       ("number", "inf"), ("date", f"{d[3]}{d[1]}/{d[3]}/{d[2]}{d[0]}{d[2]}{d[6]}"),
                       ("date", local("2026-02-30", script))]:
        with pytest.raises(ValueError):
            PARSERS[kind][0](text)
    assert parse_amount(local("12.345", script), "THB", "amount_minor")[1].params == {"currency": "THB", "digits": 2}
    assert parse_amount(f"{d[1]}x", "THB", "amount_minor")[0] is None
    for silly in ("NaN", "Infinity", "-inf"):
        assert parse_amount(silly, "THB", "amount_minor")[0] is None


def test_the_form_parsers_are_the_domain_ones():
    assert PARSERS["int"][0] is parse_int and PARSERS["number"][0] is parse_number
    assert PARSERS["date"][0] is parse_date
