"""`c4m report business-plan|action-plan|synthesis`: printed reports as PDF files.

The report's language (``report ... --lang km``) is independent of the language of the
command's own messages (``c4m --lang en report ...``), which it defaults to.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from .. import i18n
from ..domain.messages import N_, UserError
from ..i18n import _
from ..reports.output import write_pdf

OK, FAILED, REJECTED = 0, 1, 2

UNKNOWN_LANGUAGE = N_("Unknown language {lang}; use one of {langs}.")
BAD_DATE = N_("{value} is not a date: use YYYY-MM-DD, e.g. 2026-03-31.")


def add_parsers(sub: Any) -> None:
    report = sub.add_parser("report", help=_("write a printable report as a PDF file"))
    kinds = report.add_subparsers(dest="report_kind", required=True, metavar="REPORT")
    for name, help_text, has_id in (
        ("business-plan", _("a business plan with its figures, ready to sign"), True),
        ("action-plan", _("the progress of an action plan"), True),
        ("synthesis", _("the five sites side by side (for MI)"), False),
    ):
        p = kinds.add_parser(name, help=help_text)
        if has_id:
            p.add_argument("id", help=_("the plan's id (see `c4m list`)"))
        p.add_argument("--lang", dest="report_lang", metavar="LANG",
                       help=_("language of the report: en, th, km, vi, lo, my (default: --lang)"))
        p.add_argument("--out", type=Path, required=True, metavar="FILE.pdf",
                       help=_("the PDF file to write"))
        p.add_argument("--date", dest="report_date", metavar="YYYY-MM-DD",
                       help=_("the date the report is made on (default: today)"))


def _report_date(text: str | None) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise UserError(BAD_DATE, value=text) from None




def cmd_report(args: argparse.Namespace) -> int:
    from ..reports import business_plan, progress, synthesis
    from ..services.workspace import Workspace

    lang = args.report_lang or args.lang
    if lang not in i18n.LANGUAGES:
        raise UserError(UNKNOWN_LANGUAGE, lang=lang, langs=", ".join(i18n.LANGUAGES))
    today = _report_date(args.report_date)
    builders: dict[str, Callable[..., Any]] = {
        "business-plan": lambda ws: business_plan.build(ws, plan_id=args.id, lang=lang, today=today),
        "action-plan": lambda ws: progress.build(ws, plan_id=args.id, lang=lang, today=today),
        "synthesis": lambda ws: synthesis.build(ws, lang=lang, today=today),
    }
    ws = Workspace.open(args.db, create=False)
    try:
        pdf = builders[args.report_kind](ws)
    finally:
        ws.close()
    write_pdf(args.out, pdf.data)
    print(i18n.ngettext("Wrote {path} ({n} page).", "Wrote {path} ({n} pages).", pdf.pages).format(
        path=args.out, n=pdf.pages))
    return OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"report": cmd_report}
