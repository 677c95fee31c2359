"""Realistic demo data for all five sites, written in one transaction through the record rules.

Content is reproducible for a seed; ids are fresh each run. ``records`` counts associations;
members, IPR assets, business plans and action plans follow in realistic proportions.
"""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, cast

from ..domain.enums import (
    ActionPlanScope,
    ActionPlanStatus,
    ActivityStatus,
    FinancialKind,
    Gender,
    IPRStatus,
    IPRType,
    LegalStatus,
    PlanStatus,
    SectionKey,
)
from ..domain.ipr_offices import offices_for
from ..domain.money import digits
from ..domain.programmes import PROGRAMMES
from ..domain.sites import SITES
from . import records
from .demo_themes import THEMES, Craft, SiteTheme
from .workspace import Workspace, WriteTxn

# Parents before children, so foreign keys hold at every insert.
ORDER = ("association", "association_sector", "member", "ipr_asset", "business_plan",
         "business_plan_section", "financial_line", "action_plan", "activity", "progress_update")
CHUNK = 2000

SECTION_TEXT = {
    SectionKey.EXECUTIVE_SUMMARY: "{name} makes {product} in {place}. This plan sets out how the group "
                                  "will grow sales to visitors of {site} and to buyers in the capital.",
    SectionKey.ORGANISATION: "{kind} of {members} members ({women} women), with an elected committee "
                             "that meets monthly. Contact: {contact}.",
    SectionKey.PRODUCTS: "Core products: {product}. New line planned: gift sets with the story of the craft.",
    SectionKey.MARKET: "Buyers are tourists visiting {site}, hotels and gift shops; "
                       "a demonstration workshop links the group to tour operators.",
    SectionKey.MARKETING: "Sales at the heritage site market, through two hotel shops and online with photos "
                          "taken by the youth members.",
    SectionKey.OPERATIONS: "Members work from home workshops; the group buys materials together and checks quality "
                           "before sale.",
    SectionKey.MANAGEMENT: "The chair manages buyers; the treasurer keeps accounts; two youth members run social media.",
    SectionKey.IPR_STRATEGY: "Register a collective trademark for the group's label and record the craft's "
                             "traditional knowledge.",
    SectionKey.SUSTAINABILITY: "Natural dyes and local materials; waste offcuts are sold for small items.",
    SectionKey.RISKS: "Tourist numbers fall in the rainy season: mitigate with orders from hotels and online sales.",
    SectionKey.FUNDING: "A small grant for equipment in the first year; the rest from members' savings and sales.",
}

ACTIVITIES = (
    ("Baseline survey of members' sales", "survey report", "Members surveyed", "members"),
    ("Product design workshop", "new product prototypes", "New products developed", "products"),
    ("Trademark application for the group label", "filed application", "Applications filed", "applications"),
    ("Tour operator matchmaking day", "signed agreements", "Agreements with tour operators", "agreements"),
    ("Bookkeeping training", "trained treasurers", "People trained", "people"),
    ("Join the heritage site craft fair", "fair stall", "Sales at the fair", "USD"),
    ("Photo catalogue and online shop", "online catalogue", "Products online", "products"),
)


@dataclass(frozen=True)
class Shares:
    """How much hangs off each association: the demo's realistic mix by default; benchmarks ask for more."""

    business_plan: float = 0.05
    action_plan: float = 0.02
    activities: tuple[int, int] = (4, 7)  # per action plan, inclusive range
    updates: tuple[int, int] = (1, 3)  # per started activity
    future_updates: bool = False  # also report on activities not started yet (benchmark volume)


@dataclass
class DemoSummary:
    counts: dict[str, int]


def _money(rng: random.Random, usd: int, currency: str, rate: int) -> int:
    """Return a plausible amount in minor units, rounded as people round such figures."""
    major = usd * rate * rng.uniform(0.8, 1.25)
    unit = 1000 if rate >= 1000 else 100
    return int(round(major / unit) * unit) * 10 ** digits(currency)


