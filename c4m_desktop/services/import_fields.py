"""What a spreadsheet column can be imported as, and how its cells are read.

Column headers are matched against each field's label in all six languages, its own name, and
the names KoboToolbox/ODK forms commonly use (group paths such as ``group_info/name_en`` count
by their last part). Cell values of choice fields are read the same way: the stored value, its
label in any of the six languages, or a common spelling ("F", "ស្រី", "หญิง" → female).
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

from .. import i18n
from ..domain.digits import parse_int
from ..domain.enums import AssociationKind, Consent, Gender, LegalStatus, MemberKind, label
from ..domain.messages import N_, Problem, UserError
from ..domain.sectors import SECTORS
from ..domain.sites import SITES
from ..store.small_files import read_json_object

UUID, SUBMISSION_UUID, REPEAT_INDEX = "_uuid", "_submission__uuid", "_index"


@dataclass(frozen=True)
class Target:
    """A field a column can fill."""

    name: str
    label: str  # English, marked with N_, translated where shown
    kind: str = "text"  # text | int | choice | sectors | key
    aliases: tuple[str, ...] = ()  # Kobo/ODK names and common headers, any language
    choices: Callable[[], Mapping[str, str]] | None = None  # stored value -> English label


def _enum(enum: type[StrEnum]) -> Callable[[], dict[str, str]]:
    return lambda: {m.value: label(m) for m in enum}


def _sites() -> dict[str, str]:
    return {code: s.name_en for code, s in SITES.items()}


ASSOCIATION_TARGETS = (
    Target("site_code", N_("Site"), "choice", ("site", "site_code", "province", "city"), _sites),
    Target("name_en", N_("Name in English"), "text", ("name", "name_en", "group_name", "association_name",
                                                      "name of the group", "name of association", "group name")),
    Target("name_local", N_("Name in local script"), "text", ("name_local", "local_name", "name_kh", "name_th",
                                                              "name_lo", "name_my", "name_vn")),
    Target("kind", N_("Kind"), "choice", ("kind", "type", "group_type", "organisation_type"),
           _enum(AssociationKind)),
    Target("sectors", N_("Sectors"), "sectors", ("sector", "sectors", "main_sector", "creative_sector")),
    Target("district", N_("District"), "text", ("district", "amphoe", "srok", "huyen", "muang", "township")),
    Target("village", N_("Village"), "text", ("village", "ban", "phum", "commune", "xa")),
    Target("legal_status", N_("Legal status"), "choice", ("legal_status", "registration_status"),
           _enum(LegalStatus)),
    Target("registration_no", N_("Registration number"), "text", ("registration_no", "registration_number")),
    Target("year_founded", N_("Year founded"), "int", ("year_founded", "founded", "year_established")),
    Target("members_total", N_("Members in total"), "int", ("members_total", "total_members", "members",
                                                           "number of members")),
    Target("members_women", N_("Women members"), "int", ("members_women", "women_members", "female_members",
                                                         "women", "female")),
    Target("members_youth", N_("Youth members"), "int", ("members_youth", "youth_members", "youth")),
    Target("contact_person", N_("Contact person"), "text", ("contact_person", "contact", "leader", "head")),
    Target("phone", N_("Phone"), "text", ("phone", "telephone", "mobile", "phone_number", "tel")),
    Target("email", N_("E-mail"), "text", ("email", "e-mail", "mail")),
    Target("products", N_("Products"), "text", ("products", "main_products", "product")),
    Target("notes", N_("Notes"), "text", ("notes", "remarks", "comment", "comments")),
    Target(UUID, N_("Kobo record id (_uuid)"), "key", (UUID, "uuid", "meta/instanceid", "instanceid")),
)

MEMBER_TARGETS = (
    Target("association", N_("Association"), "text", ("association", "group", "association_name", "group_name")),
    Target(SUBMISSION_UUID, N_("Kobo record id of the association (_submission__uuid)"), "key",
           (SUBMISSION_UUID,)),
    Target(REPEAT_INDEX, N_("Kobo row number (_index)"), "key", (REPEAT_INDEX,)),
    Target("site_code", N_("Site"), "choice", ("site", "site_code"), _sites),
    Target("name", N_("Name"), "text", ("name", "member_name", "full_name", "artisan_name")),
    Target("kind", N_("Kind"), "choice", ("kind", "type", "member_type"), _enum(MemberKind)),
    Target("gender", N_("Gender"), "choice", ("gender", "sex"), _enum(Gender)),
    Target("birth_year", N_("Year of birth"), "int", ("birth_year", "year_of_birth", "born")),
    Target("phone", N_("Phone"), "text", ("phone", "telephone", "mobile", "phone_number")),
    Target("email", N_("E-mail"), "text", ("email", "e-mail")),
    Target("products", N_("Products"), "text", ("products", "product")),
    Target("notes", N_("Notes"), "text", ("notes", "remarks", "comment")),
    Target("consent", N_("Consent to keep personal details"), "choice",
           ("consent", "consent_given", "pdpa_consent", "consent_personal_data"), _enum(Consent)),
    # Kobo's "today" is the day of the interview, where the consent question is asked.
    Target("consent_date", N_("Consent recorded on"), "date", ("consent_date", "date_of_consent", "today")),
)

TARGETS: dict[str, tuple[Target, ...]] = {"associations": ASSOCIATION_TARGETS, "members": MEMBER_TARGETS}
RECORD_KIND = {"associations": "association", "members": "member"}

# Spellings seen in field lists that are no label of ours: value -> stored value.
SYNONYMS: dict[str, dict[str, str]] = {
    "gender": {"f": "female", "w": "female", "woman": "female", "women": "female", "ស្រី": "female",
               "หญิง": "female", "ญ": "female", "nữ": "female", "ຍິງ": "female", "ແມ່ຍິງ": "female", "မ": "female",
               "m": "male", "man": "male", "men": "male", "ប្រុស": "male", "ชาย": "male", "ช": "male",
               "nam": "male", "ຊາຍ": "male", "ကျား": "male", "ယောကျ်ား": "male"},
    "sectors": {"handicraft": "crafts", "handicrafts": "crafts", "craft": "crafts", "weaving": "crafts",
                "textile": "crafts", "textiles": "crafts", "food": "culinary", "cuisine": "culinary",
                "tourism": "cultural_tourism", "dance": "performing_arts", "theatre": "performing_arts",
                "media": "publishing_media", "publishing": "publishing_media", "art": "visual_arts"},
    # A consent question is usually yes/no (Kobo's codes, or the words in each language).
    "consent": {"yes": "given", "y": "given", "true": "given", "1": "given", "no": "refused", "n": "refused",
                "false": "refused", "0": "refused", "ยินยอม": "given", "ไม่ยินยอม": "refused",
                "យល់ព្រម": "given", "មិនយល់ព្រម": "refused", "đồng ý": "given", "không đồng ý": "refused",
                "ເຫັນດີ": "given", "ບໍ່ເຫັນດີ": "refused", "သဘောတူ": "given", "သဘောမတူ": "refused"},
}
SECTOR_SEPARATORS = re.compile(r"\s*[,;/\n|]\s*")


def fold(text: str) -> str:
    """Compare headers and values without case, accents of form, underscores or extra spacing."""
    text = unicodedata.normalize("NFC", text).casefold().replace("_", " ").replace("-", " ")
    return " ".join(re.sub(r"[*:：៖?]+$", "", text.strip()).split())


def _every_language(english: str) -> set[str]:
    return {fold(i18n.translator(lang).gettext(english)) for lang in i18n.LANGUAGES}


@cache
def _header_names(kind: str) -> dict[str, str]:
    names: dict[str, str] = {}
    for t in TARGETS[kind]:
        for name in (*_every_language(t.label), fold(t.name), *map(fold, t.aliases)):
            names.setdefault(name, t.name)
    return names


def suggest(kind: str, headers: Iterable[str]) -> dict[int, str]:
    """Column index -> field, for the headers that name a field (each field taken once)."""
    names, taken, out = _header_names(kind), set(), {}
    for i, header in enumerate(headers):
        header = header or ""
        for candidate in (fold(header), fold(header.rsplit("/", 1)[-1])):
            field = names.get(candidate)
            if field and field not in taken:
                out[i] = field
                taken.add(field)
                break
    return out


@cache
def choice_spellings(kind: str, field: str) -> dict[str, str]:
    """Every spelling of every choice of a field, folded -> stored value."""
    target = next(t for t in TARGETS[kind] if t.name == field)
    choices = dict(target.choices()) if target.choices else dict(SECTORS) if target.kind == "sectors" else {}
    out: dict[str, str] = {}
    for value, english in choices.items():
        for spelling in (fold(value), *_every_language(english)):
            out.setdefault(spelling, value)
    if field == "site_code":
        out.update({fold(s.name_local): code for code, s in SITES.items()})
    out.update({fold(k): v for k, v in SYNONYMS.get(field, {}).items()})
    return out


def read_cell(kind: str, target: Target, raw: Any, overrides: Mapping[str, str] | None = None) -> tuple[Any, Problem | None]:
    """Read one cell as the field's value; a problem (and None) when it cannot be read."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return ([] if target.kind == "sectors" else None), None
    if target.kind == "int":
        return _read_int(target, raw)
    if target.kind == "date":
        return _read_date(target, raw)
    text = raw.isoformat() if isinstance(raw, date | datetime) else str(raw).strip()
    if target.kind in ("text", "key"):
        return (str(int(raw)) if isinstance(raw, float) and raw.is_integer() else text), None
    spellings = {**choice_spellings(kind, target.name), **{fold(k): v for k, v in (overrides or {}).items()}}
    if target.kind == "sectors":
        return _read_sectors(target, text, spellings)
    value = spellings.get(fold(text))
    if value is None:
        return None, Problem(target.name, N_("{value} is not one of the choices for {field}."),
                             {"value": text, "field": target.label})
    return value, None


