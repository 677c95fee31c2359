"""The Language menu switches every open window at once, and the choice is remembered.

With the three editors open and an edit typed but not saved, the language goes km → lo → my → en.
After each switch every visible text of the main window (each page in turn), its menus and the
editors (each tab in turn) is compared against the compiled catalogs: none may still be a text of
another language, and the page names, menus and column headers must be the new language's.
"""

from __future__ import annotations

import re
import string

import pytest
from PySide6.QtCore import Qt
from screen_texts import normalise, pieces, shown_texts, window_with_editors

from c4m_desktop import i18n
from c4m_desktop.services import device
from c4m_desktop.ui import qt_texts
from c4m_desktop.ui.main_window import PAGES

ORDER = ("km", "lo", "my", "en")
LETTERS = re.compile(r"[^\W\d_]{3}")


class Catalog:
    """What each message looks like on screen in one language."""

    def __init__(self, language: str):
        tr = i18n.translator(language)
        self.language, self.texts, self.patterns = language, {}, []
        for message in i18n.message_ids():
            forms = ({tr.ngettext(*message, n) for n in (1, 2, 11)} if isinstance(message, tuple)
                     else {tr.gettext(message)})
            for shown in forms:
                if "{" in shown:
                    self.patterns.append((message, _regex(shown)))
                else:
                    self.texts[normalise(shown)] = message

    def matches(self, text: str) -> set:
        """The messages a text on screen is (or is filled in from) in this language."""
        found = {self.texts[p] for p in pieces(text) if p in self.texts}
        return found | {m for m, rx in self.patterns if rx is not None and rx.fullmatch(text)}


def _regex(shown: str) -> re.Pattern | None:
    parts, literal = [], ""
    for text, name, _spec, _conv in string.Formatter().parse(shown):
        parts.append(re.escape(text))
        literal += text
        if name is not None:
            parts.append(".+?")
    return re.compile("".join(parts), re.DOTALL) if LETTERS.search(literal) else None


@pytest.fixture
def catalogs(qapp):
    translator = qt_texts.install(qapp)
    assert i18n.message_ids(), "no compiled catalogs: run scripts/messages compile"
    try:
        yield {lang: Catalog(lang) for lang in ("en", *ORDER)}
    finally:
        i18n.set_language("en")
        qapp.removeTranslator(translator)


def left_over(texts, catalogs, now: str) -> list[str]:
    """Texts shown that are another language's rendering of a message, and not this language's."""
    current = catalogs[now]
    stale = []
    for where, text in texts:
        if not isinstance(text, str) or not text or text in i18n.LANGUAGES.values():
            continue  # each language is named in its own script, whatever the UI language
        mine = current.matches(text)
        for lang, other in catalogs.items():
            theirs = other.matches(text) - mine if lang != now else set()
            # A message translated the same in both languages (IPR, OTOP...) is no leftover.
            theirs = {m for m in theirs if normalise(_shown(m, lang)) != normalise(_shown(m, now))}
            if theirs:
                stale.append(f"{where}: {text!r} is {lang} ({sorted(map(str, theirs))[0]!r})")
    return stale


def _shown(message, language: str) -> str:
    tr = i18n.translator(language)
    return tr.ngettext(*message, 2) if isinstance(message, tuple) else tr.gettext(message)


def test_switching_language_relabels_every_open_window(qtbot, ws, tmp_path, catalogs):
    window, editors, idle = window_with_editors(qtbot, ws, tmp_path)
    association = editors[0]
    # Typed, not saved: one value is even an English message; input is never translated.
    association.form.fields["notes"].input.setPlainText("Natural lac dye from Takeo")
    association.form.fields["district"].input.setText("Dashboard")
    qtbot.waitUntil(lambda: association.dirty)

    for language in ORDER:
        window.choose_language(language)
        qtbot.waitUntil(idle)
        assert i18n.language() == language
        texts = []
        for i in range(window.nav.count()):
            window.nav.setCurrentRow(i)
            qtbot.waitUntil(idle)
            texts += list(shown_texts(window))
        for editor in editors:
            for i in range(editor.tabs.count()):
                editor.tabs.setCurrentIndex(i)
                qtbot.waitUntil(idle)
                texts += list(shown_texts(editor))

        stale = sorted(set(left_over(texts, catalogs, language)))
        assert stale == [], f"after switching to {language}:\n" + "\n".join(stale)
        tr = i18n.translator(language)
        assert [window.nav.item(i).text() for i in range(window.nav.count())] == [tr.gettext(p) for _k, p in PAGES]
        assert [a.text() for a in window.menuBar().actions()] == [
            tr.gettext(m) for m in ("&File", "&Edit", "&Go", "&Language")]
        model = window.associations.model
        assert [model.headerData(c, Qt.Orientation.Horizontal)
                for c in range(model.columnCount())] == [tr.gettext(c.header) for c in model.columns]
        own = [t for _w, t in texts if isinstance(t, str) and catalogs[language].matches(t)
               and language != "en" and not catalogs["en"].matches(t)]
        assert language == "en" or len(own) > 300, f"{language}: only {len(own)} texts in the new language"
        assert association.form.fields["notes"].input.toPlainText() == "Natural lac dye from Takeo"
        assert association.form.fields["district"].input.text() == "Dashboard"
        assert association.dirty
        assert device.current(ws).language == language  # remembered for the next start


def test_qt_own_catalog_is_loaded_where_qt_ships_one(qapp):
    from c4m_desktop.ui.qt_texts import qt_catalog

    # PySide6 6.11 ships qtbase catalogs for Japanese and others, none yet for the five Mekong languages
    # (their standard buttons come from our catalogs, see the walk above).
    japanese = qt_catalog("ja", qapp)
    assert japanese is not None and japanese.translate("QPlatformTheme", "Cancel") not in ("", "Cancel")
    assert qt_catalog("xx", qapp) is None
