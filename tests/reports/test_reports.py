"""The three printed reports, built from demo data in every language and read back with poppler."""

from __future__ import annotations

import re
from datetime import date

import pytest

from c4m_desktop.domain.enums import SectionKey, label
from c4m_desktop.domain.sites import SITES
from c4m_desktop.i18n import translator
from c4m_desktop.reports import business_plan, progress, synthesis
from c4m_desktop.reports.business_plan import FIGURE_ROWS, ReportCancelled
from c4m_desktop.reports.clusters import cluster_boundaries
from c4m_desktop.reports.paragraph import ScriptParagraph
from c4m_desktop.services import action_plans, business_plans, demo, queries

from .conftest import HARD, face_covers, poppler
from .test_pdf import assert_embedded

TODAY = date(2026, 11, 23)
LANGS = ("en", "th", "km", "vi", "lo", "my")
# The site whose plans each language's reports are made of (English prints Bagan's, in Latin
# text around a Myanmar local name).
SITE_OF = {"en": "BGN", "th": "AYU", "km": "SRP", "vi": "HUE", "lo": "LPB", "my": "BGN"}


@pytest.fixture
def demo_ws(ws):
    """The `ws` workspace with demo data: every site has a business plan and an action plan."""
    demo.generate(ws, associations=120, seed=3, today=TODAY)
    return ws


def plan_of(ws, site: str) -> dict:
    return next(p for p in queries.business_plans(ws, site=site))


def action_plan_of(ws, site: str) -> dict:
    return next(p for p in queries.action_plans(ws, site=site))


def squeeze(text: str) -> str:
    """Drop white space of every kind (pdftotext and Babel differ in spaces, NBSP, NNBSP)."""
    return re.sub(r"\s+", "", text)


def pdf_text(tmp_path, pdf) -> str:
    path = tmp_path / pdf.filename
    path.write_bytes(pdf.data)
    assert_embedded(path)
    pages = int(poppler("pdfinfo", str(path)).split("Pages:")[1].split()[0])
    assert pages == pdf.pages
    return poppler("pdftotext", "-raw", "-enc", "UTF-8", str(path), "-")


def check_paragraphs(parts: list[ScriptParagraph]) -> None:
    """Each drawn paragraph kept its text, set every run in a face that has its characters and
    started lines only between clusters."""
    assert parts
    for part in parts:
        assert "".join(line.text for line in part.lines) == part.text
        allowed = set(cluster_boundaries(part.text)) | {0}
        offset = part.lines[0].start if part.lines else 0
        for line in part.lines:
            assert line.start - offset in allowed, (part.text, line.text)
            for run in line.runs:
                assert face_covers(run.face, run.text), (run.text, run.face.family)


def in_order(text: str, needles: list[str]) -> bool:
    position = 0
    for needle in needles:
        position = text.find(needle, position)
        if position < 0:
            return False
        position += len(needle)
    return True