def _read_date(target: Target, raw: Any) -> tuple[date | None, Problem | None]:
    if isinstance(raw, datetime):
        return raw.date(), None
    if isinstance(raw, date):
        return raw, None
    try:  # ISO, as Kobo and CSV exports write it (a time after the date is dropped)
        return date.fromisoformat(str(raw).strip()[:10]), None
    except ValueError:
        return None, Problem(target.name, N_("Enter a date."), {})


def _read_int(target: Target, raw: Any) -> tuple[int | None, Problem | None]:
    if isinstance(raw, bool):
        raw = str(raw)
    if isinstance(raw, int):
        return raw, None
    if isinstance(raw, float) and raw.is_integer():
        return int(raw), None
    try:
        return parse_int(str(raw)), None
    except ValueError:
        return None, Problem(target.name, N_("Enter a whole number."), {})


def _read_sectors(target: Target, text: str, spellings: Mapping[str, str]) -> tuple[list[str], Problem | None]:
    whole = spellings.get(fold(text))
    if whole:
        return [whole], None
    parts = [p for p in SECTOR_SEPARATORS.split(text) if p]
    if len(parts) == 1:  # Kobo select_multiple: codes separated by spaces
        parts = text.split()
    codes: list[str] = []
    unknown: list[str] = []
    for part in parts:
        code = spellings.get(fold(part))
        (codes if code else unknown).append(code or part)
    if unknown:
        return [], Problem(target.name, N_("{value} is not a sector of the taxonomy."), {"value": ", ".join(unknown)})
    return list(dict.fromkeys(codes)), None


