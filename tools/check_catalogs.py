"""Fail when a translation catalog would show a user English, a wrong placeholder or a broken shortcut.

    python tools/check_catalogs.py            all five catalogs
    python tools/check_catalogs.py km lo      some of them
    python tools/check_catalogs.py --fresh    against the strings in the code now (CI), not messages.pot

Checks every message of translations/<lang>/LC_MESSAGES/messages.po against translations/messages.pot:
missing, untranslated or fuzzy entries; placeholders ({name}) that differ from the source; a keyboard
accelerator (&) in the source but not exactly one in the translation; a source ellipsis (…) dropped.
"""

from __future__ import annotations

import string
import subprocess
import sys
import tempfile
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[1] / "translations"
LANGUAGES = ("th", "km", "vi", "lo", "my")


def placeholders(text: str) -> set[str]:
    try:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name is not None}
    except ValueError:
        return {"<unbalanced braces>"}


def accelerators(text: str) -> int:
    return text.replace("&&", "").count("&")


def check_message(msgid: str | tuple, msgstr: str | tuple) -> list[str]:
    sources = list(msgid) if isinstance(msgid, tuple) else [msgid]
    targets = [t for t in (msgstr if isinstance(msgstr, tuple) else [msgstr])]
    if not all(targets):
        return ["untranslated"]
    problems = []
    # One plural form in these languages: each form must carry the plural source's placeholders.
    expected = placeholders(sources[-1])
    for target in targets:
        if placeholders(target) != expected:
            problems.append(f"placeholders {sorted(placeholders(target))} != {sorted(expected)}")
        if accelerators(sources[0]) and accelerators(target) != 1:
            problems.append("needs exactly one & accelerator")
        if sources[0].endswith("…") and not target.endswith("…"):
            problems.append("must end with … (it opens a dialog)")
    return problems


def fresh_template(folder: Path) -> Path:
    """Extract the code's messages now, exactly as scripts/messages does."""
    out = folder / "messages.pot"
    subprocess.run([str(Path(sys.executable).with_name("pybabel")), "extract", "-k", "N_", "-k", "render", "--no-location",
                    "--sort-output", "-o", str(out), str(ROOT.parent / "c4m_desktop")], check=True,
                   capture_output=True)
    return out


def check(lang: str, template_path: Path = ROOT / "messages.pot") -> list[str]:
    with open(template_path, "rb") as fh:
        template = read_po(fh)
    path = ROOT / lang / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return [f"{lang}: no catalog at {path}"]
    with open(path, "rb") as fh:
        catalog = read_po(fh, locale=lang)
    errors = []
    for source in template:
        if not source.id:
            continue
        message = catalog.get(source.id)
        if message is None:
            errors.append(f"{lang}: missing {source.id!r} (run scripts/messages extract)")
            continue
        if message.fuzzy:
            errors.append(f"{lang}: fuzzy {source.id!r}")
        errors += [f"{lang}: {problem}: {source.id!r}" for problem in check_message(source.id, message.string)]
    return errors


def main(argv: list[str]) -> int:
    fresh = "--fresh" in argv
    langs = [a for a in argv if a != "--fresh"] or list(LANGUAGES)
    with tempfile.TemporaryDirectory() as tmp:
        template = fresh_template(Path(tmp)) if fresh else ROOT / "messages.pot"
        errors = [e for lang in langs for e in check(lang, template)]
    for error in errors:
        print(error, file=sys.stderr)
    if errors and fresh:
        print("New or changed strings: run scripts/messages extract, translate them, then commit.", file=sys.stderr)
    print(f"{len(errors)} catalog problem(s) in {', '.join(langs)}", file=sys.stderr)
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
