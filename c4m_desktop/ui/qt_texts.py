"""Qt's own texts (standard dialog buttons, message box buttons) in the app's language.

Qt asks its translators for strings such as "Cancel" or "&Yes" (context QPlatformTheme and
friends). Qt ships no catalogs for Khmer, Lao or Burmese, so this translator answers from our
gettext catalogs instead, and follows the app's language wherever it changes.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QTranslator

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


def install(app: QCoreApplication) -> CatalogTranslator:
    translator = CatalogTranslator(app)
    app.installTranslator(translator)
    return translator
