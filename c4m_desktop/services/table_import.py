"""Import associations or members from a spreadsheet: plan (read, validate, find duplicates), then apply.

``plan`` reads every row and decides what it would do without writing: new, update (same Kobo
``_uuid`` as a record already here), unchanged, duplicate (same name and site as a record here or
an earlier row), near (a similar name and the same site: a person decides merge, new or skip), or
rejected (with the same problems the editors show). ``apply`` writes the plan in one transaction,
stamped like any edit and with the file name as the History source; cancelling writes nothing.

A Kobo ``_uuid`` becomes the record's id (``derived_id``), so re-importing a file updates the
same records, and two laptops importing one Kobo export create the same records, which merge.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
import uuid
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, cast

from sqlalchemy import select

from .. import i18n
from ..domain.messages import N_, Problem, UserError, ValidationError
from ..domain.validation import validate
from ..domain.zawgyi import looks_like_zawgyi, to_unicode
from ..i18n import Translator, translator
from ..store.models import Association, AssociationSector, SyncMixin
from . import associations, records, table_export
from .import_fields import (
    RECORD_KIND,
    REPEAT_INDEX,
    SUBMISSION_UUID,
    TARGETS,
    UUID,
    Target,
    read_cell,
    suggest,
)
from .sheets import Sheet
from .workspace import Workspace

LABELS = {kind: {t.name: t.label for t in targets} for kind, targets in TARGETS.items()}
ACTIONS = ("new", "update", "unchanged", "duplicate", "near", "rejected")
DECISIONS = ("merge", "new", "skip")
CHUNK = 500  # rows per insert statement and per progress report
NEAR_RATIO = 0.85
BLOCK_CAP = 100  # names compared per block (same site, same first two words): bounds the work on 50,000 rows
DIGITS = re.compile(r"\d+")


class ImportCancelled(UserError):
    def __init__(self) -> None:
        super().__init__(N_("The import was cancelled; nothing was written."))


@dataclass
class RowPlan:
    number: int  # the row's number in the sheet, the header being row 1
    cells: list[Any]
    values: dict[str, Any] = field(default_factory=dict)
    sectors: list[str] | None = None  # None: no sector column
    problems: list[Problem] = field(default_factory=list)
    action: str = "new"
    record_id: str | None = None  # the record created or updated
    match_id: str | None = None  # the record a duplicate or near match resembles
    match_name: str | None = None


@dataclass
class ImportPlan:
    kind: str  # associations | members
    file_name: str
    headers: list[str]
    mapping: dict[int, str]
    rows: list[RowPlan]
    fixed: dict[str, Any] = field(default_factory=dict)  # field -> value typed for every row

    def counts(self) -> dict[str, int]:
        out = dict.fromkeys(("read", *ACTIONS), 0)
        out["read"] = len(self.rows)
        for r in self.rows:
            out[r.action] += 1
        return out


@dataclass(frozen=True)
class ImportResult:
    read: int
    imported: int
    updated: int
    rejected: int
    skipped: int  # duplicates, unchanged rows and near matches decided "skip"

    def adds_up(self) -> bool:
        return self.read == self.imported + self.updated + self.rejected + self.skipped


def name_key(text: str | None) -> str:
    """A name as compared for duplicates: Unicode (not Zawgyi), NFC, no case, no punctuation, single spaces."""
    if not text:
        return ""
    if looks_like_zawgyi(text):
        text = to_unicode(text)
    text = unicodedata.normalize("NFC", text).casefold()
    return " ".join(re.sub(r"[^\w\s]", " ", text).split())


def _base(key: str, original: str) -> str:
    """The name without a trailing qualifier in brackets: "x group (tai lue)" → "x group"."""
    return name_key(re.sub(r"\s*[(\[].*?[)\]]\s*$", "", original)) if original else key


@dataclass(frozen=True)
class _Name:
    """A name prepared once for near-match comparisons."""

    base: str  # name_key without a bracketed qualifier
    digitless: str
    words: frozenset[str]

    @classmethod
    def of(cls, key: str, original: str) -> _Name:
        base = _base(key, original)
        return cls(base, DIGITS.sub("#", base), frozenset(base.split()))

    def block(self) -> str:
        return " ".join(self.base.split()[:2])


def _keyed(names: tuple[str | None, ...]) -> list[tuple[str, str, _Name]]:
    """(name, comparison key, near-match form) of each name that has one."""
    out = []
    for name in names:
        key = name_key(name)
        if key:
            out.append((name or "", key, _Name.of(key, name or "")))
    return out


def _similar(a: _Name, b: _Name) -> bool:
    if not a.base or not b.base:
        return False
    if a.base != b.base and a.digitless == b.digitless:
        return False  # "Weaving group 2" is another group than "Weaving group 3"
    if a.base == b.base or (min(len(a.words), len(b.words)) >= 2 and (a.words <= b.words or b.words <= a.words)):
        return True
    matcher = difflib.SequenceMatcher(None, a.base, b.base)
    return matcher.real_quick_ratio() >= NEAR_RATIO and matcher.quick_ratio() >= NEAR_RATIO \
        and matcher.ratio() >= NEAR_RATIO


def plan(ws: Workspace, sheet: Sheet, *, kind: str, file_name: str, mapping: Mapping[int, str] | None = None,
         value_maps: Mapping[str, Mapping[str, str]] | None = None, fixed: Mapping[str, Any] | None = None,
         default_site: str | None = None, progress: Callable[[int, int], Any] | None = None,
         cancelled: Callable[[], bool] | None = None) -> ImportPlan:
    """Read and check every row; nothing is written. ``fixed`` gives fields no column fills one
    value for every row (members' kind when the form did not ask it), read like a cell."""
    if kind not in TARGETS:
        raise UserError(N_("{value} is not a kind of table that can be imported."), value=kind)
    cols = dict(mapping) if mapping is not None else suggest(kind, sheet.headers)
    targets = {t.name: t for t in TARGETS[kind]}
    unknown = sorted(set(cols.values()) - targets.keys())
    if unknown:
        raise UserError(N_("{value} is not a field that can be imported."), value=unknown[0])
    fixed_values: dict[str, Any] = {}
    for name, raw in (fixed or {}).items():
        if name not in targets:
            raise UserError(N_("{value} is not a field that can be imported."), value=name)
        value, problem = read_cell(kind, targets[name], raw, (value_maps or {}).get(name))
        if problem:
            raise ValidationError([problem])
        fixed_values[name] = value
    result = ImportPlan(kind, file_name, list(sheet.headers), cols, [], dict(fixed or {}))
    matcher = (_AssociationMatcher if kind == "associations" else _MemberMatcher)(ws, default_site)
    for read, (n, cells) in enumerate(sheet.numbered_rows(), start=1):
        row = RowPlan(n, list(cells))
        _read_row(row, kind, cols, targets, value_maps or {})
        for name, value in fixed_values.items():
            if name == "sectors":
                row.sectors = row.sectors if row.sectors else value
            else:
                row.values.setdefault(name, value)
        matcher.decide(row)
        if row.action != "rejected":
            row.cells = []  # only rejected rows are written back as read; 50,000 rows add up
        result.rows.append(row)
        if read % CHUNK == 0:
            if cancelled and cancelled():
                raise ImportCancelled()
            if progress:
                progress(read, 0)  # the number of rows is known only at the end
    return result


def _read_row(row: RowPlan, kind: str, cols: Mapping[int, str], targets: Mapping[str, Target],
              value_maps: Mapping[str, Mapping[str, str]]) -> None:
    for col, name in cols.items():
        raw = row.cells[col] if col < len(row.cells) else None
        value, problem = read_cell(kind, targets[name], raw, value_maps.get(name))
        if problem:
            row.problems.append(problem)
        elif name == "sectors":
            row.sectors = value
        elif value is not None:
            row.values[name] = value


class _Matcher:
    """Decides each row's action against the records here and the rows before it in the file."""

    kind = ""

    def __init__(self, ws: Workspace, default_site: str | None):
        self.ws, self.default_site = ws, default_site
        model = records.model(self.kind)
        table = model.__table__
        with ws.read() as s:
            # Plain rows, not ORM objects: re-importing 50,000 records must not hold 50,000 of those.
            self.existing = {r["id"]: dict(r) for r in s.execute(
                select(table).where(table.c.deleted.is_(False))).mappings()}
            self.dead = set(s.scalars(select(model.id).where(model.deleted.is_(True))))
            self.load_more(s)
        self.by_key: dict[tuple[str, str], str] = {}
        self.blocks: dict[tuple[str, str], list[tuple[_Name, str, str]]] = defaultdict(list)
        for r in self.existing.values():
            self.remember(r["id"], self.scope_of(r), *self.names(r))
        self.in_file: set[str] = set()

    def load_more(self, session: Any) -> None:
        pass

    def scope_of(self, values: Mapping[str, Any]) -> str:
        raise NotImplementedError

    def names(self, values: Mapping[str, Any]) -> tuple[str | None, ...]:
        raise NotImplementedError

    def resolve(self, row: RowPlan) -> str | None:
        """Take the key columns out of the values; return the Kobo-derived id, if any."""
        raise NotImplementedError

    def same_links(self, row: RowPlan, current: Any) -> bool:
        return True

    def remember(self, row_id: str, scope: str, *names: str | None) -> None:
        self._remember(row_id, scope, _keyed(names))

    def _remember(self, row_id: str, scope: str, keyed: list[tuple[str, str, _Name]]) -> None:
        for name, key, prepared in keyed:
            self.by_key.setdefault((scope, key), row_id)
            self.blocks[(scope, prepared.block())].append((prepared, row_id, name))

    def decide(self, row: RowPlan) -> None:
        derived = self.resolve(row)
        if row.problems:
            row.action = "rejected"
            return
        fields = (*records.user_fields(self.kind), "site_code")
        given = {k: x for k, x in records.normalise(self.kind, row.values).items() if x is not None}
        current = self.existing.get(derived or "")
        full = ({f: current[f] for f in fields} if current is not None
                else records.defaults(self.kind) | {"site_code": self.default_site}) | given
        row.problems = [p for p in validate(self.kind, full) if p.field != "sectors"]
        if row.problems:
            row.action = "rejected"
            return
        if derived in self.in_file:
            row.action, row.match_id = "duplicate", derived
            return
        if current is not None:
            row.record_id = current["id"]
            row.values = {k: x for k, x in given.items() if k in fields and current[k] != x}
            row.action = "update" if row.values or not self.same_links(row, current) else "unchanged"
            self.in_file.add(current["id"])
            return
        if derived in self.dead:  # deleted here on purpose: a re-import does not bring it back
            row.action, row.match_id = "duplicate", derived
            return
        row.values = full
        scope, keyed = self.scope_of(full), _keyed(self.names(full))  # each name normalised once
        for _name, key, _prepared in keyed:
            match = self.by_key.get((scope, key))
            if match:
                row.action, row.match_id, row.match_name = "duplicate", match, self._name(match)
                return
        for _name, _key, prepared in keyed:
            for other, other_id, other_name in self.blocks.get((scope, prepared.block()), [])[-BLOCK_CAP:]:
                if _similar(prepared, other):
                    row.action, row.match_id, row.match_name = "near", other_id, other_name
                    return
        row.record_id = derived or str(uuid.uuid4())
        self.in_file.add(row.record_id)
        self._remember(row.record_id, scope, keyed)

    def _name(self, row_id: str) -> str:
        r = self.existing.get(row_id)
        names = self.names(r) if r is not None else ()
        return next((n for n in names if n), "")


class _AssociationMatcher(_Matcher):
    kind = "association"

    def load_more(self, session: Any) -> None:
        self.sectors: dict[str, set[str]] = defaultdict(set)
        for aid, code in session.execute(select(AssociationSector.association_id, AssociationSector.sector)
                                         .where(AssociationSector.deleted.is_(False))):
            self.sectors[aid].add(code)

    def scope_of(self, values: Mapping[str, Any]) -> str:
        return values.get("site_code") or ""

    def names(self, values: Mapping[str, Any]) -> tuple[str | None, ...]:
        return values.get("name_en"), values.get("name_local")

    def resolve(self, row: RowPlan) -> str | None:
        uuid_ = row.values.pop(UUID, None)
        return records.derived_id("kobo", uuid_) if uuid_ else None

    def same_links(self, row: RowPlan, current: Any) -> bool:
        return row.sectors is None or set(row.sectors) == self.sectors.get(current["id"], set())


class _MemberMatcher(_Matcher):
    kind = "member"

    def load_more(self, session: Any) -> None:
        self.parents = {a.id: a for a in session.execute(
            select(Association.id, Association.site_code, Association.name_en, Association.name_local)
            .where(Association.deleted.is_(False)))}
        self.parent_keys: dict[str, list[str]] = defaultdict(list)
        for a in self.parents.values():
            for name in {name_key(a.name_en), name_key(a.name_local)} - {""}:
                self.parent_keys[name].append(a.id)

    def scope_of(self, values: Mapping[str, Any]) -> str:
        return values.get("association_id") or ""

    def names(self, values: Mapping[str, Any]) -> tuple[str | None, ...]:
        return (values.get("name"),)

    def resolve(self, row: RowPlan) -> str | None:
        v = row.values
        submission, index = v.pop(SUBMISSION_UUID, None), v.pop(REPEAT_INDEX, None)
        named, site = v.pop("association", None), v.pop("site_code", None)
        parent = None
        if submission:
            parent = records.derived_id("kobo", submission)
            if parent not in self.parents:
                row.problems.append(Problem("association", N_(
                    "No association with Kobo id {value} is here yet: import the associations first."),
                    {"value": submission}))
        elif named:
            ids = [i for i in self.parent_keys.get(name_key(named), []) if not site or self.parents[i].site_code == site]
            if len(ids) != 1:
                row.problems.append(Problem("association", N_("No association named {value} is here.") if not ids
                                            else N_("{value} names more than one association: add a site column."),
                                            {"value": named}))
            parent = ids[0] if len(ids) == 1 else None
        else:
            row.problems.append(Problem("association", N_("Map a column to the association each member belongs to."), {}))
        v["association_id"] = parent
        return records.derived_id("kobo-member", submission, str(index)) if submission and index else None


def apply(ws: Workspace, p: ImportPlan, *, decisions: Mapping[int, str] | None = None, near: str = "skip",
          progress: Callable[[int, int], Any] | None = None, cancelled: Callable[[], bool] | None = None) -> ImportResult:
    """Write a plan in one transaction. ``decisions`` (row number → merge|new|skip) settle near
    matches; ``near`` settles the others. Cancelling (``cancelled()`` true) writes nothing."""
    decisions = decisions or {}
    bad = sorted({d for d in (*decisions.values(), near) if d not in DECISIONS})
    if bad:
        raise UserError(N_("{value} is not a choice for a near match: use merge, new or skip."), value=bad[0])
    kind = RECORD_KIND[p.kind]
    chosen = {r.number: decisions.get(r.number, near) for r in p.rows if r.action == "near"}
    creating = [r for r in p.rows if r.action == "new" or chosen.get(r.number) == "new"]
    changing = [r for r in p.rows if r.action == "update" or chosen.get(r.number) == "merge"]
    done, updated, total = 0, 0, len(creating) + len(changing)

    def step() -> None:
        if cancelled and cancelled():
            raise ImportCancelled()
        if progress:
            progress(done, total)

    with ws.write(source=p.file_name) as txn:
        row: dict[str, Any] | SyncMixin  # a prepared new row, then each loaded record
        for start in range(0, len(creating), CHUNK):
            chunk = creating[start:start + CHUNK]
            prepared = [records.prepare_new(txn, kind, _fields_of(kind, r.values),
                                            row_id=r.record_id if r.action == "new" else None) for r in chunk]
            records.insert_rows(txn, kind, prepared)
            if kind == "association":
                for r, row in zip(chunk, prepared, strict=True):
                    associations.set_sectors(txn, row["id"], r.sectors or ())
            done += len(chunk)
            step()
        for r in changing:
            target = r.record_id if r.action == "update" else r.match_id
            # An update row has its record_id, a near match chosen for merging its match_id.
            row = records.load(txn.session, kind, cast(str, target))
            if r.action == "update":
                changes = _fields_of(kind, r.values)
            else:  # merge: fill what the record lacks, keep what it has
                changes = {k: v for k, v in _fields_of(kind, r.values).items() if getattr(row, k) in (None, "")}
            changed = records.apply_update(txn, kind, row, changes) if changes else False
            if kind == "association" and r.sectors:
                have = set(associations.sectors_of(txn, row.id))
                wanted = set(r.sectors) if r.action == "update" else have | set(r.sectors)
                if wanted != have:
                    associations.set_sectors(txn, row.id, wanted)
                    changed = True
            updated += bool(changed)
            done += 1
            if done % CHUNK == 0:
                step()
        step()
    counts = p.counts()
    return ImportResult(read=counts["read"], imported=len(creating), updated=updated, rejected=counts["rejected"],
                        skipped=counts["read"] - len(creating) - updated - counts["rejected"])


def _fields_of(kind: str, values: Mapping[str, Any]) -> dict[str, Any]:
    allowed = {*records.user_fields(kind), "site_code"}
    return {k: v for k, v in values.items() if k in allowed}


def problem_text(kind: str, problem: Problem, tr: Translator) -> str:
    """A row's problem as a person reads it: "Phone: Enter a phone number…"."""
    labels = LABELS[kind]
    text = tr.render(problem.message, **problem.params)
    return f"{tr.gettext(labels[problem.field])}: {text}" if problem.field in labels else text


def write_rejected(p: ImportPlan, path: Path, *, lang: str | None = None) -> int:
    """Save the rejected rows, as read, with a "Problem" column added: fix the cells and import it again."""
    tr = translator(lang or i18n.language())

    def problem(pr: Problem) -> str:
        return problem_text(p.kind, pr, tr)

    rejected = [r for r in p.rows if r.action == "rejected"]
    header = [*p.headers, tr.gettext(N_("Problem"))]
    body = ([*(_cell(c) for c in r.cells), "\n".join(problem(x) for x in r.problems)] for r in rejected)
    widths = [max(10, min(40, len(h) + 2)) for h in header[:-1]] + [60]
    return table_export.write_atomically(path, lambda tmp: table_export.write_xlsx(
        tmp, tr.gettext(N_("Rejected rows")), header, widths, body))


def _cell(value: Any) -> Any:
    return "" if value is None else value


def unrecognised_values(sheet: Sheet, *, kind: str, mapping: Mapping[int, str],
                        value_maps: Mapping[str, Mapping[str, str]] | None = None, limit: int = 100,
                        cancelled: Callable[[], bool] | None = None) -> dict[str, list[str]]:
    """For each mapped choice or sector column, the cell values (as typed) that read as no choice."""
    targets = {t.name: t for t in TARGETS[kind]}
    choice_cols = {c: targets[f] for c, f in mapping.items() if targets[f].kind in ("choice", "sectors")}
    found: dict[str, dict[str, None]] = {t.name: {} for t in choice_cols.values()}
    for n, cells in enumerate(sheet.rows(), start=1):
        for col, target in choice_cols.items():
            raw = cells[col] if col < len(cells) else None
            _value, problem = read_cell(kind, target, raw, (value_maps or {}).get(target.name))
            if problem is not None and len(found[target.name]) < limit:
                parts = str(problem.params.get("value", raw)).split(", ") if target.kind == "sectors" else [str(raw)]
                for part in parts:
                    found[target.name].setdefault(part.strip(), None)
        if n % CHUNK == 0 and cancelled and cancelled():
            raise ImportCancelled()
    return {name: list(values) for name, values in found.items() if values}
