"""`c4m import-table FILE --kind associations|members`: bring a spreadsheet (Kobo/ODK export, XLSX, CSV) in.

A mapping file (``--mapping``, written by ``--save-mapping``, the same as the wizard's) is described in
``services.import_fields``.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import i18n
from ..i18n import _
from ..services.import_fields import ColumnMapping, parse_fixed, read_mapping, write_mapping

OK = 0


def add_parsers(sub: Any) -> None:
    p = sub.add_parser("import-table", help=_("import associations or members from a spreadsheet (XLSX or CSV)"))
    p.add_argument("file", type=Path)
    p.add_argument("--kind", required=True, choices=("associations", "members"))
    p.add_argument("--sheet", help=_("the sheet to read (default: the first)"))
    p.add_argument("--mapping", type=Path, metavar="MAP.json", help=_("columns and values mapped as in this file"))
    p.add_argument("--save-mapping", type=Path, metavar="MAP.json", help=_("write the mapping used to this file"))
    p.add_argument("--set", dest="fixed", action="append", default=[], metavar="FIELD=VALUE",
                   help=_("give a field one value for every row that leaves it empty, e.g. --set kind=artisan"))
    p.add_argument("--near", choices=("merge", "new", "skip"), default="skip",
                   help=_("what to do with a row whose name is close to one already here (default: skip)"))
    p.add_argument("--rejected", type=Path, metavar="FILE.xlsx",
                   help=_("save rejected rows with a Problem column, to fix and import again"))
    p.add_argument("--dry-run", action="store_true", help=_("check and report, write nothing"))
    p.add_argument("--json", action="store_true")


def cmd_import_table(args: argparse.Namespace) -> int:
    from ..services import backups, device, sheets, table_import
    from ..services.workspace import Workspace

    sheet = sheets.open_sheet(args.file, args.sheet)  # a bad file is refused before the database is opened
    m = read_mapping(args.mapping, sheet.headers) if args.mapping else ColumnMapping()
    m.fixed.update(parse_fixed(args.fixed))
    ws = Workspace.open(args.db, create=False)
    try:
        info = device.current(ws)
        plan = table_import.plan(ws, sheet, kind=args.kind, file_name=args.file.name, mapping=m.columns,
                                 value_maps=m.values, fixed=m.fixed, default_site=info.site_code if info else None)
        result = None
        if not args.dry_run:
            missing = backups.before(ws, "before-import")
            if missing is not None:
                print(f"c4m: {i18n.error_text(missing)}", file=sys.stderr)
            result = table_import.apply(ws, plan, near=args.near)
    finally:
        ws.close()
    if args.save_mapping:
        m.columns = plan.mapping
        write_mapping(args.save_mapping, args.kind, plan.headers, m)
    if args.rejected and plan.counts()["rejected"]:
        table_import.write_rejected(plan, args.rejected)
    _report(args, plan, result)
    return OK


def _report(args: argparse.Namespace, plan: Any, result: Any) -> None:
    from ..services import table_import

    tr = i18n.translator(i18n.language())
    counts = plan.counts()
    rows = [r for r in plan.rows if r.action in ("rejected", "near", "duplicate")]
    if args.json:
        print(json.dumps({
            "counts": counts, "dry_run": args.dry_run,
            "result": None if result is None else vars(result),
            "mapping": {plan.headers[i]: f for i, f in sorted(plan.mapping.items())},
            "rows": [{"row": r.number, "action": r.action, "match": r.match_name,
                      "problems": [{"field": p.field, "message": table_import.problem_text(plan.kind, p, tr)}
                                   for p in r.problems]}
                     for r in rows]}, ensure_ascii=False))
        return
    for r in rows:
        if r.action == "rejected":
            why = "; ".join(table_import.problem_text(plan.kind, p, tr) for p in r.problems)
            print(_("Row {row}: rejected: {why}").format(row=r.number, why=why))
        elif r.action == "near":
            print(_("Row {row}: close to {name}, already here ({choice}).").format(
                row=r.number, name=r.match_name, choice=args.near))
    if result is None:
        print(_("Checked {read} rows: {new} new, {update} to update, {unchanged} unchanged, {duplicate} duplicates, "
                "{near} close to a record here, {rejected} rejected. Nothing was written.").format(**counts))
    else:
        print(_("Read {read} rows: {imported} imported, {updated} updated, {rejected} rejected, {skipped} skipped "
                "(duplicates or unchanged).").format(**vars(result)))


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"import-table": cmd_import_table}
