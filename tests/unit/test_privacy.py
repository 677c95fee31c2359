"""Members' consent and "forget this person" on one install; the rules the editor shows."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select

from c4m_desktop import i18n
from c4m_desktop.domain import privacy as rules
from c4m_desktop.domain.messages import ValidationError
from c4m_desktop.domain.validation import validate
from c4m_desktop.services import associations, drafts, history, privacy, records
from c4m_desktop.store.models import History


def _association(ws) -> str:
    return associations.create(ws, values={"site_code": "SRP", "name_en": "Angkor Stone Carvers",
                                           "kind": "artisan_group"}, sectors=["crafts"]).record.record.id


def _problems(values: dict) -> dict[str, str]:
    base = {"association_id": "a", "site_code": "SRP", "name": "Dara", "kind": "artisan"}
    return {p.field: i18n.problem_text(p) for p in validate("member", base | values)}


def test_consent_rules_as_the_editor_shows_them():
    assert _problems({"consent": "given", "consent_date": date(2026, 5, 1), "phone": "012 345 678"}) == {}
    assert _problems({}) == {}  # not asked yet: allowed, the list shows it
    refused = _problems({"consent": "refused", "consent_date": date(2026, 5, 1), "phone": "012 345 678",
                         "birth_year": 1990})
    assert set(refused) == {"phone", "birth_year"}
    assert "Without the person's consent" in refused["phone"]
    assert set(_problems({"consent": "given"})) == {"consent_date"}
    assert set(_problems({"consent_date": date(2026, 5, 1)})) == {"consent"}
    assert set(_problems({"consent": "maybe", "consent_date": date(2026, 5, 1)})) == {"consent"}
    i18n.set_language("km")  # the autouse fixture sets English back
    khmer = _problems({"consent": "refused", "consent_date": date(2026, 5, 1), "email": "dara@example.org"})
    assert khmer["email"] and "consent" not in khmer["email"] and "ការ" in khmer["email"]


def test_forgetting_blanks_the_person_and_their_history(ws):
    member = records.create(ws, kind="member", values={
        "association_id": _association(ws), "name": "Dara Sok", "kind": "artisan", "gender": "male",
        "birth_year": 1979, "phone": "+855 17 222 333", "email": "dara@example.org", "products": "Stone lions",
        "notes": "Lives behind the pagoda", "consent": "given", "consent_date": date(2025, 11, 2)}).record
    records.update(ws, kind="member", row_id=member.id, changes={"notes": "Moved to Siem Reap town"})
    drafts.save(ws, kind="member", row_id=member.id, values={"name": "Dara Sok", "phone": "+855 17 222 333"})

    done = privacy.forget(ws, member_id=member.id, today=date(2026, 11, 23))
    row = done.record
    assert row.forgotten and (row.consent, row.consent_date) == ("withdrawn", date(2026, 11, 23))
    assert (row.name, row.birth_year, row.phone, row.email, row.products, row.notes) == ("", None, None, None,
                                                                                        None, None)
    assert (row.kind, row.gender) == ("artisan", "male")
    with ws.read() as s:
        kept = [(h.field, h.old, h.new) for h in s.scalars(select(History).where(History.row_id == member.id))]
    assert ("forgotten", "false", "true") in kept
    assert not [k for k in kept if k[0] in rules.PERSONAL_FIELDS and (k[1] or k[2])]
    assert history.for_record(ws, row_id=member.id)[0].field == "forgotten"
    assert drafts.load(ws, kind="member", row_id=member.id) is None

    with pytest.raises(privacy.AlreadyForgotten):
        privacy.forget(ws, member_id=member.id)
    with pytest.raises(ValidationError) as refused:
        records.update(ws, kind="member", row_id=member.id, changes={"name": "Dara Sok"})
    assert "was forgotten" in i18n.problem_text(refused.value.problems[0])
    # Still counted as a member of the association (kind and gender are not identifying alone).
    assert len(records.children(ws, kind="member", fk="association_id", parent_id=member.association_id)) == 1


def test_a_failed_forget_changes_nothing(ws):
    with pytest.raises(records.NotFound):
        privacy.forget(ws, member_id="no-such-member")


def test_withholding_and_settling_rules():
    row = {"name": "Dara", "phone": "012", "email": None, "withheld": None, "forgotten": False}
    out = rules.withhold(row)
    assert out["phone"] is None and out["withheld"] == "phone" and row["phone"] == "012"
    assert rules.withhold({"phone": None, "email": None, "withheld": None}) == {"phone": None, "email": None,
                                                                                "withheld": None}
    mine = {"name": "Dara", "phone": "012", "email": "d@x.org", "withheld": None, "forgotten": False}
    theirs = {"name": "Dara S.", "phone": None, "email": None, "withheld": "email,phone", "forgotten": False}
    settled = rules.settle(mine, theirs, theirs)
    assert (settled["name"], settled["phone"], settled["email"], settled["withheld"]) == ("Dara S.", "012",
                                                                                          "d@x.org", None)
    gone = rules.scrub(mine, on=date(2026, 1, 1))
    assert rules.settle(gone, theirs, theirs)["forgotten"] is True  # whichever version won
    assert rules.settle(theirs, gone, gone) is gone
    assert rules.still_withheld("email,phone", ["phone", "name"]) == "email"
    assert rules.still_withheld("phone", ["phone"]) is None
