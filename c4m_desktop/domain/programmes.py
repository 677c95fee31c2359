"""One-product programmes by country (OTOP, OCOP, ODOP, OVOP) and whether each rates by stars."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_


@dataclass(frozen=True)
class Programme:
    code: str
    name: str
    min_stars: int | None  # None: the programme does not rate products
    max_stars: int | None

    @property
    def rates(self) -> bool:
        return self.min_stars is not None


PROGRAMMES: dict[str, Programme] = {
    "TH": Programme("OTOP", N_("OTOP (One Tambon One Product)"), 1, 5),
    # Official OCOP counts start at three stars (2025 rules).
    "VN": Programme("OCOP", N_("OCOP (One Commune One Product)"), 3, 5),
    "LA": Programme("ODOP", N_("ODOP (One District One Product)"), 1, 5),
    "KH": Programme("OVOP", N_("OVOP (One Village One Product)"), None, None),
    "MM": Programme("OVOP", N_("One Village One Product initiatives"), None, None),
}
