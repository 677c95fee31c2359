"""`c4m export`, `import`, `outbox` and `keys`: the sync side of the command line."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from .. import i18n
from ..domain.messages import UserError
from ..i18n import _

OK, FAILED, REJECTED = 0, 1, 2


def add_parsers(sub: Any) -> None:
    export = sub.add_parser("export", help=_("write a bundle of the changes the recipient has not confirmed"))
    export.add_argument("--full", action="store_true", help=_("everything, not only unconfirmed changes"))
    export.add_argument("--to", type=Path, metavar="DIR", help=_("folder for the bundle (default: outbox folder)"))
    export.add_argument("--recipient", help=_("hq (default at a site), a site code or a device id"))
    contacts = export.add_mutually_exclusive_group()
    contacts.add_argument("--with-contacts", dest="contacts", action="store_const", const=True,
                          help=_("include members' phone numbers and e-mails, even unencrypted"))
    contacts.add_argument("--without-contacts", dest="contacts", action="store_const", const=False,
                          help=_("leave members' phone numbers and e-mails out"))
    export.add_argument("--json", action="store_true")

    imp = sub.add_parser("import", help=_("check and merge bundles, each all or nothing"))
    imp.add_argument("files", nargs="+", type=Path, metavar="FILE")
    imp.add_argument("--json", action="store_true")

    box = sub.add_parser("outbox", help=_("exports waiting to be e-mailed"))
    box_sub = box.add_subparsers(dest="outbox_command", required=True, metavar="ACTION")
    box_list = box_sub.add_parser("list", help=_("every export in the outbox and its state"))
    box_list.add_argument("--json", action="store_true")
    box_sub.add_parser("send", help=_("send what is due now"))

    keys = sub.add_parser("keys", help=_("this install's key and the keys of other devices"))
    keys_sub = keys.add_subparsers(dest="keys_command", required=True, metavar="ACTION")
    keys_sub.add_parser("show", help=_("this install's public key and fingerprint, and known devices"))
    trust = keys_sub.add_parser("trust", help=_("register a device's public key before its first bundle"))
    trust.add_argument("device")
    trust.add_argument("public_key")
    trust.add_argument("--mi", action="store_true", help=_("this is MI: encrypt bundles to MI with this key"))
    revoke = keys_sub.add_parser("revoke", help=_("refuse every further bundle of a device"))
    revoke.add_argument("device")


def _open(args: argparse.Namespace):
    from ..services.workspace import Workspace

    return Workspace.open(args.db, create=False)


def cmd_export(args: argparse.Namespace) -> int:
    from ..sync import actions

    ws = _open(args)
    try:
        done = actions.export_now(ws, recipient=args.recipient, full=args.full, to_dir=args.to,
                                 contacts=args.contacts)
    finally:
        ws.close()
    result, item = done.result, done.item
    if args.json:
        print(json.dumps({"path": str(result.path), "bundle_id": result.bundle_id, "counts": result.counts,
                          "size": result.size, "sealed": result.sealed, "from_seq": result.since,
                          "upto_seq": result.upto, "outbox": item.status if item else None,
                          "contacts_left_out": result.contacts_left_out},
                         ensure_ascii=False))
        return OK
    print(_("Wrote {path}: {n} changes, {kb} kB{sealed}.").format(
        path=result.path, n=result.rows, kb=max(1, round(result.size / 1024)),
        sealed=_(", encrypted for MI") if result.sealed else ""))
    if result.contacts_left_out:
        print(_("Members' phone numbers and e-mails were left out of this bundle."))
    if item is not None and item.status == "too_large":
        print(_("Warning: {reason}").format(reason=item.last_error), file=sys.stderr)
    elif item is not None:
        print(_("Queued in the outbox for {address}.").format(address=item.recipient))
    return OK


def cmd_outbox(args: argparse.Namespace) -> int:
    from ..sync import actions, outbox

    ws = _open(args)
    try:
        if args.outbox_command == "send":
            results = actions.send_now(ws)
        else:
            items = outbox.items(ws)
    finally:
        ws.close()
    if args.outbox_command == "send":
        for item_id, outcome in results:
            reason = i18n.error_text(outcome.error) if outcome.error else outcome.message_id
            print(f"{item_id}  {outcome.status}  {reason or ''}")
        if not results:
            print(_("Nothing is due to be sent."))
        return OK if all(o.status in ("sent", "skipped") for _i, o in results) else FAILED
    if args.json:
        print(json.dumps([{"id": i.id, "recipient": i.recipient, "status": i.status, "attempts": i.attempts,
                           "last_error": i.last_error, "file": str(i.bundle_path), "size": i.size}
                          for i in items], ensure_ascii=False, default=str))
    else:
        for i in items:
            print(f"{i.id}  {i.status:9}  {i.recipient}  {i.bundle_path}  {i.last_error or ''}")
    return OK


def cmd_import(args: argparse.Namespace) -> int:
    from ..services import backups
    from ..sync import importer

    ws = _open(args)
    outcomes: list[dict[str, Any]] = []
    code = OK
    try:
        missing = backups.before(ws, "before-import")
        if missing is not None:
            print(f"c4m: {i18n.error_text(missing)}", file=sys.stderr)
        for path in args.files:
            try:
                r = importer.import_bundle(ws, path)
            except UserError as e:
                code = REJECTED if e.rejected else FAILED
                outcomes.append({"file": str(path), "outcome": "refused", "reason": i18n.error_text(e)})
                if not args.json:
                    print(f"c4m: {path.name}: {i18n.error_text(e)}", file=sys.stderr)
                continue
            outcomes.append({"file": str(path), "outcome": "applied", "bundle_id": r.preview.bundle_id,
                             "source_site": r.preview.source_site, "applied": r.applied,
                             "conflicts": r.conflicts, "key": r.preview.key_state})
            if not args.json:
                print(_("{name}: {n} changes applied from {site}, {c} conflicts to review.").format(
                    name=path.name, n=r.applied, site=r.preview.source_site, c=r.conflicts))
    finally:
        ws.close()
    if args.json:
        print(json.dumps(outcomes, ensure_ascii=False))
    return code


def cmd_keys(args: argparse.Namespace) -> int:
    from ..services import settings
    from ..sync import exporter, keys

    ws = _open(args)
    try:
        if args.keys_command == "show":
            device = ws.require_device()
            public = keys.public_key(ws)
            print(_("This install: device {device}").format(device=device.id))
            print(_("Public key: {key}").format(key=public))
            print(_("Fingerprint: {fp}").format(fp=keys.fingerprint(public)))
            for p in keys.peers(ws):
                if p.device_id != device.id:
                    state = _("revoked") if p.revoked else p.source
                    print(f"  {p.device_id}  {p.fingerprint}  {state}")
        elif args.keys_command == "trust":
            peer = keys.trust(ws, args.device, args.public_key)
            if args.mi:
                settings.put(ws, exporter.ENCRYPT_TO, peer.device_id)
            print(_("Registered device {device} ({fp}).").format(device=peer.device_id, fp=peer.fingerprint))
        else:
            keys.revoke(ws, args.device)
            print(_("Bundles of device {device} are refused from now on.").format(device=args.device))
    finally:
        ws.close()
    return OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "export": cmd_export, "import": cmd_import, "keys": cmd_keys, "outbox": cmd_outbox,
}
