"""Associations with their sectors (a synced link row per sector, id derived from the pair)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..domain.messages import N_, Problem, ValidationError
from ..domain.sectors import SECTORS
from ..store.models import AssociationSector
from . import records
from .workspace import Changes, Workspace, WriteTxn


@dataclass(frozen=True)
class AssociationDetail:
    record: Any
    sectors: tuple[str, ...]


def _check_sectors(sectors: Iterable[str]) -> list[str]:
    codes = list(dict.fromkeys(sectors))
    bad = [c for c in codes if c not in SECTORS]
    if bad:
        raise ValidationError([Problem("sectors", N_("{value} is not a sector of the taxonomy."),
                                       {"value": b}) for b in bad])
    return codes


def set_sectors(txn: WriteTxn, association_id: str, sectors: Iterable[str]) -> None:
    """Make the association's live sectors exactly these, reviving or tombstoning link rows."""
    wanted = set(_check_sectors(sectors))
    existing = {r.sector: r for r in txn.session.scalars(
        select(AssociationSector).where(AssociationSector.association_id == association_id))}
    for code, row in existing.items():
        records.set_deleted(txn, "association_sector", row, code not in wanted)
    new = [
        records.prepare_new(txn, "association_sector", {"association_id": association_id, "sector": c},
                            row_id=records.derived_id("association_sector", association_id, c))
        for c in sorted(wanted - existing.keys())
    ]
    records.insert_rows(txn, "association_sector", new)


def sectors_of(txn_or_session: Any, association_id: str) -> tuple[str, ...]:
    session = getattr(txn_or_session, "session", txn_or_session)
    return tuple(sorted(session.scalars(
        select(AssociationSector.sector).where(AssociationSector.association_id == association_id,
                                               AssociationSector.deleted.is_(False)))))


def create(ws: Workspace, *, values: Mapping[str, Any], sectors: Iterable[str] = (),
           source: str | None = None) -> Changes:
    """Create an association with its sectors in one transaction."""
    with ws.write(source=source) as txn:
        codes = _check_sectors(sectors)
        row = records.prepare_new(txn, "association", values)
        records.insert_rows(txn, "association", [row])
        set_sectors(txn, row["id"], codes)
        detail = AssociationDetail(records.to_record("association", records.load(
            txn.session, "association", row["id"])), tuple(sorted(codes)))
    return Changes(frozenset(txn.tables), frozenset(txn.ids), detail)


def update(ws: Workspace, *, row_id: str, changes: Mapping[str, Any],
           sectors: Iterable[str] | None = None, source: str | None = None) -> Changes:
    """Change an association's fields and, if given, its sectors, in one transaction."""
    with ws.write(source=source) as txn:
        row = records.load(txn.session, "association", row_id)
        records.apply_update(txn, "association", row, changes)
        if sectors is not None:
            set_sectors(txn, row.id, sectors)
        detail = AssociationDetail(records.to_record("association", row), sectors_of(txn, row.id))
    return Changes(frozenset(txn.tables), frozenset(txn.ids), detail)


def get(ws: Workspace, *, row_id: str) -> AssociationDetail:
    with ws.read() as s:
        return AssociationDetail(records.to_record("association", records.load(s, "association", row_id)),
                                 sectors_of(s, row_id))
