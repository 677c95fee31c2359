"""Closed vocabularies of the data model, each value with an English label to translate."""

from __future__ import annotations

from enum import StrEnum

from .messages import N_


class AssociationKind(StrEnum):
    ASSOCIATION = "association"
    COOPERATIVE = "cooperative"
    HUB = "hub"
    CLUSTER = "cluster"
    ENTERPRISE = "enterprise"
    ARTISAN_GROUP = "artisan_group"
    INFORMAL_GROUP = "informal_group"


class LegalStatus(StrEnum):
    REGISTERED = "registered"
    IN_PROCESS = "in_process"
    UNREGISTERED = "unregistered"


class MemberKind(StrEnum):
    ENTERPRISE = "enterprise"
    ARTISAN = "artisan"


class Gender(StrEnum):
    FEMALE = "female"
    MALE = "male"
    OTHER = "other"
    UNSPECIFIED = "unspecified"


class Consent(StrEnum):
    GIVEN = "given"
    REFUSED = "refused"
    WITHDRAWN = "withdrawn"


class IPRType(StrEnum):
    COPYRIGHT = "copyright"
    TRADEMARK = "trademark"
    GEOGRAPHICAL_INDICATION = "geographical_indication"
    INDUSTRIAL_DESIGN = "industrial_design"
    PATENT = "patent"
    TRADITIONAL_KNOWLEDGE = "traditional_knowledge"


class IPRStatus(StrEnum):
    IDENTIFIED = "identified"
    PREPARED = "prepared"
    FILED = "filed"
    REGISTERED = "registered"
    REFUSED = "refused"
    EXPIRED = "expired"


class PlanStatus(StrEnum):
    DRAFT = "draft"
    IN_REVIEW = "in_review"
    FINAL = "final"


class SectionKey(StrEnum):
    EXECUTIVE_SUMMARY = "executive_summary"
    ORGANISATION = "organisation"
    PRODUCTS = "products"
    MARKET = "market"
    MARKETING = "marketing"
    OPERATIONS = "operations"
    MANAGEMENT = "management"
    IPR_STRATEGY = "ipr_strategy"
    SUSTAINABILITY = "sustainability"
    RISKS = "risks"
    FUNDING = "funding"


class FinancialKind(StrEnum):
    REVENUE = "revenue"
    COST_OF_SALES = "cost_of_sales"
    OPERATING_EXPENSE = "operating_expense"
    INVESTMENT = "investment"
    FUNDING = "funding"


class ActionPlanScope(StrEnum):
    COUNTRY = "country"
    SITE = "site"
    ASSOCIATION = "association"
    INDIVIDUAL = "individual"


class ActionPlanStatus(StrEnum):
    DRAFT = "draft"
    ACTIVE = "active"
    COMPLETED = "completed"
    CANCELLED = "cancelled"


class ActivityStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"
    CANCELLED = "cancelled"


class Role(StrEnum):
    SITE = "site"
    HQ = "hq"


