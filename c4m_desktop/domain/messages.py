"""Translatable message ids with parameters, produced by domain rules and shown by the layers above.

Domain code cannot translate (it imports nothing of ours), so it marks source strings with
``N_`` for extraction and hands out ``Problem`` values; ``i18n`` turns them into text.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

_STORED = '{"message": '


def N_(message: str) -> str:
    """Mark a string for extraction without translating it."""
    return message


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one field of a record (``field`` is None for the record as a whole)."""

    field: str | None
    message: str
    # dataclasses.field: the bare name would be the ``field`` attribute above to a type checker
    params: dict[str, Any] = dataclasses.field(default_factory=dict)

    def english(self) -> str:
        """Return the untranslated text, for logs and tests."""
        return self.message.format(**self.params)


class ValidationError(Exception):
    """A record broke one or more rules; nothing was written."""

    def __init__(self, problems: list[Problem]):
        super().__init__("; ".join(p.english() for p in problems))
        self.problems = problems

    def for_field(self, name: str) -> list[Problem]:
        """Return the problems reported against one field."""
        return [p for p in self.problems if p.field == name]


class UserError(Exception):
    """A known failure to show a person in plain words (not a bug).

    ``rejected`` marks bad input (CLI exit code 2) as opposed to a failure of the machine or
    environment (exit code 1).
    """

    def __init__(self, message: str, *, rejected: bool = True, **params: Any):
        super().__init__(message.format(**params))
        self.message = message
        self.params = params
        self.rejected = rejected


def stored(message: str, params: Mapping[str, Any] | None = None) -> str:
    """A message id and its parameters as one text for a database column, translated when shown.

    Without parameters it is the message id itself, as columns written before held.
    """
    if not params:
        return message
    return json.dumps({"message": message, "params": dict(params)}, ensure_ascii=False, default=str)


def unstored(text: str) -> tuple[str, dict[str, Any]]:
    """The message id and parameters of a ``stored`` text (plain text: itself, no parameters)."""
    if text.startswith(_STORED):
        try:
            data = json.loads(text)
            return str(data["message"]), dict(data["params"])
        except (ValueError, KeyError, TypeError):
            pass
    return text, {}
