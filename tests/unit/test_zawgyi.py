"""Zawgyi-encoded Burmese is detected and converted on request; Unicode Burmese and other text is left alone."""

from __future__ import annotations

import pytest

from c4m_desktop.domain import zawgyi

# Zawgyi and Unicode spellings of the same words. The first is the myanmartools README's example
# ("မ္း", score 0.9997); the others are common words typed in Zawgyi (ကၽြန္ုပ္ = ကျွန်ုပ် "I").
ZAWGYI_TO_UNICODE = [
    ("မ္း", "မ်း"),
    ("ကၽြန္ုပ္", "ကျွန်ုပ်"),
    ("ျမန္မာ", "မြန်မာ"),
    ("ေမာင္ေမာင္", "မောင်မောင်"),
    ("အျပည္ျပည္ဆိုင္ရာ လူ႔အခြင့္အေရး ေၾကညာစာတမ္း", "အပြည်ပြည်ဆိုင်ရာ လူ့အခွင့်အရေး ကြေညာစာတမ်း"),
]
UNICODE = ["ကျွန်ုပ်", "ပုဂံ", "မြန်မာ", "မြင်းကပါး ယွန်းထည်", "Bagan ပုဂံ ၂၀၂၅",
           "အပြည်ပြည်ဆိုင်ရာ လူ့အခွင့်အရေး ကြေညာစာတမ်း"]
NOT_BURMESE = ["", "Myinkaba lacquerware", "ក្រុមត្បាញសូត្រពួក", "พระนครศรีอยุธยา", "ຫຼວງພະບາງ", "Huế", "၁၂၃"]


@pytest.mark.parametrize(("zawgyi_text", "unicode_text"), ZAWGYI_TO_UNICODE)
def test_zawgyi_is_detected_and_converted(zawgyi_text, unicode_text):
    assert zawgyi.zawgyi_probability(zawgyi_text) > zawgyi.THRESHOLD
    assert zawgyi.looks_like_zawgyi(zawgyi_text)
    assert zawgyi.to_unicode(zawgyi_text) == unicode_text
    assert not zawgyi.looks_like_zawgyi(zawgyi.to_unicode(zawgyi_text))  # the notice goes away


@pytest.mark.parametrize("text", UNICODE)
def test_unicode_burmese_is_left_alone(text):
    assert zawgyi.has_myanmar(text)
    assert zawgyi.zawgyi_probability(text) < 0.05
    assert not zawgyi.looks_like_zawgyi(text)


@pytest.mark.parametrize("text", NOT_BURMESE)
def test_text_without_myanmar_letters_is_never_suspect(text):
    assert zawgyi.zawgyi_probability(text) == 0.0
    assert not zawgyi.looks_like_zawgyi(text)


def test_suspect_fields_names_only_zawgyi_text():
    row = {"id": "a1", "name_en": "Myinkaba Lacquer", "name_local": "ျမင္းကပါး ယြန္းထည္", "address": "ပုဂံ",
           "members_total": 12, "notes": None}
    assert zawgyi.suspect_fields(row) == ["name_local"]
    assert zawgyi.looks_like_zawgyi(None) is False