# Pairs, not a dict literal: StrEnum members hash and compare as their string value, so
# ActionPlanScope.SITE and Role.SITE (or FinancialKind.FUNDING and SectionKey.FUNDING) would
# overwrite each other as keys of one dict.
_PAIRS: tuple[tuple[StrEnum, str], ...] = (
    (AssociationKind.ASSOCIATION, N_("Association")),
    (AssociationKind.COOPERATIVE, N_("Cooperative")),
    (AssociationKind.HUB, N_("Creative hub")),
    (AssociationKind.CLUSTER, N_("Cluster")),
    (AssociationKind.ENTERPRISE, N_("Enterprise")),
    (AssociationKind.ARTISAN_GROUP, N_("Artisan group")),
    (AssociationKind.INFORMAL_GROUP, N_("Informal group")),
    (LegalStatus.REGISTERED, N_("Registered")),
    (LegalStatus.IN_PROCESS, N_("Registration in process")),
    (LegalStatus.UNREGISTERED, N_("Not registered")),
    (MemberKind.ENTERPRISE, N_("Enterprise")),
    (MemberKind.ARTISAN, N_("Artisan")),
    (Gender.FEMALE, N_("Female")),
    (Gender.MALE, N_("Male")),
    (Gender.OTHER, N_("Other")),
    (Gender.UNSPECIFIED, N_("Not stated")),
    (IPRType.COPYRIGHT, N_("Copyright")),
    (IPRType.TRADEMARK, N_("Trademark")),
    (IPRType.GEOGRAPHICAL_INDICATION, N_("Geographical indication")),
    (IPRType.INDUSTRIAL_DESIGN, N_("Industrial design")),
    (IPRType.PATENT, N_("Patent or utility model")),
    (IPRType.TRADITIONAL_KNOWLEDGE, N_("Traditional knowledge or cultural expression")),
    (IPRStatus.IDENTIFIED, N_("Identified")),
    (IPRStatus.PREPARED, N_("Prepared")),
    (IPRStatus.FILED, N_("Filed")),
    (IPRStatus.REGISTERED, N_("Registered")),
    (IPRStatus.REFUSED, N_("Refused")),
    (IPRStatus.EXPIRED, N_("Expired")),
    (PlanStatus.DRAFT, N_("Draft")),
    (PlanStatus.IN_REVIEW, N_("In review")),
    (PlanStatus.FINAL, N_("Final")),
    (SectionKey.EXECUTIVE_SUMMARY, N_("Executive summary")),
    (SectionKey.ORGANISATION, N_("Organisation and governance")),
    (SectionKey.PRODUCTS, N_("Products and services")),
    (SectionKey.MARKET, N_("Market and customers")),
    (SectionKey.MARKETING, N_("Marketing and sales")),
    (SectionKey.OPERATIONS, N_("Operations")),
    (SectionKey.MANAGEMENT, N_("Management and staffing")),
    (SectionKey.IPR_STRATEGY, N_("Intellectual property strategy")),
    (SectionKey.SUSTAINABILITY, N_("Sustainability and green practice")),
    (SectionKey.RISKS, N_("Risks and mitigation")),
    (SectionKey.FUNDING, N_("Funding needs and sources")),
    (FinancialKind.REVENUE, N_("Revenue")),
    (FinancialKind.COST_OF_SALES, N_("Cost of sales")),
    (FinancialKind.OPERATING_EXPENSE, N_("Operating expense")),
    (FinancialKind.INVESTMENT, N_("Investment")),
    (FinancialKind.FUNDING, N_("Funding")),
    (ActionPlanScope.COUNTRY, N_("Country")),
    (ActionPlanScope.SITE, N_("Site")),
    (ActionPlanScope.ASSOCIATION, N_("Association")),
    (ActionPlanScope.INDIVIDUAL, N_("Individual")),
    (ActionPlanStatus.DRAFT, N_("Draft")),
    (ActionPlanStatus.ACTIVE, N_("Active")),
    (ActionPlanStatus.COMPLETED, N_("Completed")),
    (ActionPlanStatus.CANCELLED, N_("Cancelled")),
    (ActivityStatus.NOT_STARTED, N_("Not started")),
    (ActivityStatus.IN_PROGRESS, N_("In progress")),
    (ActivityStatus.DONE, N_("Done")),
    (ActivityStatus.DELAYED, N_("Delayed")),
    (ActivityStatus.CANCELLED, N_("Cancelled")),
    (Consent.GIVEN, N_("Consent given")),
    (Consent.REFUSED, N_("Consent refused")),
    (Consent.WITHDRAWN, N_("Consent withdrawn")),
    (Role.SITE, N_("Site coordinator")),
    (Role.HQ, N_("MI headquarters")),
)


_BY_TYPE: dict[tuple[type, str], str] = {(type(m), m.value): text for m, text in _PAIRS}


def label(member: StrEnum) -> str:
    """Return the English label (to translate) of an enum member."""
    return _BY_TYPE[(type(member), member.value)]
