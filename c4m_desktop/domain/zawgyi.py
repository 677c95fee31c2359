"""Burmese text typed or pasted in Zawgyi, the pre-2019 font encoding, and its Unicode conversion.

Zawgyi reuses Myanmar code points with other meanings, so such text looks right only in a Zawgyi
font and sorts, searches and prints wrong everywhere else. Detection is Google's ``myanmartools``
model; conversion is ``python-myanmar``'s rule table. Nothing here changes text by itself: callers
ask, and the person decides (DESIGN-NOTES.md, "Input: local digits and Zawgyi").
"""

from __future__ import annotations

import math
import re
import unicodedata
import warnings
from functools import cache
from typing import Any

# myanmartools' own advice: above 0.95 it is Zawgyi with "high confidence"; Unicode Burmese
# words score far below (ပုဂံ 0.01, ကျွန်ုပ် 1e-9), Zawgyi sentences above 0.999.
THRESHOLD = 0.95


_MYANMAR = re.compile("[\u1000-\u103f\u104a-\u109f]")  # the Myanmar block without its digits


def has_myanmar(text: str) -> bool:
    """Say whether ``text`` holds a letter or sign of the Myanmar block (digits alone do not count)."""
    return _MYANMAR.search(text) is not None


@cache
def _detector() -> Any:
    from myanmartools import ZawgyiDetector  # loads a small model: only when Burmese turns up

    with warnings.catch_warnings():  # it reads its model with importlib.resources.open_binary,
        warnings.simplefilter("ignore", DeprecationWarning)  # deprecated in 3.11, kept since 3.13
        return ZawgyiDetector()


def zawgyi_probability(text: str | None) -> float:
    """Return the probability (0..1) that ``text`` is Zawgyi; 0.0 for text without Myanmar letters."""
    if not text or not has_myanmar(text):
        return 0.0
    p = _detector().get_zawgyi_probability(text)
    return 0.0 if math.isnan(p) or p < 0 else p


def looks_like_zawgyi(text: str | None) -> bool:
    """Say whether ``text`` holds Myanmar letters and is very likely Zawgyi."""
    return bool(text) and zawgyi_probability(text) > THRESHOLD


def to_unicode(text: str) -> str:
    """Return Zawgyi ``text`` converted to Unicode Burmese, NFC-normalised.

    Only call it on text that :func:`looks_like_zawgyi`: converting Unicode text mangles it.
    """
    from myanmar.converter import convert

    return unicodedata.normalize("NFC", convert(text, "zawgyi", "unicode"))


def suspect_fields(values: dict[str, Any]) -> list[str]:
    """Return the names of the text values in ``values`` that look like Zawgyi, in order."""
    texts = [(k, v) for k, v in values.items() if isinstance(v, str) and v]
    if not has_myanmar("\n".join(v for _k, v in texts)):  # most rows: one search, no detector
        return []
    return [k for k, v in texts if looks_like_zawgyi(v)]