@pytest.mark.parametrize("lang", LANGS)
def test_business_plan_report(tmp_path, demo_ws, drawn, lang):
    ws, tr = demo_ws, translator(lang)
    plan = plan_of(ws, SITE_OF[lang])
    business_plans.set_section(ws, plan_id=plan["id"], key="marketing", body="")
    data = business_plan.gather(ws, plan_id=plan["id"])
    pdf = business_plan.render(data, lang=lang, today=TODAY)
    text = squeeze(pdf_text(tmp_path, pdf))
    check_paragraphs(drawn)

    # Cover: association (both names), plan title, translated labels, the date.
    assoc = data.association
    for name in (assoc.name_en, assoc.name_local, data.plan.title, tr.date(TODAY, "long")):
        assert squeeze(name) in text, name
    labels = ["Business plan", "Association", "Site", "Status", "Revenue", "Gross margin",
              "Net result", "Cumulative cash", "IPR assets", "Total"]
    for english in labels:
        assert squeeze(tr.gettext(english)) in text, english
    if lang != "en":  # the catalog did translate them, filled-in messages too
        assert sum(tr.gettext(e) != e for e in labels) == len(labels)
        assert tr.render("Page {page} of {pages}", page=1, pages=2) != "Page 1 of 2"
        assert tr.render("Business plan: {title}", title="x") != "Business plan: x"

    # Every section, in order, with its number; the empty ones marked.
    headings = [squeeze(f"{n}. {tr.gettext(label(k))}") for n, k in enumerate(SectionKey, 1)]
    assert in_order(text, headings + headings)  # the contents, then the sections themselves
    empty = [k for k, body in data.sections.items() if not body.strip()]
    assert "marketing" in empty
    assert text.count(squeeze(tr.gettext("Not written yet."))) == len(empty)
    for body in data.sections.values():
        if body.strip():
            assert squeeze(body) in text

    # The figures are business_plans.figures, formatted for the locale.
    figures = business_plans.figures(ws, plan_id=plan["id"])
    assert figures == data.figures
    for y in figures.years:
        for key, _label, _bold in FIGURE_ROWS:
            assert squeeze(tr.money(getattr(y, key), figures.currency)) in text, (key, y.year)
    for cash in figures.cumulative_cash:
        assert squeeze(tr.money(cash, figures.currency)) in text
    assert squeeze(tr.money(figures.totals.revenue, figures.currency)) in text
    break_even = (tr.render("Break-even year: {year}", year=figures.break_even_year)
                  if figures.break_even_year else tr.gettext("Break-even year: not within the plan"))
    assert squeeze(break_even) in text
    for asset in data.ipr_assets:
        assert squeeze(asset.title) in text

    # Running header and footer on every page after the cover.
    site = SITES[data.plan.site_code]
    header = business_plan.association_name(business_plan.Report(lang), assoc, site)
    assert text.count(squeeze(header)) >= pdf.pages - 1
    for page in (2, pdf.pages):
        footer = tr.render("Page {page} of {pages}", page=tr.number(page), pages=tr.number(pdf.pages))
        assert squeeze(footer) in text
    assert squeeze(tr.gettext("Signature")) in text


@pytest.mark.parametrize("lang", LANGS)
def test_progress_report(tmp_path, demo_ws, drawn, lang):
    ws, tr = demo_ws, translator(lang)
    plan = action_plan_of(ws, SITE_OF[lang])
    data = progress.gather(ws, plan_id=plan["id"])
    pdf = progress.render(data, lang=lang, today=TODAY)
    text = squeeze(pdf_text(tmp_path, pdf))
    check_paragraphs(drawn)

    assert squeeze(data.plan.title) in text
    for english in ("Activities", "Timeline", "Indicator achievement", "Responsible", "Baseline",
                    "Target", "Achieved", "today", "What was done", "Next steps"):
        assert squeeze(tr.gettext(english)) in text, english
    detail = action_plans.detail(ws, plan_id=plan["id"])
    late = [a for a in detail.activities if a.overdue(TODAY)]
    assert late, "the demo plan has overdue activities"
    summary = tr.render("{n} activities, {late} overdue", n=len(detail.activities), late=len(late))
    assert squeeze(summary) in text
    # "Overdue" marks each late row of the table, and the timeline's legend.
    assert text.count(squeeze(tr.gettext("Overdue"))) >= len(late) + 1
    for a in data.activities:
        rec = a.row.record
        assert squeeze(tr.date(rec.due_date)) in text
        if a.row.percent is not None:
            assert squeeze(tr.percent(a.row.percent)) in text
        if a.latest is not None and a.latest.actual_value is not None and rec.target:
            reached = progress.achievement(rec.target, a.latest.actual_value)
            assert squeeze(tr.percent(reached)) in text
            assert squeeze(a.latest.narrative) in text


@pytest.mark.parametrize("lang", ["en", "km"])
def test_synthesis_shows_the_five_sites(tmp_path, demo_ws, lang):
    tr = translator(lang)
    sites = synthesis.gather(demo_ws, today=TODAY)
    assert [s.code for s in sites] == list(SITES)
    assert [s.associations for s in sites] == [24] * 5  # 120 demo associations, round robin
    pdf = synthesis.render(sites, lang=lang, today=TODAY)
    text = squeeze(pdf_text(tmp_path, pdf))
    for site in SITES.values():
        assert squeeze(tr.gettext(site.name_en)) in text
    for english in ("Associations by site and sector", "Business plans by status",
                    "Activities by status", "Overdue activities"):
        assert squeeze(tr.gettext(english)) in text
    overdue = [s.overdue for s in sites]
    assert sum(overdue) == sum(p["overdue"] for p in queries.action_plans(demo_ws))
    for s in sites:
        if s.achievement is not None:
            assert squeeze(tr.percent(s.achievement)) in text


