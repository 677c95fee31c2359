"""The five Creative4Mekong World Heritage sites: fixed reference data (facts from FIELD.md)."""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_


@dataclass(frozen=True)
class Site:
    code: str
    name_en: str
    name_local: str
    country: str
    country_en: str
    country_local: str
    language: str
    currency: str


SITES: dict[str, Site] = {
    s.code: s
    for s in (
        Site("AYU", N_("Ayutthaya"), "พระนครศรีอยุธยา", "TH", N_("Thailand"), "ไทย", "th", "THB"),
        Site("SRP", N_("Siem Reap"), "សៀមរាប", "KH", N_("Cambodia"), "កម្ពុជា", "km", "KHR"),
        Site("HUE", N_("Hue"), "Huế", "VN", N_("Viet Nam"), "Việt Nam", "vi", "VND"),
        Site("LPB", N_("Luang Prabang"), "ຫຼວງພະບາງ", "LA", N_("Laos"), "ລາວ", "lo", "LAK"),
        Site("BGN", N_("Bagan"), "ပုဂံ", "MM", N_("Myanmar"), "မြန်မာ", "my", "MMK"),
    )
}

# A plan may also be kept in US dollars (donor budgets often are).
EXTRA_CURRENCIES = ("USD",)


def site(code: str) -> Site:
    """Return the site with this code; raise KeyError for an unknown one."""
    return SITES[code]


def currencies_for(code: str) -> tuple[str, ...]:
    """Return the currencies a record of this site may use, local one first."""
    return (SITES[code].currency, *EXTRA_CURRENCIES)
