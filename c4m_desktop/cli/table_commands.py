"""`c4m export-table associations|business-plans|action-plans|ipr`: one list as XLSX or CSV for Excel.

The table's language (``export-table ... --lang km``) is independent of the language of the
command's own messages (``c4m --lang en export-table ...``), which it defaults to.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import i18n
from ..i18n import _

OK, FAILED, REJECTED = 0, 1, 2
TABLES = ("associations", "business-plans", "action-plans", "ipr")


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("export-table", help=_("write one list as an Excel (XLSX) or CSV file"))
    p.add_argument("table", choices=TABLES)
    p.add_argument("--site", help=_("only this site: AYU, SRP, HUE, LPB or BGN"))
    p.add_argument("--search", help=_("only rows whose name or title contains this text"))
    p.add_argument("--status", help=_("only this status (plans and IPR)"))
    p.add_argument("--sector", help=_("only this sector (associations)"))
    p.add_argument("--kind", help=_("only this kind (associations)"))
    p.add_argument("--type", dest="ipr_type", metavar="TYPE", help=_("only this type of right (IPR)"))
    p.add_argument("--overdue", action="store_true", help=_("only plans with overdue activities (action plans)"))
    p.add_argument("--format", dest="table_format", choices=("xlsx", "csv"),
                   help=_("xlsx or csv (UTF-8 with BOM); default: csv for a .csv file name, else xlsx"))
    p.add_argument("--lang", dest="table_lang", metavar="LANG",
                   help=_("language of headers and values: en, th, km, vi, lo, my (default: --lang)"))
    p.add_argument("--out", type=Path, required=True, metavar="FILE", help=_("the file to write"))


def cmd_export_table(args: argparse.Namespace) -> int:
    from ..services import table_export
    from ..services.workspace import Workspace

    fmt = args.table_format or ("csv" if args.out.suffix.lower() == ".csv" else "xlsx")
    filters = {"site": args.site.upper() if args.site else None, "search": args.search, "status": args.status,
               "sector": args.sector, "kind": args.kind, "ipr_type": args.ipr_type, "overdue": args.overdue}
    lang = args.table_lang or args.lang
    table_export.check_filters(args.table, filters)  # a wrong filter is refused before the database is opened
    ws = Workspace.open(args.db, create=False)
    try:
        result = table_export.export_table(ws, args.table, args.out, fmt=fmt, lang=lang, filters=filters)
    finally:
        ws.close()
    print(i18n.ngettext("Wrote {path} ({n} row).", "Wrote {path} ({n} rows).", result.rows).format(
        path=result.path, n=result.rows))
    return OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"export-table": cmd_export_table}
