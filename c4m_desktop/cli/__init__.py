"""The `c4m` command: the app's services without Qt, for MI's batch work, IT helpers and tests.

Exit codes: 0 success, 1 failure, 2 rejected input (with a one-line reason on stderr).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
import traceback
from collections.abc import Callable, Sequence
from typing import Any

from .. import __version__, i18n
from ..domain.enums import Role
from ..domain.messages import UserError, ValidationError
from ..i18n import _
from . import backup_commands, import_commands, report_commands, sync_commands, table_commands
from .sync_commands import FAILED, OK, REJECTED


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="c4m", description=_("Creative4Mekong records from the command line."))
    p.add_argument("--version", action="version", version=f"c4m {__version__}")
    p.add_argument("--db", metavar="PATH-or-URL",
                   help=_("database file or SQLAlchemy URL (default: the per-user data folder)"))
    p.add_argument("--lang", default="en", help=_("language of messages: en, th, km, vi, lo, my"))
    sub = p.add_subparsers(dest="command", required=True, metavar="COMMAND")

    init = sub.add_parser("init", help=_("set up this install for a site"))
    init.add_argument("--site", required=True, help="AYU, SRP, HUE, LPB or BGN")
    init.add_argument("--coordinator", required=True, help=_("the coordinator's name"))
    init.add_argument("--role", default=Role.SITE.value, help=_("site (default) or hq for MI"))
    init.add_argument("--language", help=_("UI language (default: the site's)"))
    init.add_argument("--mi-email", help=_("MI's e-mail address for exports"))

    demo = sub.add_parser("demo", help=_("add realistic demo data for all five sites"))
    demo.add_argument("--records", type=int, default=500, help=_("how many associations (default 500)"))
    demo.add_argument("--seed", type=int, default=1)

    ls = sub.add_parser("list", help=_("list records"))
    ls.add_argument("what", choices=("associations", "business-plans", "action-plans"))
    ls.add_argument("--site")
    ls.add_argument("--search")
    ls.add_argument("--limit", type=int)
    ls.add_argument("--json", action="store_true")

    check = sub.add_parser("check", help=_("check the database and evidence files"))
    check.add_argument("--json", action="store_true")
    sub.add_parser("self-test", help=_("check this install in a temporary folder: database, fonts, reports, "
                                       "bundles, keyring"))
    sync_commands.add_parsers(sub)
    report_commands.add_parsers(sub)
    table_commands.add_parsers(sub)
    import_commands.add_parsers(sub)
    backup_commands.add_parsers(sub)
    return p


def _err(text: str) -> None:
    print(f"c4m: {text}", file=sys.stderr)


def _workspace(args: argparse.Namespace, *, create: bool = False):
    from ..services.workspace import Workspace

    return Workspace.open(args.db, create=create)


def cmd_init(args: argparse.Namespace) -> int:
    from ..services import device

    values = {"site_code": (args.site or "").upper(), "coordinator": args.coordinator, "role": args.role,
              "language": args.language, "mi_email": args.mi_email}
    device.check_setup(**values)  # before the database is created
    ws = _workspace(args, create=True)
    try:
        info = device.initialise(ws, **values)
    finally:
        ws.close()
    print(_("Set up for site {site}, coordinator {name}.").format(site=info.site_code, name=info.coordinator))
    return OK


def cmd_demo(args: argparse.Namespace) -> int:
    from ..services import demo

    if args.records < 0:
        raise UserError(_("--records must be 0 or more."))
    ws = _workspace(args)
    try:
        ws.require_device()
        started = time.perf_counter()
        summary = demo.generate(ws, associations=args.records, seed=args.seed)
    finally:
        ws.close()
    total = sum(summary.counts.values())
    print(_("Added {n} demo records in {seconds} s.").format(n=total, seconds=round(time.perf_counter() - started, 1)))
    for kind, n in sorted(summary.counts.items()):
        print(f"  {kind}: {n}")
    return OK


def cmd_list(args: argparse.Namespace) -> int:
    from ..services import queries

    fn: dict[str, Callable[..., list[dict[str, Any]]]] = {
        "associations": queries.associations, "business-plans": queries.business_plans,
        "action-plans": queries.action_plans,
    }
    kw: dict[str, Any] = {"site": args.site.upper() if args.site else None, "limit": args.limit}
    if args.what == "associations":
        kw["search"] = args.search
    ws = _workspace(args)
    try:
        rows = fn[args.what](ws, **kw)
    finally:
        ws.close()
    if args.json:
        json.dump(rows, sys.stdout, ensure_ascii=False, default=str, indent=1)
        print()
    else:
        for r in rows:
            name = r.get("name_en") or r.get("name_local") or r.get("title")
            print(f"{r['site_code']}  {r['id']}  {name}")
    return OK


def cmd_check(args: argparse.Namespace) -> int:
    from ..services import integrity

    ws = _workspace(args)
    try:
        report = integrity.check(ws)
    finally:
        ws.close()
    messages = [i18n.problem_text(p) for p in report.problems]
    if args.json:
        print(json.dumps({"ok": report.ok, "problems": messages, "counts": report.counts}, ensure_ascii=False))
    else:
        for m in messages:
            print(m)
        print(_("Database OK.") if report.ok else _("{n} problems found.").format(n=len(messages)))
    return OK if report.ok else FAILED


def cmd_self_test(args: argparse.Namespace) -> int:
    from .. import self_test

    return self_test.main()


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "init": cmd_init, "demo": cmd_demo, "list": cmd_list, "check": cmd_check, "self-test": cmd_self_test, **sync_commands.COMMANDS,
    **report_commands.COMMANDS, **table_commands.COMMANDS, **import_commands.COMMANDS, **backup_commands.COMMANDS,
}


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        i18n.set_language(args.lang)
    except ValueError:
        _err(_("Unknown language {lang}; use one of {langs}.").format(lang=args.lang, langs=", ".join(i18n.LANGUAGES)))
        return REJECTED
    try:
        return COMMANDS[args.command](args)
    except ValidationError as exc:
        _err("; ".join(f"{p.field}: {i18n.problem_text(p)}" if p.field else i18n.problem_text(p)
                       for p in exc.problems))
        return REJECTED
    except UserError as exc:
        _err(i18n.error_text(exc))
        return REJECTED if exc.rejected else FAILED
    except BrokenPipeError:  # `c4m list ... | head`: the reader has what it wanted
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return OK
    except KeyboardInterrupt:
        _err(_("Interrupted; nothing was written by the unfinished command."))
        return FAILED
    except Exception as exc:  # a bug: say so plainly, keep the traceback for the report
        _err(_("Unexpected error: {error}").format(error=exc))
        traceback.print_exc()
        _log_bug(args.command)
        return FAILED


def _log_bug(command: str) -> None:
    """Keep the traceback in the log file too; a log that cannot be written must not hide the error."""
    import logging

    from ..store import logfile

    try:
        logfile.configure()
        logging.getLogger("c4m_desktop.cli").exception("unexpected error in c4m %s", command)
    except OSError:
        pass


if __name__ == "__main__":
    sys.exit(main())
