"""Fill given msgids in one catalog from a JSON object {msgid: translation}, keeping the file's format.

Usage: python tools/fill_po.py LANG FILE.json   (clears the fuzzy flag of the entries it fills)
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]


def main(language: str, source: str) -> int:
    po = ROOT / "translations" / language / "LC_MESSAGES" / "messages.po"
    with open(po, "rb") as fh:
        catalog = read_po(fh, locale=language)
    wanted = json.loads(Path(source).read_text(encoding="utf-8"))
    missing = [k for k in wanted if catalog.get(k) is None]
    if missing:
        print(f"not in the {language} catalog (run scripts/messages extract): {missing}", file=sys.stderr)
        return 2
    for msgid, text in wanted.items():
        message = catalog.get(msgid)
        message.string = text
        message.flags.discard("fuzzy")
    with open(po, "wb") as fh:
        write_po(fh, catalog, width=0, omit_header=False, include_previous=False)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
