"""Translation and locale-aware formatting: gettext catalogs through Babel, one current language.

Messages are English source strings with ``{name}`` placeholders. A translation whose
placeholders differ from the source is refused and the English text used instead, so a broken
catalog can never crash a message (Electrum's rule).

``translator(lang)`` gives the messages and formats of one language without touching the
current one: reports are printed in a language chosen for the report, on the worker thread,
while the UI keeps its own.
"""

from __future__ import annotations

import gettext
import re
import string
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any, Literal, cast

from babel.dates import format_date, get_date_format
from babel.numbers import format_currency, format_decimal, format_percent

from ..domain.messages import Problem, UserError, unstored
from ..domain.money import to_major

LANGUAGES: dict[str, str] = {
    "en": "English", "th": "ไทย", "km": "ខ្មែរ", "vi": "Tiếng Việt", "lo": "ລາວ", "my": "မြန်မာ",
}
DEFAULT = "en"
DateStyle = Literal["short", "medium", "long", "full"]
DATE_STYLES: tuple[DateStyle, ...] = ("short", "medium", "long", "full")
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


@cache
def message_ids() -> tuple[str | tuple[str, str], ...]:
    """Every message of the compiled catalogs (a plural as ``(singular, plural)``); none if uncompiled.

    The runtime language switch maps texts on screen back to their messages with these.
    """
    from babel.messages.mofile import read_mo

    for folder in CATALOG_DIRS:
        for mo in sorted(folder.glob(f"*/LC_MESSAGES/{DOMAIN}.mo")):
            with open(mo, "rb") as fh:  # a plural's id is read as the list [singular, plural]
                ids = tuple(tuple(m.id) if isinstance(m.id, list) else m.id for m in read_mo(fh) if m.id)
                return cast("tuple[str | tuple[str, str], ...]", ids)
    return ()


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


def _checked(catalog: gettext.NullTranslations, message: str) -> str:
    translated = catalog.gettext(message)
    return translated if _placeholders(translated) == _placeholders(message) else message


def _checked_plural(catalog: gettext.NullTranslations, singular: str, plural: str, n: int) -> str:
    translated = catalog.ngettext(singular, plural, n)
    source = singular if n == 1 else plural
    return translated if _placeholders(translated) <= _placeholders(plural) | {"n"} else source


def _(message: str) -> str:
    """Translate a message into the current language."""
    return _checked(_current, message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _checked_plural(_current, singular, plural, n)


class Translator:
    """The messages and Babel formats of one language, whatever the current language is.

    Chosen over a context manager that switches the current language and restores it: a report
    is built on the worker thread while the UI goes on drawing in its own language, and a switch
    would change the UI's strings for the length of the build. A Translator holds its own
    catalog and never writes module state; catalog lookups only read, so any thread may use one.
    Call ``gettext``/``ngettext`` by those names, so that extraction finds the messages.
    """

    def __init__(self, language: str):
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}")
        self.language = language
        self._catalog = load(language)

    def gettext(self, message: str) -> str:
        """Translate a message into this language."""
        return _checked(self._catalog, message)

    def ngettext(self, singular: str, plural: str, n: int) -> str:
        return _checked_plural(self._catalog, singular, plural, n)

    def render(self, message: str, **params: Any) -> str:
        """Translate and fill a message; fall back to English if the translation will not format."""
        try:
            return self.gettext(message).format(**params)
        except (KeyError, IndexError, ValueError):
            return message.format(**params)

    def money(self, minor: int, currency: str) -> str:
        """Format integer minor units as money."""
        return format_money(minor, currency, self.language)

    def number(self, value: float | int | Decimal, *, decimals: int = 2) -> str:
        """Format a number with at most ``decimals`` decimal places (none shown when whole)."""
        rounded = round(Decimal(str(value)), decimals).normalize()
        if rounded == rounded.to_integral():
            rounded = rounded.quantize(Decimal(1))
        return format_decimal(rounded, locale=self.language, decimal_quantization=False)

    def percent(self, value: float, *, decimals: int = 1) -> str:
        """Format a percentage given in percent (25.5 → "25.5%" or the locale's form)."""
        rounded = round(Decimal(str(value)), decimals).normalize() / 100
        return format_percent(rounded, locale=self.language, decimal_quantization=False)

    def date(self, value: date, style: str = "medium") -> str:
        """Format a date in a Babel style (short, medium, long or a pattern); Thai shows the Buddhist era."""
        return local_date(value, style, self.language)


@cache
def translator(language: str) -> Translator:
    """Return the (shared, thread-safe) translator of a language; ValueError if unknown."""
    return Translator(language)


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


def stored_text(text: str) -> str:
    """Show a message kept in the database by ``messages.stored`` in the current language."""
    message, params = unstored(text)
    return render(message, params) if params else _(message)


def format_money(minor: int, currency: str, locale: str | None = None) -> str:
    """Format integer minor units as money for a locale (the current language by default)."""
    amount: Decimal = to_major(minor, currency)
    return format_currency(amount, currency, locale=locale or _language)


BUDDHIST_ERA_OFFSET = 543  # Thai year = Gregorian year + 543 (FIELD.md); dates are stored Gregorian


def _buddhist_pattern(pattern: str, year: int) -> str:
    """Put the Buddhist-era year (and era name) into a Babel pattern as quoted literals."""
    parts = pattern.split("'")
    for i in range(0, len(parts), 2):  # even pieces lie outside quotes
        parts[i] = re.sub(r"G+", "'พ.ศ.'", re.sub(r"y+", f"'{year + BUDDHIST_ERA_OFFSET}'", parts[i]))
    return "'".join(parts)


def local_date(value: date, style: str = "medium", language: str | None = None) -> str:
    """Format a date for a language; Thai readers get the Buddhist-era year they write themselves."""
    lang = language or _language
    if lang != "th":
        return format_date(value, style, locale=lang)
    pattern = get_date_format(style, locale=lang).pattern if style in DATE_STYLES else style
    return format_date(value, _buddhist_pattern(pattern, value.year), locale=lang)


def format_datetime(value, locale: str | None = None) -> str:
    """Format an aware datetime in local time, medium style, for the current language."""
    from babel.dates import format_datetime as babel_format
    from babel.dates import format_time, get_datetime_format

    lang = locale or _language
    local = value.astimezone()
    if lang != "th":
        return babel_format(local, "medium", locale=lang)
    # Babel annotates a DateTimePattern, but the locale data gives the "{1} {0}" text itself.
    combined = cast(str, get_datetime_format("medium", locale=lang))
    return combined.replace("{1}", local_date(local.date(), "medium", lang)) \
        .replace("{0}", format_time(local, "medium", locale=lang))
