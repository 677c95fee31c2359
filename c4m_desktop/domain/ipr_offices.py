"""Intellectual property offices per country, by the kind of right they register (FIELD.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .enums import IPRType
from .messages import N_

_INDUSTRIAL = (IPRType.PATENT, IPRType.INDUSTRIAL_DESIGN)
_MARKS = (IPRType.TRADEMARK, IPRType.GEOGRAPHICAL_INDICATION)


@dataclass(frozen=True)
class Office:
    code: str
    country: str
    name: str
    handles: tuple[IPRType, ...]


OFFICES: dict[str, Office] = {
    o.code: o
    for o in (
        Office("TH-DIP", "TH", N_("Department of Intellectual Property, Ministry of Commerce"),
               (*_MARKS, *_INDUSTRIAL, IPRType.COPYRIGHT, IPRType.TRADITIONAL_KNOWLEDGE)),
        Office("VN-IPVN", "VN", N_("IP Viet Nam, Ministry of Science and Technology"),
               (*_MARKS, *_INDUSTRIAL)),
        Office("VN-COV", "VN", N_("Copyright Office of Vietnam, Ministry of Culture, Sports and Tourism"),
               (IPRType.COPYRIGHT, IPRType.TRADITIONAL_KNOWLEDGE)),
        Office("LA-DIP", "LA", N_("Department of Intellectual Property, Ministry of Industry and Commerce"),
               (*_MARKS, *_INDUSTRIAL)),
        Office("KH-DIPR", "KH", N_("Department of Intellectual Property Rights, Ministry of Commerce"),
               _MARKS),
        Office("KH-DIP", "KH", N_("Department of Industrial Property, Ministry of Industry, Science, Technology and Innovation"),
               _INDUSTRIAL),
        Office("KH-DCRR", "KH", N_("Department of Copyright and Related Rights, Ministry of Culture and Fine Arts"),
               (IPRType.COPYRIGHT, IPRType.TRADITIONAL_KNOWLEDGE)),
        Office("MM-IPD", "MM", N_("Intellectual Property Department, Ministry of Commerce"),
               (*_MARKS, *_INDUSTRIAL, IPRType.COPYRIGHT)),
    )
}


def offices_for(country: str, ipr_type: IPRType | str | None = None) -> list[Office]:
    """Return the offices of a country, narrowed to those handling one kind of right if given."""
    return [
        o for o in OFFICES.values()
        if o.country == country and (ipr_type is None or ipr_type in o.handles)
    ]
