"""At start-up, say plainly when the computer has no font for the UI language's script."""

from __future__ import annotations

import sys

from PySide6.QtGui import QFontDatabase

from ..domain.messages import N_
from ..i18n import _

WRITING_SYSTEMS = {
    "th": (QFontDatabase.WritingSystem.Thai, N_("Thai")),
    "km": (QFontDatabase.WritingSystem.Khmer, N_("Khmer")),
    "lo": (QFontDatabase.WritingSystem.Lao, N_("Lao")),
    "my": (QFontDatabase.WritingSystem.Myanmar, N_("Burmese")),
    "vi": (QFontDatabase.WritingSystem.Vietnamese, N_("Vietnamese")),
}


def missing_font_message(language: str) -> str | None:
    """Return what to tell the user if no installed font writes this language, else None."""
    if language not in WRITING_SYSTEMS:
        return None
    system, script = WRITING_SYSTEMS[language]
    if QFontDatabase.families(system):
        return None
    if sys.platform.startswith("win"):
        fix = N_("Windows Settings › Time & language › Language: add the language, or its optional fonts.")
    elif sys.platform == "darwin":
        fix = N_("macOS: install the language's fonts from Font Book.")
    else:
        fix = N_("Linux: sudo apt install fonts-noto-core")
    message = N_("No {script} font is installed, so text may show as boxes. To fix: {fix}")
    english = message.format(script=script, fix=fix)
    # Without the font the translation itself shows as boxes: say it in English as well.
    return f"{_(message).format(script=_(script), fix=_(fix))}  —  {english}"
