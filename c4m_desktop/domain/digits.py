"""Typed numbers in any script: local digits become ASCII before anything parses them.

Coordinators type Thai ๐–๙, Khmer ០–៩, Lao ໐–໙ or Myanmar ၀–၉ digits as readily as 0–9 (CLDR's
default for Burmese is Myanmar digits), sometimes mixed in one value. Every numeric and date input
goes through :func:`ascii_digits` first, so each parser only ever sees ASCII digits. Any other
Unicode decimal digit (category Nd: Arabic-Indic, fullwidth, Devanagari...) is mapped too.
Nothing else is changed: separators, signs and letters are left for the parser to judge.
"""

from __future__ import annotations

import math
import unicodedata
from datetime import date

# The four scripts of the sites, spelled out for readers and tests; the rule below covers them.
LOCAL_ZEROS = {"th": "\u0e50", "km": "\u17e0", "lo": "\u0ed0", "my": "\u1040"}


def ascii_digits(text: str) -> str:
    """Return ``text`` with every Unicode decimal digit replaced by its ASCII digit."""
    if text.isascii():
        return text
    out = []
    for ch in text:
        value = unicodedata.decimal(ch, None) if not ch.isascii() else None
        out.append(ch if value is None else chr(0x30 + value))
    return "".join(out)


def parse_int(text: str) -> int:
    """Parse a whole number in any script's digits; raise ValueError otherwise."""
    cleaned = ascii_digits(text.strip())
    if not cleaned.isascii():  # int() would accept letters' digits we did not map; nothing left here
        raise ValueError(text)
    return int(cleaned)


def parse_number(text: str) -> float:
    """Parse a finite decimal number in any script's digits; raise ValueError otherwise."""
    cleaned = ascii_digits(text.strip())
    if not cleaned.isascii():
        raise ValueError(text)
    value = float(cleaned)
    if not math.isfinite(value):  # "nan", "inf" are not numbers anyone means to type
        raise ValueError(text)
    return value


def parse_date(text: str) -> date:
    """Parse YYYY-MM-DD in any script's digits; raise ValueError otherwise."""
    return date.fromisoformat(ascii_digits(text.strip()))