# --- mapping files ------------------------------------------------------------------------------
# JSON: {"kind": "associations", "columns": {"header": "field"}, "values": {"field": {"cell text": "value"}},
#        "fixed": {"field": "value for every row that leaves it empty"}}; written by the wizard and the CLI.


@dataclass
class ColumnMapping:
    """Which column fills which field, how cell values read, and values given for every row."""

    columns: dict[int, str] | None = None  # None: suggested from the headers
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    fixed: dict[str, str] = field(default_factory=dict)


def read_mapping(path: Path, headers: list[str]) -> ColumnMapping:
    """A mapping file, its columns matched to these headers by their text."""
    try:
        data = read_json_object(path)
        columns, values, fixed = data.get("columns", {}), data.get("values", {}), data.get("fixed", {})
        if not all(isinstance(x, dict) for x in (columns, values, fixed)):
            raise ValueError
    except (OSError, ValueError, AttributeError):
        raise UserError(N_("{name} is not a mapping file of the app."), name=path.name) from None
    index = {h: i for i, h in enumerate(headers)}
    return ColumnMapping({index[h]: f for h, f in columns.items() if h in index}, values, fixed)


def write_mapping(path: Path, kind: str, headers: list[str], m: ColumnMapping) -> None:
    data = {"kind": kind, "columns": {headers[i]: f for i, f in sorted((m.columns or {}).items())},
            "values": m.values, "fixed": m.fixed}
    from .table_export import write_atomically

    write_atomically(path, lambda tmp: tmp.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8"))


def parse_fixed(pairs: list[str]) -> dict[str, str]:
    out = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise UserError(N_("Write --set as FIELD=VALUE, e.g. kind=artisan."))
        out[name.strip()] = value.strip()
    return out