class _Generator:
    def __init__(self, txn: WriteTxn, rng: random.Random, today: date, shares: Shares = Shares()):
        self.txn, self.rng, self.today, self.shares = txn, rng, today, shares
        self.rows: dict[str, list[dict[str, Any]]] = defaultdict(list)
        self.counts: dict[str, int] = defaultdict(int)
        self.serial: dict[tuple[str, str], int] = defaultdict(int)

    def add(self, kind: str, values: dict[str, Any], **kw: Any) -> dict[str, Any]:
        row = records.prepare_new(self.txn, kind, values, **kw)
        self.rows[kind].append(row)
        self.counts[kind] += 1
        return row

    def flush(self) -> None:
        for kind in ORDER:
            records.insert_rows(self.txn, kind, self.rows.pop(kind, []))
        self.txn.flush_history()

    def association(self, site_code: str) -> None:
        rng, theme = self.rng, THEMES[site_code]
        craft = rng.choice(theme.crafts)
        place_en, place_local = rng.choice(theme.places)
        kind, word_en, word_local = rng.choice(theme.kinds)
        name_en = f"{place_en} {craft.en} {word_en}"
        name_local = (f"{word_local}{craft.local}{place_local}" if theme.group_word_first and site_code != "HUE"
                      else f"{word_local} {craft.local} {place_local}" if site_code == "HUE"
                      else f"{place_local}{craft.local}{word_local}")
        n = self.serial[(site_code, name_en)] = self.serial[(site_code, name_en)] + 1
        if n > 1:
            name_en, name_local = f"{name_en} {n}", f"{name_local} {n}"
        total = rng.randint(5, 120)
        women = rng.randint(total // 3, total)
        registered = rng.random() < 0.6
        contact = rng.choice(theme.people)
        prog = PROGRAMMES[SITES[site_code].country]
        listed = rng.random() < 0.35
        values = {
            "site_code": site_code, "name_en": name_en, "name_local": name_local, "kind": kind,
            "district": place_en, "village": place_local,
            "legal_status": (LegalStatus.REGISTERED if registered else rng.choice(
                [LegalStatus.IN_PROCESS, LegalStatus.UNREGISTERED])).value,
            "registration_no": f"{site_code}-{rng.randint(1000, 99999)}" if registered else None,
            "year_founded": rng.randint(1985, self.today.year),
            "members_total": total, "members_women": women, "members_youth": rng.randint(0, total // 2),
            "contact_person": contact,
            "phone": f"{theme.phone_prefix}{rng.randint(1000000, 9999999)}",
            "email": f"contact{rng.randint(1, 9999)}@{place_en.lower().replace(' ', '').replace('-', '')}.example",
            "products": craft.product,
            "programme_product": craft.product if listed else None,
            "programme_year": rng.randint(2010, self.today.year) if listed else None,
            "programme_stars": (rng.randint(cast(int, prog.min_stars), cast(int, prog.max_stars))
                                if listed and prog.rates else None),  # rates: the stars are set
            "notes": "Demo record.",
        }
        a = self.add("association", values)
        sectors = {craft.sector} | ({"cultural_tourism"} if rng.random() < 0.4 else set())
        for code in sorted(sectors):
            self.add("association_sector", {"association_id": a["id"], "sector": code},
                     row_id=records.derived_id("association_sector", a["id"], code))
        for _ in range(rng.choice((0, 1, 1, 2, 2, 3))):
            self.member(a, theme, craft)
        if rng.random() < 0.2:
            self.ipr(a, craft)
        if rng.random() < self.shares.business_plan:
            self.business_plan(a, theme, craft, place_en)
        if rng.random() < self.shares.action_plan:
            self.action_plan(site_code, theme, a)

    def member(self, a: dict[str, Any], theme: SiteTheme, craft: Craft) -> None:
        rng = self.rng
        self.add("member", {
            "association_id": a["id"], "name": rng.choice(theme.people), "kind": rng.choice(["artisan", "enterprise"]),
            "gender": rng.choice([Gender.FEMALE, Gender.FEMALE, Gender.MALE, Gender.UNSPECIFIED]).value,
            "birth_year": rng.randint(1950, 2006), "products": craft.product,
            # Recorded at the registration meeting, as the consent form asks (no draw: demo data stays stable).
            "consent": "given", "consent_date": a["created_at"].date(),
        })

    def ipr(self, a: dict[str, Any], craft: Craft) -> None:
        rng = self.rng
        country = SITES[a["site_code"]].country
        ipr_type = rng.choice([IPRType.TRADEMARK, IPRType.TRADEMARK, IPRType.COPYRIGHT,
                               IPRType.INDUSTRIAL_DESIGN, IPRType.TRADITIONAL_KNOWLEDGE])
        offices = offices_for(country, ipr_type)
        status = rng.choice(list(IPRStatus)) if offices else IPRStatus.IDENTIFIED
        filed = self.today - timedelta(days=rng.randint(60, 1500))
        is_filed = status in (IPRStatus.FILED, IPRStatus.REGISTERED, IPRStatus.REFUSED, IPRStatus.EXPIRED)
        registered = filed + timedelta(days=rng.randint(120, 500)) if status in (
            IPRStatus.REGISTERED, IPRStatus.EXPIRED) else None
        self.add("ipr_asset", {
            "association_id": a["id"], "ipr_type": ipr_type.value, "status": status.value,
            "title": f"{craft.en} label of {a['name_en']}" if ipr_type == IPRType.TRADEMARK else craft.product,
            "office": offices[0].code if offices and is_filed else None,
            "application_no": f"{rng.randint(1, 9)}{rng.randint(100000, 999999)}" if is_filed else None,
            "filing_date": filed if is_filed else None,
            "registration_date": registered,
            "renewal_date": registered + timedelta(days=3652) if registered else None,  # ten years
        })

    def business_plan(self, a: dict[str, Any], theme: SiteTheme, craft: Craft, place: str) -> None:
        rng = self.rng
        site = SITES[a["site_code"]]
        start = self.today.year + rng.choice((-1, 0, 0, 1))
        plan = self.add("business_plan", {
            "association_id": a["id"], "title": f"Business plan {start}–{start + 2}: {a['name_en']}",
            "status": rng.choice(list(PlanStatus)).value, "start_year": start, "horizon_years": 3,
            "currency": site.currency,
        })
        fill = {"name": a["name_en"], "product": craft.product.lower(), "place": place, "site": site.name_en,
                "kind": a["kind"].replace("_", " ").capitalize(), "members": a["members_total"],
                "women": a["members_women"], "contact": a["contact_person"]}
        for key in SectionKey:
            body = SECTION_TEXT[key].format(**fill) if rng.random() < 0.85 else ""
            self.add("business_plan_section", {"plan_id": plan["id"], "key": key.value, "body": body},
                     row_id=records.derived_id("business_plan_section", plan["id"], key.value))
        base = rng.randint(8, 60) * 1000  # first-year sales in USD
        for i, year in enumerate(range(start, start + 3)):
            growth = 1 + 0.25 * i
            lines = (
                (FinancialKind.REVENUE, f"Sales of {craft.en.lower()} products", base * growth),
                (FinancialKind.REVENUE, "Workshops for visitors", base * 0.2 * growth),
                (FinancialKind.COST_OF_SALES, "Materials", base * 0.45 * growth),
                (FinancialKind.OPERATING_EXPENSE, "Shop rent and utilities", base * 0.15),
                (FinancialKind.OPERATING_EXPENSE, "Marketing", base * 0.08 * growth),
            ) + (((FinancialKind.INVESTMENT, "Equipment", base * 0.3),
                  (FinancialKind.FUNDING, "Programme grant", base * 0.25)) if i == 0 else ())
            for kind, label, usd in lines:
                self.add("financial_line", {"plan_id": plan["id"], "kind": kind.value, "label": label, "year": year,
                                            "amount_minor": _money(rng, int(usd), site.currency, theme.usd_rate)})

    def action_plan(self, site_code: str, theme: SiteTheme, a: dict[str, Any] | None) -> None:
        rng, today = self.rng, self.today
        start = date(today.year, 1, 1) if rng.random() < 0.7 else date(today.year - 1, 7, 1)
        end = date(start.year + 1, 12, 31)
        scope = ActionPlanScope.ASSOCIATION if a else ActionPlanScope.SITE
        owner = rng.choice(theme.people)
        title = (f"Action plan {start.year}–{end.year}: {a['name_en']}" if a
                 else f"{SITES[site_code].name_en} site action plan {start.year}–{end.year}")
        plan = self.add("action_plan", {
            "site_code": site_code, "scope": scope.value, "owner": owner, "title": title,
            "objective": "Raise members' income from heritage tourism and protect the craft's identity.",
            "period_start": start, "period_end": end, "status": ActionPlanStatus.ACTIVE.value,
            "currency": SITES[site_code].currency, "association_id": a["id"] if a else None,
        })
        n = rng.randint(*self.shares.activities)
        chosen = rng.sample(ACTIVITIES, n) if n <= len(ACTIVITIES) else rng.choices(ACTIVITIES, k=n)
        for order, (title, deliverable, indicator, unit) in enumerate(chosen):
            s = start + timedelta(days=rng.randint(0, 400))
            due = s + timedelta(days=rng.randint(20, 180))
            target = rng.choice((5, 10, 20, 40, 100))
            act = self.add("activity", {
                "plan_id": plan["id"], "title": title, "responsible": rng.choice(theme.people),
                "start_date": s, "due_date": due, "deliverable": deliverable, "indicator": indicator,
                "unit": unit, "baseline": 0.0, "target": float(target),
                "budget_minor": _money(rng, rng.randint(2, 20) * 100, SITES[site_code].currency, theme.usd_rate),
                "status": ActivityStatus.NOT_STARTED.value, "sort_order": order,
            })
            self.progress(act, s, due, target, owner)

    def progress(self, act: dict[str, Any], start: date, due: date, target: int, owner: str) -> None:
        rng, today = self.rng, self.today
        if start > today and not self.shares.future_updates:
            return
        percent = 0.0
        n = rng.randint(*self.shares.updates)
        for i in range(n):
            when = min(today, start + (due - start) * (i + 1) / n)
            percent = min(100.0, percent + rng.choice((10, 20, 25, 40, 50)))
            status = (ActivityStatus.DONE if percent >= 100 else
                      ActivityStatus.DELAYED if when >= due else ActivityStatus.IN_PROGRESS)
            self.add("progress_update", {
                "activity_id": act["id"], "report_date": when, "percent_complete": percent,
                "actual_value": round(target * percent / 100), "status": status.value,
                "narrative": f"{int(percent)}% done; members took part actively.",
                "challenges": rng.choice(("Rainy season slowed work.", "Materials arrived late.", None)),
                "next_steps": "Continue as planned and report next month.", "reported_by": owner,
            })
            # The activity (not inserted yet) carries its latest status, as add_progress does.
            act["status"] = status.value


def generate(ws: Workspace, *, associations: int, seed: int = 1, today: date | None = None,
             progress: Callable[[int, int], None] | None = None,
             cancelled: Callable[[], bool] | None = None, shares: Shares = Shares()) -> DemoSummary:
    """Write demo data for every site in one transaction; cancelling writes nothing."""
    if associations < 0:
        raise ValueError("associations must be >= 0")
    rng = random.Random(seed)
    today = today or date.today()
    codes = list(SITES)
    with ws.write(source="demo", track_ids=False) as txn:
        gen = _Generator(txn, rng, today, shares)
        for code in codes:
            gen.action_plan(code, THEMES[code], None)
        for i in range(associations):
            gen.association(codes[i % len(codes)])
            if (i + 1) % CHUNK == 0:
                gen.flush()
                if cancelled and cancelled():
                    raise DemoCancelled()
                if progress:
                    progress(i + 1, associations)
        gen.flush()
        if progress:
            progress(associations, associations)
    return DemoSummary(dict(gen.counts))


class DemoCancelled(Exception):
    """The person cancelled; the transaction was rolled back."""


def fresh_demo_workspace(path, *, associations: int = 300, site_code: str = "SRP") -> Workspace:
    """Replace the demo database at path with a new one full of demo data, and open it.

    Only ever called on the demo file, never on the real database.
    """
    from pathlib import Path

    from . import device

    path = Path(path)
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    ws = Workspace.open(path)
    device.initialise(ws, site_code=site_code, coordinator="Demo coordinator", role="hq",
                      language="en", mi_email="c4m@example.org")
    generate(ws, associations=associations)
    return ws
