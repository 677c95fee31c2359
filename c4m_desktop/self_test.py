"""`--self-test`: can this install do its work? A clear report for the IT helper, in the frozen build too.

Everything runs in a temporary folder: a fresh database with a little demo data, a report in each
script, a signed bundle exported and read back. Nothing touches the real data folder or the OS
keyring (the bundle's key goes to a file in the temporary folder; the keyring is only read).
A check says ``ok``, ``warn`` (works, with less: no keyring means passwords last one session) or
``fail`` (this install cannot do part of its work); any ``fail`` makes the exit code 1.

The report is in English on purpose: it is read by IT helpers and by MI's support, whatever the
language of the install (DESIGN-NOTES.md, "Distribution").
"""

from __future__ import annotations

import platform
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from . import __version__

OK, WARN, FAIL = "ok", "warn", "fail"
REPORT_LANGUAGES = ("en", "th", "km", "vi", "lo", "my")  # one per script, Vietnamese for Latin marks
ZAWGYI_SAMPLE = "ျမန္မာစာ"  # "Myanmar script" typed in Zawgyi
THAI_SAMPLE = "สวัสดีครับยินดีต้อนรับ"  # no spaces: ICU's dictionary must find the words


@dataclass(frozen=True)
class Check:
    name: str
    status: str
    detail: str


@dataclass
class Outcome:
    checks: list[Check]
    seconds: float

    @property
    def passed(self) -> bool:
        return all(c.status != FAIL for c in self.checks)

    def text(self) -> str:
        width = max(len(c.name) for c in self.checks)
        lines = [header()] + [f"  {c.status:<4}  {c.name:<{width}}  {c.detail}" for c in self.checks]
        return "\n".join([*lines, self.verdict])

    @property
    def verdict(self) -> str:
        warns = sum(c.status == WARN for c in self.checks)
        fails = sum(c.status == FAIL for c in self.checks)
        result = "PASSED" if self.passed else f"FAILED ({fails} failed)"
        return f"Result: {result}, {warns} warning(s), {self.seconds:.1f} s"


def header() -> str:
    return f"c4m-desktop {__version__} self-test ({describe_build()})"


def print_check(check: Check) -> None:
    print(f"  {check.status:<4}  {check.name}: {check.detail}", flush=True)


def safe_output() -> None:
    """Thai or Burmese in a report piped to a file on Windows (cp1252) must not end the self-test."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None:
        reconfigure(errors="backslashreplace")


def describe_build() -> str:
    kind = "frozen build" if getattr(sys, "frozen", False) else "from source"
    return f"{kind}, {platform.system()} {platform.machine()}, Python {platform.python_version()}"


Step = Callable[[], str]


class Runner:
    """Runs named steps; an exception is that step's failure, never the end of the test."""

    def __init__(self, log: Callable[[Check], None] | None = None):
        self.checks: list[Check] = []
        self._log = log

    def step(self, name: str, fn: Step) -> bool:
        try:
            detail = fn()
            status = OK
        except Warning as w:
            status, detail = WARN, str(w)
        except Exception as error:  # noqa: BLE001 - every failure is reported, none stops the rest
            status, detail = FAIL, f"{type(error).__name__}: {error}"
        self.add(Check(name, status, detail))
        return status != FAIL

    def add(self, check: Check) -> None:
        self.checks.append(check)
        if self._log:
            self._log(check)


class Degraded(Warning):  # noqa: N818 - raised by a step that works with less
    """The step works, with less (reported as ``warn``)."""


def run(extra: Callable[[Runner, Any, Path], None] | None = None,
        log: Callable[[Check], None] | None = None) -> Outcome:
    """Run every check; ``extra(runner, workspace, folder)`` adds the caller's own (the UI's) at the end."""
    started = time.perf_counter()
    runner = Runner(log)
    with tempfile.TemporaryDirectory(prefix="c4m-self-test-") as tmp, _file_keys_only():
        state: dict[str, Any] = {}
        runner.step("translations", _translations)
        runner.step("formats", _formats)
        if runner.step("database", lambda: _database(Path(tmp), state)):
            ws = state["ws"]
            runner.step("integrity", lambda: _integrity(ws))
            runner.step("fonts", _fonts)
            for lang in REPORT_LANGUAGES:
                runner.step(f"report {lang}", partial(_report, ws, lang))
            runner.step("export", lambda: _export(ws, Path(tmp)))
            if extra:
                extra(runner, ws, Path(tmp))
            ws.close()
        runner.step("line breaks", _line_breaks)
        runner.step("zawgyi", _zawgyi)
    runner.step("keyring", _keyring)
    return Outcome(runner.checks, time.perf_counter() - started)


@contextmanager
def _file_keys_only() -> Iterator[None]:
    """Keep the temporary install's key out of the OS keyring: a file in the temporary folder."""
    import keyring
    from keyring.backends import fail

    before = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        yield
    finally:
        keyring.set_keyring(before)


def _translations() -> str:
    from . import i18n

    missing = [lang for lang in i18n.LANGUAGES if lang != "en"
               and i18n.translator(lang).gettext("Associations") == "Associations"]
    if missing:
        raise RuntimeError(f"no compiled catalog for {', '.join(missing)}")
    return f"{len(i18n.LANGUAGES)} languages: " + ", ".join(i18n.LANGUAGES)


