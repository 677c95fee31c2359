"""Merge incoming row versions into the local database (DESIGN §4, DESIGN-NOTES "Merge").

Per row, version vectors tell how the incoming version relates to the local one:
- the same or older (the local one was built on it): nothing changes, so re-imports are free;
- newer (built on the local one): it replaces the local one, no conflict;
- concurrent: the higher HLC wins everywhere alike, the vectors are joined, and the loser is kept
  as a Conflict record when its content differs, so no version disappears unrecorded.
The result depends only on the set of versions seen, not on the order they arrived in.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import bindparam, insert, select, update

from ..domain import privacy
from ..domain import version_vector as vvec
from ..domain.messages import N_
from ..domain.validation import RULES, validate, validate_deleted
from ..services.records import as_text, derived_id
from ..services.workspace import WriteTxn
from .rows import InvalidRow, content, exported_columns, table, to_json

CHUNK = 500


@dataclass
class MergeStats:
    inserted: int = 0
    updated: int = 0
    unchanged: int = 0
    conflicts: int = 0

    @property
    def applied(self) -> int:
        return self.inserted + self.updated


def _validate(name: str, row: dict[str, Any]) -> None:
    if name not in RULES:
        return
    problems = validate_deleted(name, row) if row.get("deleted") else validate(name, row)
    if problems:
        p = problems[0]
        raise InvalidRow(N_("A {table} row in the bundle breaks a rule ({field}: {problem}); it is refused."),
                         table=name, field=p.field or "-", problem=p.english())


def merge_rows(txn: WriteTxn, name: str, incoming: list[dict[str, Any]], *, source: str,
               sender: str) -> MergeStats:
    """Merge parsed rows of one table; every write is part of the caller's transaction."""
    stats = MergeStats()
    t = table(name)
    columns = exported_columns(name)
    for start in range(0, len(incoming), CHUNK):
        chunk = incoming[start:start + CHUNK]
        local = {r["id"]: dict(r) for r in txn.session.connection().execute(
            select(t).where(t.c.id.in_([r["id"] for r in chunk]))).mappings()}
        inserts: list[dict[str, Any]] = []
        updates: list[dict[str, Any]] = []
        for row in chunk:
            _validate(name, row)
            mine = local.get(row["id"])
            if mine is None:
                inserts.append(row | {"change_seq": txn.seq, "received_from": sender})
                txn.history.append(_history(name, row, "(created)", None, None, source))
                continue
            result = _merge_one(txn, name, mine, row, source, stats)
            if result is None:
                stats.unchanged += 1
            else:
                # Only the sender's own version, stored as it came, is known to be on the sender.
                received = sender if result is row else None
                updates.append({f"p_{c}": result[c] for c in columns}
                               | {"p_change_seq": txn.seq, "p_received_from": received})
        conn = txn.session.connection()
        if inserts:
            conn.execute(insert(t), inserts)
            stats.inserted += len(inserts)
        if updates:
            values: dict[str, Any]
            values = {c: bindparam(f"p_{c}") for c in (*columns, "change_seq", "received_from") if c != "id"}
            conn.execute(update(t).where(t.c.id == bindparam("p_id")).values(values), updates)
            stats.updated += len(updates)
        for row in chunk:
            txn.touched(name, row["id"])
    return stats


def _merge_one(txn: WriteTxn, name: str, mine: dict[str, Any], theirs: dict[str, Any], source: str,
               stats: MergeStats) -> dict[str, Any] | None:
    """Return the row to store, or None when the local version already covers the incoming one."""
    mine_vv, their_vv = vvec.loads(mine["vv"]), vvec.loads(theirs["vv"])
    order = vvec.compare(their_vv, mine_vv)
    if order is vvec.Order.EQUAL and name == "member":
        return privacy.fill(mine, theirs)
    if order in (vvec.Order.EQUAL, vvec.Order.BEFORE):
        return None
    if order is vvec.Order.AFTER:
        result = theirs
    else:
        winner, loser = (theirs, mine) if _rank(name, theirs) > _rank(name, mine) else (mine, theirs)
        # A forgotten person's older details are not kept as a conflict either.
        private = name == "member" and (mine.get("forgotten") or theirs.get("forgotten"))
        if (name != "conflict" and not private and content(winner) != content(loser)
                and _keep_conflict(txn, name, loser, winner)):
            stats.conflicts += 1
        result = winner | {"vv": vvec.dumps(vvec.merge(mine_vv, their_vv))}
    if name == "member":
        result = privacy.settle(mine, theirs, result)
    _field_history(txn, name, mine, result, source)  # records nothing when the local version won
    return result


def _rank(name: str, row: dict[str, Any]) -> tuple:
    """Order of concurrent versions: the later stamp, except that a person's decision on a conflict
    beats a copy of it that another replica detected on its own later (it would undo the decision)."""
    if name == "conflict":
        return (row["resolved_at"] is not None, row["hlc"])
    return (row["hlc"],)


def _field_history(txn: WriteTxn, name: str, old: dict[str, Any], new: dict[str, Any], source: str) -> None:
    forgotten = name == "member" and new.get("forgotten")
    for field, value in content(new).items():
        if field != "created_at" and old.get(field) != value:
            before = None if forgotten and field in privacy.PERSONAL_FIELDS else as_text(old.get(field))
            txn.history.append(_history(name, new, field, before, as_text(value), source))


def _history(name: str, row: dict[str, Any], field: str, old: str | None, new: str | None,
             source: str) -> dict[str, Any]:
    return {"table_name": name, "row_id": row["id"], "field": field, "old": old, "new": new,
            "hlc": row["hlc"], "device_id": row["origin_device"], "source": source}


def _keep_conflict(txn: WriteTxn, name: str, loser: dict[str, Any], winner: dict[str, Any]) -> bool:
    """Record the losing version once; its id comes from the version, so replicas agree on it."""
    conflict_id = derived_id("conflict", name, loser["id"], loser["hlc"])
    t = table("conflict")
    conn = txn.session.connection()
    if conn.execute(select(t.c.id).where(t.c.id == conflict_id)).first() is not None:
        return False
    hlc = txn.stamp()
    body = json.dumps({k: to_json(v) for k, v in content(loser).items()}, ensure_ascii=False, sort_keys=True)
    conn.execute(insert(t).values(
        id=conflict_id, site_code=winner["site_code"], table_name=name, row_id=loser["id"],
        loser_hlc=loser["hlc"], loser_device=loser["origin_device"], loser_json=body, resolution=None,
        resolved_at=None, created_at=txn.now, updated_at=txn.now, hlc=hlc, vv=txn.first_vv,
        origin_device=txn.device_id, deleted=False, change_seq=txn.seq))
    txn.touched("conflict", conflict_id)
    return True