def test_hard_strings_in_a_plan(tmp_path, demo_ws, drawn):
    plan = plan_of(demo_ws, "SRP")
    strings = [s for values in HARD.values() for s in values]
    business_plans.set_section(demo_ws, plan_id=plan["id"], key="products", body="\n\n".join(strings))
    pdf = business_plan.build(demo_ws, plan_id=plan["id"], lang="km", today=TODAY)
    text = squeeze(pdf_text(tmp_path, pdf))
    check_paragraphs(drawn)
    for string in strings:
        assert squeeze(string) in text, string


def test_a_long_plan_breaks_across_pages_and_keeps_its_contents_right(tmp_path, demo_ws):
    plan = plan_of(demo_ws, "LPB")
    sentence = "ສະຫະກອນຕໍ່າແພໄໝຂອງບ້ານຜານົມ ຂາຍສິນຄ້າໃຫ້ນັກທ່ອງທ່ຽວທີ່ມາຢ້ຽມຢາມຫຼວງພະບາງ. "
    business_plans.set_section(demo_ws, plan_id=plan["id"], key="market", body=sentence * 120)
    pdf = business_plan.build(demo_ws, plan_id=plan["id"], lang="lo", today=TODAY)
    assert pdf.pages >= 6
    path = tmp_path / "long.pdf"
    path.write_bytes(pdf.data)
    tr = translator("lo")
    # The contents give the page each heading is on: check two against the page texts.
    pages = poppler("pdftotext", "-enc", "UTF-8", str(path), "-").split("\f")
    for key, n in (("risks", 10), ("ipr_strategy", 8)):
        heading = squeeze(f"{n}. {tr.gettext(label(SectionKey(key)))}")
        on = [i + 1 for i, page in enumerate(pages) if heading in squeeze(page)]
        assert len(on) == 2  # the contents page and the section's own page
        assert squeeze(pages[on[0] - 1]).count(heading + str(on[1])) == 1


def test_cancelling_stops_the_build(demo_ws):
    seen = []
    with pytest.raises(ReportCancelled):
        business_plan.build(demo_ws, plan_id=plan_of(demo_ws, "HUE")["id"], lang="vi",
                            progress=lambda done, total: seen.append((done, total)),
                            cancelled=lambda: len(seen) >= 3)
    assert seen and all(total >= done for done, total in seen)


def test_the_report_language_leaves_the_ui_language_alone():
    """Translators of several languages used at once, from two threads, while the UI is English."""
    from concurrent.futures import ThreadPoolExecutor

    from c4m_desktop import i18n

    assert i18n.language() == "en"
    expected = {lang: translator(lang).gettext("Revenue") for lang in LANGS}
    assert len(set(expected.values())) == len(LANGS)  # six different words

    def translate(lang: str) -> list[str]:
        return [translator(lang).gettext("Revenue") for _ in range(2000)]

    with ThreadPoolExecutor(2) as pool:
        for lang, words in zip(LANGS, pool.map(translate, LANGS), strict=True):
            assert set(words) == {expected[lang]}
    assert i18n.language() == "en" and i18n._("Revenue") == "Revenue"
    with pytest.raises(ValueError):
        translator("fr")


def test_numbers_dates_and_money_follow_the_report_locale():
    assert translator("vi").number(1234.5) == "1.234,5"
    assert translator("en").number(1234.5) == "1,234.5"
    assert translator("en").number(20.0) == "20"
    assert translator("vi").percent(18.1818) == "18,2%"
    assert translator("en").money(-1_000_000, "THB") == "-THB10,000.00"
    assert translator("km").date(TODAY, "long") == "23 វិច្ឆិកា 2026"


def test_fit_text_cuts_between_clusters():
    from reportlab.lib.units import mm

    from c4m_desktop.reports.business_plan import Report, fit_text
    from c4m_desktop.reports.paragraph import text_width

    style = Report("km").styles.cell
    text = "សហគមន៍ត្បាញសូត្រនៅខេត្តសៀមរាបបានបង្កើតផលិតផលថ្មី"
    assert fit_text(text, style, 500 * mm) == text
    short = fit_text(text, style, 20 * mm)
    assert short.endswith("…") and text_width(short, style) <= 20 * mm
    assert len(short) - 1 in cluster_boundaries(text)
