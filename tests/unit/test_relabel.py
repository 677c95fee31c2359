"""Reading a text on screen back to its message, and showing that message in another language."""

from __future__ import annotations

import pytest

from c4m_desktop import i18n
from c4m_desktop.i18n.relabel import TextMap

km, lo, my, th = (i18n.translator(x) for x in ("km", "lo", "my", "th"))


@pytest.fixture(autouse=True)
def _compiled():
    assert i18n.message_ids(), "no compiled catalogs: run scripts/messages compile"


def test_plain_messages_and_form_labels_change_language():
    texts = TextMap("en", "km")
    assert texts.convert("Associations") == km.gettext("Associations") != "Associations"
    assert texts.convert("Name in English:") == km.gettext("Name in English") + ":"


def test_filled_messages_are_read_back_and_filled_again_with_their_parameters_translated():
    texts = TextMap("en", "lo")
    assert texts.convert("Problem with Phone") == lo.gettext("Problem with {field}").format(field=lo.gettext("Phone"))
    assert texts.convert("3 exports waiting") == lo.ngettext("{n} export waiting", "{n} exports waiting", 3).format(n=3)
    back = TextMap("lo", "en")
    assert back.convert(texts.convert("1 export waiting")) == "1 export waiting"  # English singular again


def test_text_that_is_no_message_is_left_alone():
    texts = TextMap("en", "my")
    for data in ("Puok Silk Group", "ក្រុមសូត្រពួក", "2026-03-02", "12", ""):
        assert texts.convert(data) is None


def test_what_was_read_renders_in_any_language_so_one_word_for_two_messages_does_not_merge_them():
    # Thai has one word for "Association" and "Associations"; read once from English, the message
    # is kept and rendered again in Burmese, which has two.
    assert th.gettext("Association") == th.gettext("Associations")
    assert my.gettext("Association") != my.gettext("Associations")
    shown = TextMap("en", "th").read("Associations")
    assert shown.render(th) == th.gettext("Associations")
    assert shown.render(my) == my.gettext("Associations")


def test_a_round_trip_through_every_language_comes_back_to_the_english_text():
    samples = ["Dashboard", "&File", "Name in English:", "Problem with Phone", "2 exports waiting",
               "Break-even year: not within the plan"]
    chain = ["en", "km", "lo", "my", "th", "vi", "en"]
    for text in samples:
        shown = TextMap("en", "km").read(text)
        assert shown is not None, text
        for language in chain[1:]:
            assert shown.render(i18n.translator(language))
        assert shown.render(i18n.translator("en")) == text
