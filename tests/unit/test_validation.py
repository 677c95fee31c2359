"""Each rule gives the right field-level message, and services refuse invalid records whole."""

from __future__ import annotations

from datetime import date

import pytest

from c4m_desktop.domain.messages import ValidationError
from c4m_desktop.domain.validation import validate
from c4m_desktop.services import action_plans, associations, business_plans

GOOD_ASSOC = {"site_code": "SRP", "name_en": "Puok Silk Weaving Group", "kind": "artisan_group",
              "members_total": 20, "members_women": 15, "members_youth": 4}


def messages(kind, record):
    return {(p.field, p.english()) for p in validate(kind, record)}


def test_valid_association_has_no_problems():
    assert validate("association", GOOD_ASSOC) == []


@pytest.mark.parametrize(("change", "field", "text"), [
    ({"email": "sokha@mail"}, "email", "sokha@mail is not a valid e-mail address."),
    ({"members_total": -1, "members_women": 0, "members_youth": 0}, "members_total",
     "This number cannot be negative."),
    ({"members_women": 25}, "members_women", "Women members cannot exceed the total number of members (20)."),
    ({"members_youth": 21}, "members_youth", "Youth members cannot exceed the total number of members (20)."),
    ({"name_en": " ", "name_local": None}, "name_en", "Enter the name in English or in the local script."),
    ({"site_code": "XYZ"}, "site_code", "XYZ is not a Creative4Mekong site (AYU, SRP, HUE, LPB, BGN)."),
    ({"phone": "12"}, "phone", "Enter a phone number with at least 6 digits, e.g. +855 12 345 678."),
    ({"programme_stars": 3}, "programme_stars", "OVOP does not rate products with stars."),
    ({"kind": "club"}, "kind", "club is not one of the allowed choices."),
])
def test_association_rules(change, field, text):
    assert (field, text) in messages("association", GOOD_ASSOC | change)


def test_ocop_stars_start_at_three():
    hue = GOOD_ASSOC | {"site_code": "HUE"}
    assert ("programme_stars", "Enter a number from 3 to 5.") in messages("association", hue | {"programme_stars": 2})
    assert validate("association", hue | {"programme_stars": 4}) == []


def test_due_before_start():
    activity = {"plan_id": "p", "title": "Fair", "status": "not_started", "sort_order": 0,
                "start_date": date(2026, 5, 1), "due_date": date(2026, 4, 1)}
    assert ("due_date", "The due date cannot be before the start date.") in messages("activity", activity)


@pytest.mark.parametrize("percent", [100.5, -1])
def test_percent_outside_0_100(percent):
    update = {"activity_id": "a", "report_date": date(2026, 1, 5), "reported_by": "Dara",
              "status": "in_progress", "percent_complete": percent}
    assert ("percent_complete", "Enter a number from 0 to 100.") in messages("progress_update", update)


def test_unknown_currency_and_wrong_site_currency():
    plan = {"association_id": "a", "title": "Plan", "status": "draft", "start_year": 2026,
            "horizon_years": 3, "site_code": "SRP"}
    assert ("currency", "EUR is not a currency used in the programme.") in messages("business_plan", plan | {"currency": "EUR"})
    assert ("currency", "A plan of this site is kept in KHR / USD.") in messages("business_plan", plan | {"currency": "THB"})
    assert ("horizon_years", "Enter a number from 1 to 5.") in messages("business_plan", plan | {"currency": "KHR", "horizon_years": 6})


def test_money_is_never_a_float():
    line = {"plan_id": "p", "label": "Sales", "kind": "revenue", "year": 2026, "amount_minor": 1500.0}
    assert ("amount_minor", "Amounts are stored as whole minor units, never as fractions.") in messages("financial_line", line)


def test_ipr_office_must_fit_country_and_right():
    ipr = {"association_id": "a", "title": "Label", "ipr_type": "trademark", "status": "filed", "site_code": "SRP"}
    assert validate("ipr_asset", ipr | {"office": "KH-DIPR"}) == []
    assert ("office", "TH-DIP is not an intellectual property office of this country.") in messages(
        "ipr_asset", ipr | {"office": "TH-DIP"})
    assert ("office", "This office does not register this kind of right.") in messages(
        "ipr_asset", ipr | {"office": "KH-DCRR"})


def test_service_refuses_invalid_record_and_writes_nothing(ws):
    from c4m_desktop.services import queries

    with pytest.raises(ValidationError) as err:
        associations.create(ws, values=GOOD_ASSOC | {"members_women": 99, "email": "x"}, sectors=["crafts"])
    assert {p.field for p in err.value.problems} == {"members_women", "email"}
    assert queries.associations(ws) == []


def test_services_check_cross_record_rules(ws):
    a = associations.create(ws, values=GOOD_ASSOC, sectors=["crafts"]).record.record
    plan = business_plans.create(ws, values={"association_id": a.id, "title": "Plan", "start_year": 2026,
                                             "horizon_years": 3}).record
    with pytest.raises(ValidationError) as err:
        business_plans.add_line(ws, values={"plan_id": plan.id, "kind": "revenue", "label": "Sales",
                                            "year": 2030, "amount_minor": 100})
    assert err.value.problems[0].english() == "The year must be within the plan: 2026 to 2028."
    with pytest.raises(ValidationError) as err:
        action_plans.create(ws, values={"site_code": "SRP", "scope": "association", "owner": "Sokha",
                                        "title": "Plan", "status": "active"})
    assert err.value.for_field("association_id")[0].english() == "Choose the association this plan is for."
