"""Translation and locale-aware formatting: gettext catalogs through Babel, one current language.

Messages are English source strings with ``{name}`` placeholders. A translation whose
placeholders differ from the source is refused and the English text used instead, so a broken
catalog can never crash a message (Electrum's rule).
"""

from __future__ import annotations

import gettext
import string
from decimal import Decimal
from pathlib import Path
from typing import Any

from babel.numbers import format_currency

from ..domain.messages import Problem, UserError
from ..domain.money import to_major

LANGUAGES: dict[str, str] = {
    "en": "English", "th": "ไทย", "km": "ខ្មែរ", "vi": "Tiếng Việt", "lo": "ລາວ", "my": "မြန်မာ",
}
DEFAULT = "en"
DOMAIN = "messages"
# Compiled catalogs: inside the package when built, else the source tree's translations/.
CATALOG_DIRS = (Path(__file__).parent / "locale", Path(__file__).parents[2] / "translations")

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = DEFAULT


def load(language: str) -> gettext.NullTranslations:
    """Return the catalog of a language (English, untranslated, when none is compiled)."""
    for folder in CATALOG_DIRS:
        mo = folder / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
        if mo.exists():
            with open(mo, "rb") as fh:
                return gettext.GNUTranslations(fh)
    return gettext.NullTranslations()


def set_language(language: str) -> None:
    """Make a language current for everything translated from now on."""
    global _current, _language
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}")
    _current, _language = load(language), language


def language() -> str:
    return _language


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def _(message: str) -> str:
    """Translate a message into the current language."""
    translated = _current.gettext(message)
    return translated if _placeholders(translated) == _placeholders(message) else message


def ngettext(singular: str, plural: str, n: int) -> str:
    translated = _current.ngettext(singular, plural, n)
    source = singular if n == 1 else plural
    return translated if _placeholders(translated) <= _placeholders(plural) | {"n"} else source


def render(message: str, params: dict[str, Any]) -> str:
    """Translate and fill a message; fall back to English if the translation will not format."""
    try:
        return _(message).format(**params)
    except (KeyError, IndexError, ValueError):
        return message.format(**params)


def problem_text(problem: Problem) -> str:
    return render(problem.message, problem.params)


def error_text(error: UserError) -> str:
    return render(error.message, error.params)


def format_money(minor: int, currency: str, locale: str | None = None) -> str:
    """Format integer minor units as money for a locale (the current language by default)."""
    amount: Decimal = to_major(minor, currency)
    return format_currency(amount, currency, locale=locale or _language)


def format_datetime(value, locale: str | None = None) -> str:
    """Format an aware datetime in local time, medium style, for the current language."""
    from babel.dates import format_datetime as babel_format

    return babel_format(value.astimezone(), "medium", locale=locale or _language)
