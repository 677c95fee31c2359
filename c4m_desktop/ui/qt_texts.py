"""Qt's own texts (standard dialog buttons, message box buttons, file dialogs) in the app's language.

Qt asks its translators for strings such as "Cancel" or "&Yes" (context QPlatformTheme and
friends). Where Qt ships a qtbase catalog for the language it is loaded; Qt 6 ships none for
Thai, Khmer, Vietnamese, Lao or Burmese, so the standard buttons the app shows are answered from
our gettext catalogs (consulted first), and Qt's other texts stay English.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QTranslator

from .. import i18n
from ..domain.messages import N_
from ..i18n import _

# The standard button texts the app shows (Qt's source strings, so our catalogs carry them).
QT_BUTTONS = frozenset({
    N_("OK"), N_("Save"), N_("Open"), N_("Cancel"), N_("Close"), N_("Discard"), N_("Apply"),
    N_("&Yes"), N_("&No"), N_("Yes"), N_("No"), N_("Retry"), N_("Help"),
})


class CatalogTranslator(QTranslator):
    """Translate Qt's standard button texts through the current gettext catalog."""

    def translate(self, context: str, source: str, disambiguation: str | None = None, n: int = -1) -> str:
        if source in QT_BUTTONS:
            text = _(source)
            return text if text != source else ""
        return ""  # Qt keeps its own text

    def isEmpty(self) -> bool:  # noqa: N802 (Qt override) - consulted at all only when not empty
        return False


_qt_catalog: QTranslator | None = None
_ours: CatalogTranslator | None = None


def qt_catalog(language: str, parent: QCoreApplication) -> QTranslator | None:
    """Qt's own qtbase catalog for a language, or None where Qt ships none."""
    translator = QTranslator(parent)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    return translator if translator.load(f"qtbase_{language}", folder) else None


def follow_language(app: QCoreApplication) -> None:
    """Swap Qt's own catalog for the current language's (after a switch)."""
    global _qt_catalog
    if _qt_catalog is not None:
        app.removeTranslator(_qt_catalog)
    _qt_catalog = qt_catalog(i18n.language(), app)
    if _qt_catalog is not None:
        app.installTranslator(_qt_catalog)
        if _ours is not None:  # the translator installed last is asked first: ours stays first
            app.removeTranslator(_ours)
            app.installTranslator(_ours)


def install(app: QCoreApplication) -> CatalogTranslator:
    """Install Qt's catalog for the current language, then ours, which Qt asks first."""
    global _ours
    follow_language(app)
    _ours = CatalogTranslator(app)
    app.installTranslator(_ours)
    return _ours
