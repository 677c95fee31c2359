"""Turn a text shown in one language into the same text in another, for the runtime language switch.

Widgets keep the strings they were given, not the messages behind them. Rather than rebuild every
open window (losing half-typed edits, scroll positions and selections), the switch reads each
text on screen back to its message through the old language's catalog and shows that message in
the new language. A text with placeholders is matched against the old translation as a pattern
and filled again, its parameters mapped too ("Problem with Phone" → "បញ្ហាជាមួយ ទូរស័ព្ទ").
A text that is no translation at all (a name, a number typed by the user) is left alone.

What a text was read as is kept (``Shown``) so the next switch renders the same message again
instead of reading the text back once more: in Thai, Khmer or Lao "Association" and
"Associations" are one word, and only the first reading, from the language the window was built
in, can tell them apart.
"""

from __future__ import annotations

import re
import string
from dataclasses import dataclass

from ..domain.digits import parse_int
from . import Translator, message_ids, translator

LABEL_SUFFIX = ":"  # form labels are "{label}:" (ui.forms)
PLURAL_SAMPLES = (1, 2, 11)  # enough to meet every plural form of the six languages


Message = str | tuple[str, str]


@dataclass(frozen=True)
class Shown:
    """A message as it was put on screen: which one, with which parameters, and any label colon."""

    message: Message
    params: tuple[tuple[str, Shown | str], ...] = ()
    suffix: str = ""

    def render(self, tr: Translator) -> str:
        params = {k: v.render(tr) if isinstance(v, Shown) else v for k, v in self.params}
        if isinstance(self.message, str):
            text = tr.render(self.message, **params) if params else tr.gettext(self.message)
            return text + self.suffix
        singular, plural = self.message
        n = _count(params.get("n", ""))
        try:
            return tr.ngettext(singular, plural, n).format(**params) + self.suffix
        except (KeyError, IndexError, ValueError):
            return (singular if n == 1 else plural).format(**params) + self.suffix


class TextMap:
    """Reads texts shown in one language back to messages, and renders them in another."""

    def __init__(self, old: str, new: str):
        self.old, self.new = translator(old), translator(new)
        self._exact: dict[str, Shown] = {}
        # (literal prefix, pattern, message, literal length): longest literal text first, so that
        # "{n} exports waiting" is tried before a looser pattern could swallow it.
        self._patterns: list[tuple[str, re.Pattern[str], Message, int]] = []
        for message in message_ids():
            if isinstance(message, tuple):
                for shown in {self.old.ngettext(*message, n) for n in PLURAL_SAMPLES}:
                    self._add_pattern(shown, message)
            elif _fields(message):
                self._add_pattern(self.old.gettext(message), message)
            else:
                self._exact.setdefault(self.old.gettext(message), Shown(message))
        self._patterns.sort(key=lambda p: -p[3])

    def _add_pattern(self, shown: str, message: Message) -> None:
        compiled = _pattern(shown)
        if compiled is not None:
            prefix, regex, literal_length = compiled
            self._patterns.append((prefix, regex, message, literal_length))

    def read(self, text: str) -> Shown | None:
        """Return the message a text of the old language shows, or None when it is none of ours."""
        if not text:
            return None
        if text in self._exact:
            return self._exact[text]
        if text.endswith(LABEL_SUFFIX) and text[:-1] in self._exact:
            return Shown(self._exact[text[:-1]].message, suffix=LABEL_SUFFIX)
        for prefix, regex, message, _length in self._patterns:
            if text.startswith(prefix):
                match = regex.fullmatch(text)
                if match:
                    params = tuple((k, self._exact.get(v, v)) for k, v in match.groupdict().items())
                    return Shown(message, params)
        return None

    def convert(self, text: str) -> str | None:
        """Return the text in the new language, or None when it is not one of the app's messages."""
        shown = self.read(text)
        return None if shown is None else shown.render(self.new)


def _fields(text: str) -> list[str]:
    try:
        return [name for _, name, _, _ in string.Formatter().parse(text) if name is not None]
    except ValueError:
        return []


def _pattern(shown: str) -> tuple[str, re.Pattern[str], int] | None:
    """A regular expression matching a translation with its placeholders filled, or None."""
    parts, seen, literal = [], set(), ""
    try:
        pieces = list(string.Formatter().parse(shown))
    except ValueError:
        return None
    prefix = pieces[0][0] if pieces else ""
    for text, name, _spec, _conversion in pieces:
        parts.append(re.escape(text))
        literal += text
        if name is None:
            continue
        if not name.isidentifier():
            return None
        parts.append(f"(?P={name})" if name in seen else f"(?P<{name}>.+?)")
        seen.add(name)
    if not literal.strip() or not seen:
        return None  # "{name}" alone would match any text
    return prefix, re.compile("".join(parts), re.DOTALL), len(literal)


def _count(text: str) -> int:
    try:
        return parse_int(text.replace(",", "").replace(".", ""))
    except ValueError:
        return 2  # a plural form for a count we cannot read