def _formats() -> str:
    from . import i18n
    from .domain.sites import SITES

    day = date(2026, 1, 15)
    currencies = {s.language: s.currency for s in SITES.values()} | {"en": "USD"}
    shown = {lang: f"{t.date(day)}, {t.money(123_456_700, currencies[lang])}, {t.percent(42.5)}"
             for lang in i18n.LANGUAGES for t in (i18n.translator(lang),)}
    return f"Babel locale data for {len(shown)} languages, e.g. {shown['th']} | {shown['my']}"


def _database(folder: Path, state: dict[str, Any]) -> str:
    from .services import device, queries
    from .services.demo import Shares, generate
    from .services.workspace import Workspace
    from .store import migrate

    ws = Workspace.open(folder / "self-test.sqlite")
    state["ws"] = ws
    device.initialise(ws, site_code="SRP", coordinator="Self-test", language="km", mi_email="c4m@example.org")
    generate(ws, associations=20, shares=Shares(business_plan=0.25))
    found = len(queries.associations(ws))
    if found == 0:
        raise RuntimeError("demo associations were written but not read back")
    return f"created, migrated to {migrate.head()}, {found} associations read back"


def _integrity(ws: Any) -> str:
    from . import i18n
    from .services import integrity

    report = integrity.check(ws)
    if not report.ok:
        raise RuntimeError("; ".join(i18n.problem_text(p) for p in report.problems))
    return "quick_check, foreign keys and schema ok"


def _fonts() -> str:
    from . import i18n
    from .reports.business_plan import default_fonts
    from .reports.fonts import FontMissing
    from .reports.scripts import WRITTEN

    fonts = default_fonts()
    found, missing = [], []
    for script in WRITTEN:
        try:
            found.append(f"{script.value}: {fonts.face(script).family}")
        except FontMissing as error:
            missing.append(i18n.error_text(error))
    if missing:
        raise RuntimeError(" ".join(missing))
    return "; ".join(found)


def _report(ws: Any, lang: str) -> str:
    from .reports import business_plan
    from .services import queries

    plans = queries.business_plans(ws, limit=1)
    if not plans:
        raise RuntimeError("the demo data has no business plan")
    pdf = business_plan.build(ws, plan_id=plans[0]["id"], lang=lang)
    if not pdf.data.startswith(b"%PDF") or pdf.pages < 1:
        raise RuntimeError("the report is not a PDF")
    return f"business plan: {pdf.pages} pages, {len(pdf.data) // 1024} kB"


def _export(ws: Any, folder: Path) -> str:
    from .sync import bundle, exporter

    result = exporter.export(ws, full=True, to_dir=folder)
    read = bundle.read(result.path)  # checks the signature and every member's hash
    return f"signed bundle of {result.rows} rows ({result.size // 1024} kB) written and verified " \
           f"({len(read.rows)} tables)"


def _line_breaks() -> str:
    from .reports.linebreak import icu_available, icu_breaks

    if not icu_available():
        raise Degraded("ICU is missing: Thai, Lao, Khmer and Burmese lines break between syllables")
    breaks = icu_breaks(THAI_SAMPLE, "th")
    if len(breaks) < 3:
        raise RuntimeError(f"ICU found {len(breaks)} word ends in a Thai sentence")
    return f"ICU finds {len(breaks)} places to break a Thai sentence without spaces"


def _zawgyi() -> str:
    from .domain.zawgyi import to_unicode, zawgyi_probability

    p = zawgyi_probability(ZAWGYI_SAMPLE)
    if p < 0.9:
        raise RuntimeError(f"the Zawgyi detector gave {p:.2f} for Zawgyi text")
    return f"detector model loaded (p = {p:.2f}); converted to {to_unicode(ZAWGYI_SAMPLE)}"


def _keyring() -> str:
    import keyring
    from keyring.backends import fail

    from .sync.secrets import KEYRING_SERVICE, KEYRING_TROUBLE

    backend = keyring.get_keyring()
    name = f"{type(backend).__module__}.{type(backend).__name__}"
    if isinstance(backend, fail.Keyring):
        raise Degraded("no OS keyring works here (backends present: " + ", ".join(_keyring_backends()) +
                       "): the SMTP password lasts one session, the device key is a 0600 file")
    try:
        keyring.get_password(KEYRING_SERVICE, "c4m-self-test")
    except KEYRING_TROUBLE as error:
        raise Degraded(f"{name} does not answer ({error}): the SMTP password lasts one session") from None
    return name


def _keyring_backends() -> list[str]:
    """Every backend keyring knows, usable here or not: a frozen build that lost them shows it."""
    import keyring.backend

    keyring.backend.get_all_keyring()  # loads the backends from their entry points
    classes = getattr(keyring.backend.KeyringBackend, "_classes", ())  # keyring's registry (no public one)
    return sorted({c.__module__.rsplit(".", 1)[-1] for c in classes} - {"chainer", "fail", "null"})


def run_printed(extra: Callable[[Runner, Any, Path], None] | None = None) -> Outcome:
    """Run every check, printing each line when its check ends, then the verdict."""
    safe_output()
    print(header(), flush=True)
    outcome = run(extra=extra, log=print_check)
    print(outcome.verdict, flush=True)
    return outcome


def main() -> int:
    """`c4m self-test`: 0 when nothing failed."""
    return 0 if run_printed().passed else 1
