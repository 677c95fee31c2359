"""Money as integer minor units of a currency; never a float.

Digits per currency follow CLDR through Babel (LAK and MMK have none, as people write them),
not ISO 4217; see DESIGN-NOTES.md.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from babel.numbers import get_currency_precision

from .digits import ascii_digits
from .messages import N_, Problem
from .sites import EXTRA_CURRENCIES, SITES

KNOWN_CURRENCIES = frozenset({s.currency for s in SITES.values()} | set(EXTRA_CURRENCIES))


def digits(currency: str) -> int:
    """Return how many minor-unit digits the currency is kept with."""
    return get_currency_precision(currency)


def to_minor(amount: Decimal | int | str, currency: str) -> int:
    """Convert a major-unit amount to integer minor units; refuse precision the currency lacks."""
    if isinstance(amount, float):
        raise TypeError("money is never a float")
    value = Decimal(amount) * (10 ** digits(currency))
    if value != value.to_integral_value():
        raise ValueError(f"{amount} has more decimals than {currency} allows")
    return int(value)


def to_major(minor: int, currency: str) -> Decimal:
    """Return the exact major-unit amount of integer minor units."""
    if not isinstance(minor, int) or isinstance(minor, bool):
        raise TypeError("minor units are an integer")
    return Decimal(minor).scaleb(-digits(currency))


def parse_amount(text: str, currency: str, field: str) -> tuple[int | None, Problem | None]:
    """Parse typed major units (any script's digits, optional thousands commas) into minor units."""
    cleaned = ascii_digits(text).strip().replace(",", "").replace("\u00a0", "").replace(" ", "")
    try:
        value = Decimal(cleaned)
        if not value.is_finite():  # "NaN", "Infinity"
            raise InvalidOperation
        return to_minor(value, currency), None
    except InvalidOperation:
        return None, Problem(field, N_("Enter an amount such as 1250.50."))
    except ValueError:
        return None, Problem(
            field, N_("{currency} amounts have at most {digits} decimal places."),
            {"currency": currency, "digits": digits(currency)},
        )
