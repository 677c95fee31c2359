"""Forget a person: blank a member's personal details here and wherever the edit travels.

The forgetting is one synced edit, so it reaches MI in the next bundle. What the database still
remembers of the person is scrubbed with it: the record's History and the versions kept in
conflicts. secure_delete is on and the log is checkpointed afterwards, so the old values are not
left in free pages either. Backups made before keep them until they are thinned (12 months at most).
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import date
from typing import Any, cast

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from ..domain import privacy
from ..domain.messages import N_, UserError
from ..store.models import Conflict, History, Member
from . import drafts, records
from .workspace import Changes, Workspace


class AlreadyForgotten(UserError):
    def __init__(self) -> None:
        super().__init__(N_("This person was already forgotten."))


def forget(ws: Workspace, *, member_id: str, today: date | None = None) -> Changes:
    """Blank a member's personal fields and scrub their history, in one transaction."""
    with ws.write(source="forget") as txn:
        row = cast(Member, records.load(txn.session, "member", member_id))
        if row.forgotten:
            raise AlreadyForgotten()
        hlc = txn.stamp()
        before = {c: getattr(row, c) for c in (*privacy.PERSONAL_FIELDS, "forgotten", "withheld", "consent",
                                                 "consent_date")}
        after = privacy.scrub(before, on=today or txn.now.date())
        for field, value in after.items():
            setattr(row, field, value)
        txn.record_change("member", row.id, "forgotten", "false", "true", hlc)
        records.restamp(txn, row, hlc)
        txn.touched("member", row.id)
        scrub_traces(txn.session, [row.id])
        record = records.to_record("member", row)
    drafts.discard(ws, kind="member", row_id=member_id)
    ws.db.checkpoint()
    return Changes(frozenset(txn.tables), frozenset(txn.ids), record)


def scrub_traces(session: Session, member_ids: Iterable[str]) -> int:
    """Blank what History and conflicts hold of these members' personal fields; return rows touched."""
    ids = list(member_ids)
    if not ids:
        return 0
    touched = cast(CursorResult[Any], session.execute(  # an UPDATE's result is a CursorResult
        update(History).where(History.table_name == "member", History.row_id.in_(ids),
                              History.field.in_(privacy.PERSONAL_FIELDS),
                              (History.old.is_not(None)) | (History.new.is_not(None)))
        .values(old=None, new=None))).rowcount or 0
    for conflict in session.scalars(select(Conflict).where(Conflict.table_name == "member",
                                                           Conflict.row_id.in_(ids))):
        body = json.loads(conflict.loser_json)
        clean = body | {f: privacy.blanked(f) for f in privacy.PERSONAL_FIELDS if f in body}
        if clean != body:
            conflict.loser_json = json.dumps(clean, ensure_ascii=False, sort_keys=True)
            touched += 1
    return touched


def forgotten_among(session: Session, member_ids: Iterable[str]) -> list[str]:
    ids = list(member_ids)
    return list(session.scalars(select(Member.id).where(Member.id.in_(ids), Member.forgotten.is_(True)))) if ids else []
