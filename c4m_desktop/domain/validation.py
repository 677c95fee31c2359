"""Field-level rules for every record kind; each returns ``Problem`` values, never raises.

Rules see the whole record (current values merged with the change) so cross-field checks such
as "women members cannot exceed the total" work the same for a new record and for an edit.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import date
from enum import StrEnum
from functools import cache
from typing import Any

from . import enums, files, privacy
from .ipr_offices import OFFICES
from .messages import N_, Problem
from .money import KNOWN_CURRENCIES
from .programmes import PROGRAMMES
from .sectors import SECTORS
from .sites import SITES, currencies_for

# Deliberately simple: one @, a dot in the domain, no spaces. Full RFC 5322 rejects nothing
# a coordinator would type by mistake that this misses, and accepts much they never would.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]+$")
_PHONE = re.compile(r"^\+?[0-9 ()\-.]{6,24}$")
FIRST_YEAR = 1900
LAST_YEAR = 2100


@cache
def _values(enum: type[StrEnum]) -> frozenset[str]:
    return frozenset(e.value for e in enum)


class Checker:
    """Collect problems for one record."""

    def __init__(self, record: Mapping[str, Any]):
        self.r = record
        self.problems: list[Problem] = []

    def add(self, field: str | None, message: str, **params: Any) -> None:
        self.problems.append(Problem(field, message, params))

    def required(self, *fields: str) -> None:
        for f in fields:
            v = self.r.get(f)
            if v is None or (isinstance(v, str) and not v.strip()):
                self.add(f, N_("This field is required."))

    def choice(self, field: str, enum: type[StrEnum], *, optional: bool = False) -> None:
        v = self.r.get(field)
        if v is None and optional:
            return
        if v is None:
            self.add(field, N_("This field is required."))
        elif v not in _values(enum):
            self.add(field, N_("{value} is not one of the allowed choices."), value=str(v))

    def integer(self, field: str, *, low: int | None = None, high: int | None = None) -> None:
        v = self.r.get(field)
        if v is None:
            return
        if isinstance(v, bool) or not isinstance(v, int):
            self.add(field, N_("Enter a whole number."))
        elif low == 0 and v < 0:
            self.add(field, N_("This number cannot be negative."))
        elif (low is not None and v < low) or (high is not None and v > high):
            self.add(field, N_("Enter a number from {low} to {high}."), low=low, high=high)

    def number(self, field: str, *, low: float | None = None, high: float | None = None) -> None:
        v = self.r.get(field)
        if v is None:
            return
        if isinstance(v, bool) or not isinstance(v, int | float):
            self.add(field, N_("Enter a number."))
        elif (low is not None and v < low) or (high is not None and v > high):
            self.add(field, N_("Enter a number from {low} to {high}."), low=low, high=high)

    def money(self, field: str) -> None:
        v = self.r.get(field)
        if v is None:
            return
        if isinstance(v, bool) or not isinstance(v, int):
            # Money is integer minor units; a float would round silently somewhere.
            self.add(field, N_("Amounts are stored as whole minor units, never as fractions."))
        elif v < 0:
            self.add(field, N_("This amount cannot be negative."))

    def year(self, field: str) -> None:
        self.integer(field, low=FIRST_YEAR, high=LAST_YEAR)

    def email(self, field: str) -> None:
        v = self.r.get(field)
        if v and not _EMAIL.match(v):
            self.add(field, N_("{value} is not a valid e-mail address."), value=v)

    def phone(self, field: str) -> None:
        v = self.r.get(field)
        if v and (not _PHONE.match(v) or sum(c.isdigit() for c in v) < 6):
            self.add(field, N_("Enter a phone number with at least 6 digits, e.g. +855 12 345 678."))

    def site(self, field: str = "site_code") -> None:
        v = self.r.get(field)
        if v not in SITES:
            self.add(field, N_("{value} is not a Creative4Mekong site (AYU, SRP, HUE, LPB, BGN)."),
                     value=str(v))

    def date(self, field: str) -> None:
        v = self.r.get(field)
        if v is not None and not isinstance(v, date):
            self.add(field, N_("Enter a date."))

    def not_before(self, later: str, earlier: str, message: str) -> None:
        a, b = self.r.get(later), self.r.get(earlier)
        if isinstance(a, date) and isinstance(b, date) and a < b:
            self.add(later, message)


def _association(c: Checker) -> None:
    if not (c.r.get("name_en") or "").strip() and not (c.r.get("name_local") or "").strip():
        c.add("name_en", N_("Enter the name in English or in the local script."))
    c.site()
    c.choice("kind", enums.AssociationKind)
    c.choice("legal_status", enums.LegalStatus, optional=True)
    c.year("year_founded")
    for f in ("members_total", "members_women", "members_youth"):
        c.integer(f, low=0)
    total = c.r.get("members_total")
    if isinstance(total, int) and total >= 0:
        women, youth = c.r.get("members_women"), c.r.get("members_youth")
        if isinstance(women, int) and women > total:
            c.add("members_women", N_("Women members cannot exceed the total number of members ({total})."),
                  total=total)
        if isinstance(youth, int) and youth > total:
            c.add("members_youth", N_("Youth members cannot exceed the total number of members ({total})."),
                  total=total)
    c.email("email")
    c.phone("phone")
    _programme(c)
    for code in c.r.get("sectors") or ():
        if code not in SECTORS:
            c.add("sectors", N_("{value} is not a sector of the taxonomy."), value=str(code))


def _programme(c: Checker) -> None:
    stars = c.r.get("programme_stars")
    c.year("programme_year")
    if stars is None or c.r.get("site_code") not in SITES:
        return
    prog = PROGRAMMES[SITES[c.r["site_code"]].country]
    if not prog.rates:
        c.add("programme_stars", N_("{programme} does not rate products with stars."), programme=prog.code)
    else:
        c.integer("programme_stars", low=prog.min_stars, high=prog.max_stars)




def _member(c: Checker) -> None:
    c.choice("kind", enums.MemberKind)
    c.choice("gender", enums.Gender, optional=True)
    if c.r.get("forgotten"):
        for f in privacy.PERSONAL_FIELDS:
            if c.r.get(f) not in (None, ""):
                c.add(f, N_("This person was forgotten: their personal details cannot be kept."))
        return
    c.required("association_id", "name")
    c.year("birth_year")
    c.email("email")
    c.phone("phone")
    _consent(c)


def _consent(c: Checker) -> None:
    c.choice("consent", enums.Consent, optional=True)
    c.date("consent_date")
    consent = c.r.get("consent")
    if consent is None:
        if c.r.get("consent_date") is not None:
            c.add("consent", N_("Say whether consent was given, refused or withdrawn on this date."))
        return
    if c.r.get("consent_date") is None:
        c.add("consent_date", N_("Enter the date consent was given, refused or withdrawn."))
    if consent != enums.Consent.GIVEN:
        for f in privacy.CONSENTED_FIELDS:
            if c.r.get(f) not in (None, ""):
                c.add(f, N_("Without the person's consent, their phone, e-mail and year of birth are not kept."))


def _ipr_asset(c: Checker) -> None:
    c.required("association_id", "title")
    c.choice("ipr_type", enums.IPRType)
    c.choice("status", enums.IPRStatus)
    office = c.r.get("office")
    if office is not None:
        o = OFFICES.get(office)
        site = SITES.get(c.r.get("site_code") or "")
        if o is None or (site and o.country != site.country):
            c.add("office", N_("{value} is not an intellectual property office of this country."),
                  value=str(office))
        elif c.r.get("ipr_type") not in o.handles:
            c.add("office", N_("This office does not register this kind of right."))
    for f in ("filing_date", "registration_date", "renewal_date"):
        c.date(f)
    c.not_before("registration_date", "filing_date",
                 N_("The registration date cannot be before the filing date."))
    c.not_before("renewal_date", "registration_date",
                 N_("The renewal date cannot be before the registration date."))


def _business_plan(c: Checker) -> None:
    c.required("association_id", "title")
    c.choice("status", enums.PlanStatus)
    c.year("start_year")
    c.integer("horizon_years", low=1, high=5)
    _currency(c)


def _currency(c: Checker) -> None:
    cur = c.r.get("currency")
    if cur not in KNOWN_CURRENCIES:
        c.add("currency", N_("{value} is not a currency used in the programme."), value=str(cur))
    elif c.r.get("site_code") in SITES and cur not in currencies_for(c.r["site_code"]):
        c.add("currency", N_("A plan of this site is kept in {allowed}."),
              allowed=" / ".join(currencies_for(c.r["site_code"])))


def _section(c: Checker) -> None:
    c.required("plan_id")
    c.choice("key", enums.SectionKey)


def _financial_line(c: Checker) -> None:
    c.required("plan_id", "label")
    c.choice("kind", enums.FinancialKind)
    c.year("year")
    c.money("amount_minor")
    if c.r.get("amount_minor") is None:
        c.add("amount_minor", N_("This field is required."))


def _action_plan(c: Checker) -> None:
    c.required("title", "owner")
    c.site()
    c.choice("scope", enums.ActionPlanScope)
    c.choice("status", enums.ActionPlanStatus)
    if c.r.get("scope") == enums.ActionPlanScope.ASSOCIATION and not c.r.get("association_id"):
        c.add("association_id", N_("Choose the association this plan is for."))
    c.date("period_start")
    c.date("period_end")
    c.not_before("period_end", "period_start", N_("The end of the period cannot be before its start."))
    _currency(c)


def _activity(c: Checker) -> None:
    c.required("plan_id", "title")
    c.choice("status", enums.ActivityStatus)
    c.date("start_date")
    c.date("due_date")
    c.not_before("due_date", "start_date", N_("The due date cannot be before the start date."))
    c.number("baseline")
    c.number("target")
    c.money("budget_minor")
    c.integer("sort_order", low=0)


def _progress_update(c: Checker) -> None:
    c.required("activity_id", "report_date", "reported_by")
    c.date("report_date")
    c.number("percent_complete", low=0, high=100)
    c.number("actual_value")
    c.choice("status", enums.ActivityStatus)


def _attachment(c: Checker) -> None:
    c.required("sha256", "filename", "entity_table", "entity_id")
    c.integer("size", low=0)
    _attachment_names(c)


def _attachment_names(c: Checker) -> None:
    if c.r.get("sha256") is not None and not files.is_sha256(c.r["sha256"]):
        c.add("sha256", N_("This is not the fingerprint of a stored file."))
    if c.r.get("filename") is not None and not files.is_plain_name(c.r["filename"]):
        c.add("filename", N_("A file name may not contain a folder or control characters."))


def _association_sector(c: Checker) -> None:
    c.required("association_id")
    if c.r.get("sector") not in SECTORS:
        c.add("sector", N_("{value} is not a sector of the taxonomy."), value=str(c.r.get("sector")))


RULES: dict[str, Callable[[Checker], None]] = {
    "association": _association,
    "association_sector": _association_sector,
    "member": _member,
    "ipr_asset": _ipr_asset,
    "business_plan": _business_plan,
    "business_plan_section": _section,
    "financial_line": _financial_line,
    "action_plan": _action_plan,
    "activity": _activity,
    "progress_update": _progress_update,
    "attachment": _attachment,
}
# Checked even on deleted rows: these fields become file paths.
ALWAYS: dict[str, Callable[[Checker], None]] = {"attachment": _attachment_names}


def validate(kind: str, record: Mapping[str, Any]) -> list[Problem]:
    """Return every problem of a whole record of this kind (empty when it is valid)."""
    checker = Checker(record)
    RULES[kind](checker)
    return checker.problems


def validate_deleted(kind: str, record: Mapping[str, Any]) -> list[Problem]:
    """The problems a deleted record may not have either (fields that become file paths)."""
    checker = Checker(record)
    if kind in ALWAYS:
        ALWAYS[kind](checker)
    return checker.problems
