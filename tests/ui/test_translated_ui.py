"""In Khmer, no text a person sees is still an English source string that the catalog translates.

Many strings live in data structures (column headers, page names, field labels, filter choices,
chart series...) and are translated only where they are shown, with ``_(variable)``; extraction
finds them only where they are defined and marked with ``N_``. So the app runs here on the catalog
as ``scripts/messages extract`` leaves it: the compiled Khmer catalog, limited to the messages that
extraction finds in the current source (``--ignore-obsolete`` drops the others). A literal that is
shown translated but not marked then shows in English, and the walk over every visible widget of the
main window, its pages and the three editors (with their tabs and record dialogs) finds it.
"""

from __future__ import annotations

import gettext
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from PySide6.QtWidgets import QWidget
from screen_texts import normalise, pieces, shown_texts, window_with_editors

from c4m_desktop import i18n
from c4m_desktop.ui.first_run import FirstRunDialog

LANGUAGE = "km"
ROOT = Path(__file__).resolve().parents[2]


# --- the catalog -----------------------------------------------------------------------------
def compiled_catalog(language: str) -> gettext.GNUTranslations:
    """Compile the language's .po to the .mo the app loads when it is missing or older; return it."""
    po = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    mo = po.with_suffix(".mo")
    if not mo.exists() or mo.stat().st_mtime < po.stat().st_mtime:
        with open(po, "rb") as fh:
            catalog = read_po(fh, locale=language)
        with open(mo, "wb") as fh:
            write_mo(fh, catalog)
    catalog = i18n.load(language)
    assert isinstance(catalog, gettext.GNUTranslations), f"no compiled {language} catalog"
    return catalog


def marked_messages() -> set[str]:
    """Every message id that extraction (keywords _, ngettext..., and N_) finds in the package."""
    keywords = dict(DEFAULT_KEYWORDS, N_=None)
    found = set()
    for _file, _line, message, _comments, _context in extract_from_dir(ROOT / "c4m_desktop", keywords=keywords):
        found.add(message[0] if isinstance(message, tuple) else message)
    return found


class MarkedOnly(gettext.NullTranslations):
    """A compiled catalog that knows only the messages the source still marks for extraction."""

    def __init__(self, full: gettext.NullTranslations, marked: set[str]):
        super().__init__()
        self.full, self.marked = full, marked

    def gettext(self, message: str) -> str:
        return self.full.gettext(message) if message in self.marked else message

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        if singular in self.marked:
            return self.full.ngettext(singular, plural, n)
        return singular if n == 1 else plural


@pytest.fixture
def khmer(qapp):
    """Khmer for everything built in the test, from the catalog the next extract would keep;
    Qt's own button texts through the app's translator, as ui/main.py installs it."""
    from c4m_desktop.ui import qt_texts

    translator = qt_texts.install(qapp)
    full = compiled_catalog(LANGUAGE)
    translated = {normalise(k): k for k, v in full._catalog.items()
                  if isinstance(k, str) and k and v != k}
    i18n.set_language(LANGUAGE)
    try:
        i18n._current = MarkedOnly(i18n._current, marked_messages())
        yield translated
    finally:
        i18n.set_language("en")
        qapp.removeTranslator(translator)


def english_left(root: QWidget, translated: dict[str, str]) -> list[str]:
    """Every visible text (or part of one) that is the English source of a translated message."""
    return sorted({f"{where}: {text!r} (msgid {translated[p]!r})"
                   for where, text in shown_texts(root) if isinstance(text, str)
                   for p in pieces(text) if p in translated})


def in_every_state(root: QWidget, translated: dict[str, str], states) -> list[str]:
    """Walk root once per state (a page or a tab made current), as a person would look at each."""
    problems = []
    for show in states:
        show()
        problems += english_left(root, translated)
    return problems


# --- the test -----------------------------------------------------------------------------------
def test_no_visible_text_is_left_in_english(qtbot, ws, tmp_path, khmer):
    window, editors, idle = window_with_editors(qtbot, ws, tmp_path)
    problems = in_every_state(window, khmer, [lambda i=i: (window.nav.setCurrentRow(i), qtbot.waitUntil(idle))
                                       for i in range(window.nav.count())])
    qtbot.waitUntil(lambda: idle() and editors[0].members.table.rowCount() and editors[0].ipr.table.rowCount())
    for editor in editors:
        problems += in_every_state(editor, khmer, [lambda e=editor, i=i: (e.tabs.setCurrentIndex(i), qtbot.waitUntil(idle))
                                            for i in range(editor.tabs.count())])

    association, _plan, action_plan = editors
    association.members.table.selectRow(0)
    association.ipr.table.selectRow(0)
    action_plan.table.setCurrentCell(0, 0)
    dialogs = [association.members.edit(), association.ipr.edit(), association.members.add(),
               action_plan.add_progress(), FirstRunDialog(ws)]
    for dialog in dialogs:
        qtbot.addWidget(dialog)
        dialog.show()
        problems += english_left(dialog, khmer)

    assert problems == [], "shown in English although the catalog translates it:\n" + "\n".join(
        sorted(set(problems)))
