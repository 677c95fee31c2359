"""Members' personal data: what consent covers, what forgetting blanks, what may stay out of a bundle.

Pure rules on row dictionaries, shared by the editor's save, the exporter and the merge, so a
forgotten person stays forgotten on every copy whatever order the bundles arrive in.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any

from .enums import Consent

# What a member's consent covers; the name stays, as the association's own member list has it.
CONSENTED_FIELDS = ("birth_year", "phone", "email")
# Blanked by "forget this person". Kind and gender stay: they are counted, not identifying.
PERSONAL_FIELDS = ("name", "birth_year", "phone", "email", "products", "notes")
# May be left out of bundles that travel unencrypted.
CONTACT_FIELDS = ("email", "phone")


def blanked(field: str) -> Any:
    return "" if field == "name" else None  # the name column is NOT NULL


def scrub(row: dict[str, Any], *, on: date | None) -> dict[str, Any]:
    """The row with its personal fields blanked and marked forgotten (consent withdrawn ``on``)."""
    return row | {f: blanked(f) for f in PERSONAL_FIELDS} | {
        "forgotten": True, "withheld": None, "consent": Consent.WITHDRAWN.value, "consent_date": on}


def withheld_fields(row: dict[str, Any]) -> set[str]:
    return set(filter(None, (row.get("withheld") or "").split(",")))


def _joined(fields: Iterable[str]) -> str | None:
    return ",".join(sorted(fields)) or None


def withhold(row: dict[str, Any]) -> dict[str, Any]:
    """The row as it travels without contact details: the values left out are named in ``withheld``,
    so the receiver knows it lacks them rather than that they were cleared."""
    out = [f for f in CONTACT_FIELDS if row.get(f)]
    if not out:
        return row
    return row | {f: None for f in out} | {"withheld": _joined(withheld_fields(row) | set(out))}


def still_withheld(withheld: str | None, edited: Iterable[str]) -> str | None:
    """What stays withheld after a person typed values into some fields of this copy."""
    return _joined(withheld_fields({"withheld": withheld}) - set(edited))


def settle(mine: dict[str, Any], theirs: dict[str, Any], result: dict[str, Any]) -> dict[str, Any]:
    """The member row to store after merging ``theirs`` into ``mine`` (``result`` by the usual rules).

    Withheld fields keep this copy's own values; and once either version is forgotten, the stored
    one is forgotten too, whichever edit won, so no concurrent edit can bring the details back.
    Returns ``result`` itself when nothing changes.
    """
    gone = [r for r in (theirs, mine) if r.get("forgotten")]
    if gone:
        if result.get("forgotten") and _scrubbed(result):
            return result
        return scrub(result, on=gone[0].get("consent_date"))
    missing = withheld_fields(result)
    if not missing:
        return result
    kept = missing & withheld_fields(mine)
    restored = {f: mine.get(f) for f in missing - kept}
    return result | restored | {"withheld": _joined(kept)}


def fill(mine: dict[str, Any], theirs: dict[str, Any]) -> dict[str, Any] | None:
    """The same version as ``mine`` with the withheld values ``theirs`` carries filled in (a bundle that
    was encrypted after earlier unencrypted ones); None when there is nothing to fill."""
    missing = withheld_fields(mine) - withheld_fields(theirs)
    if not missing or mine.get("forgotten") or theirs.get("forgotten"):
        return None
    return mine | {f: theirs.get(f) for f in missing} | {"withheld": _joined(withheld_fields(mine) - missing)}


def _scrubbed(row: dict[str, Any]) -> bool:
    return all(row.get(f) in (None, "") for f in PERSONAL_FIELDS) and not row.get("withheld")
