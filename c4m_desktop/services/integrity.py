"""`c4m check`: is the database sound, at the app's schema, and are the evidence files intact?"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from sqlalchemy import func, select, text

from ..domain.messages import N_, Problem
from ..store import migrate
from ..store.models import SYNCED, Attachment
from .attachments import blob_path
from .workspace import Workspace


@dataclass
class CheckReport:
    problems: list[Problem] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not self.problems


def check(ws: Workspace, *, verify_files: bool = True) -> CheckReport:
    """Run SQLite's quick_check and foreign-key check, the schema check and the file check."""
    report = CheckReport()
    state = migrate.current_state(ws.db.engine)
    if not state.at_head:
        report.problems.append(Problem(None, N_("The database schema is {current}, expected {head}."),
                                       {"current": state.current, "head": migrate.head()}))
    with ws.read() as s:
        if ws.db.engine.dialect.name == "sqlite":
            quick = [r[0] for r in s.execute(text("PRAGMA quick_check"))]
            if quick != ["ok"]:
                report.problems.extend(Problem(None, N_("SQLite reports damage: {detail}"), {"detail": q})
                                       for q in quick[:20])
            for table, rowid, parent, _ in s.execute(text("PRAGMA foreign_key_check")):
                report.problems.append(Problem(None, N_("A {table} row (rowid {rowid}) points at a missing {parent}."),
                                               {"table": table, "rowid": rowid, "parent": parent}))
        for kind, m in SYNCED.items():
            report.counts[kind] = s.scalar(select(func.count()).select_from(m).where(m.deleted.is_(False))) or 0
        hashes = s.scalars(select(Attachment.sha256).where(Attachment.deleted.is_(False)).distinct()).all()
    if verify_files:
        for sha in hashes:
            path = blob_path(ws, sha)
            if not path.exists():
                report.problems.append(Problem(None, N_("The evidence file {sha} is missing."), {"sha": sha[:12]}))
            elif hashlib.sha256(path.read_bytes()).hexdigest() != sha:
                report.problems.append(Problem(None, N_("The evidence file {sha} is damaged."), {"sha": sha[:12]}))
    return report
