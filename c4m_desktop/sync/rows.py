"""Rows as they travel in bundles: every column but the local change number, as JSON values.

Incoming rows are parsed back against the table's columns, so a bundle can only ever bring
values of the right type into known columns of known tables.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import cache
from typing import Any

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)

from ..domain.messages import N_, UserError
from ..store.models import SYNCED
from ..store.types import UTCDateTime

LOCAL_COLUMNS = frozenset({"change_seq", "received_from"})
# Bookkeeping that differs between two versions with the same content.
VERSION_COLUMNS = frozenset({"hlc", "vv", "origin_device", "updated_at", "change_seq", "received_from"})
# Parents before children, so foreign keys hold at every statement (SQLite and PostgreSQL alike).
TABLE_ORDER = (
    "association", "association_sector", "member", "ipr_asset", "business_plan", "business_plan_section",
    "financial_line", "action_plan", "activity", "progress_update", "attachment", "conflict",
)
assert set(TABLE_ORDER) == set(SYNCED), "every synced table must have a place in the import order"


# Columns added by a migration, by revision: a bundle of an older data format lacks them, and its
# rows take the column's default (so a site that has not updated yet can still send to MI).
ADDED_IN: dict[str, dict[str, tuple[str, ...]]] = {
    "0004": {"member": ("consent", "consent_date", "forgotten", "withheld")},
}


LATEST_ADDITION = max(ADDED_IN)


def _absent_columns(name: str, schema: str) -> set[str]:
    return {c for revision, tables in ADDED_IN.items() if schema < revision for c in tables.get(name, ())}


class InvalidRow(UserError):
    pass


def table(name: str) -> Table:
    return SYNCED[name].__table__  # type: ignore[return-value]


def to_json(value: Any) -> Any:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            value = value.replace(tzinfo=UTC)
        return value.astimezone(UTC).isoformat().replace("+00:00", "Z")
    if isinstance(value, date):
        return value.isoformat()
    return value


def export_rows(conn: Any, stmt: Any, name: str, columns: tuple[str, ...]) -> list[dict[str, Any]]:
    """The rows a statement selects (``columns``, in order) as bundle rows: the hot path of export.

    On SQLite the stored text is turned into bundle values directly (times are stored as
    "YYYY-MM-DD HH:MM:SS.ffffff" in UTC, booleans as 0/1), skipping per-value type objects;
    other databases go through SQLAlchemy's types.
    """
    t = table(name)
    times = [c for c in columns if isinstance(t.c[c].type, UTCDateTime | DateTime)]
    if conn.dialect.name != "sqlite":
        dates = [c for c in columns if isinstance(t.c[c].type, Date)]
        rows = [dict(zip(columns, r, strict=True)) for r in conn.execute(stmt)]
        for row in rows:
            for c in (*times, *dates):
                if row[c] is not None:
                    row[c] = to_json(row[c])
        return rows
    flags = [c for c in columns if isinstance(t.c[c].type, Boolean)]
    compiled = stmt.compile(dialect=conn.dialect)
    cursor = conn.connection.driver_connection.cursor()  # sqlite3's own: rows as plain tuples, in C
    try:
        raw = cursor.execute(str(compiled), tuple(compiled.params[k] for k in compiled.positiontup)).fetchall()
    finally:
        cursor.close()
    rows = [dict(zip(columns, r, strict=True)) for r in raw]
    for row in rows:
        for c in times:
            v = row[c]
            if v is not None:
                row[c] = f"{v[:10]}T{v[11:19]}Z" if v.endswith(".000000") or len(v) == 19 else f"{v[:10]}T{v[11:]}Z"
        for c in flags:
            if row[c] is not None:
                row[c] = bool(row[c])
    return rows


def exported_columns(name: str) -> tuple[str, ...]:
    return tuple(c.key for c in table(name).columns if c.key not in LOCAL_COLUMNS)


def content(row: dict[str, Any]) -> dict[str, Any]:
    """What a person edited in this version (equal content means no real conflict)."""
    return {k: v for k, v in row.items() if k not in VERSION_COLUMNS}


def _default(column) -> Any:
    default = column.default
    return None if default is None or callable(default.arg) else default.arg


def _required(parse: Callable[[Any], Any], nullable: bool) -> Callable[[Any], Any]:
    def checked(value: Any) -> Any:
        if value is None:
            if not nullable:
                raise ValueError("missing")
            return None
        return parse(value)
    return checked


def _boolean(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError("not a boolean")
    return value


def _integer(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise ValueError("not an integer")
    return value


def _number(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError("not a number")
    return float(value)


def _time(utc: bool) -> Callable[[Any], datetime]:
    def parse(value: Any) -> datetime:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
        parsed = parsed.astimezone(UTC) if parsed.tzinfo else parsed.replace(tzinfo=UTC)
        return parsed if utc else parsed.replace(tzinfo=None)
    return parse


def _day(value: Any) -> date:
    return date.fromisoformat(str(value))


def _text(length: int | None) -> Callable[[Any], str]:
    def parse(value: Any) -> str:
        if not isinstance(value, str):
            raise ValueError("not text")
        if length is not None and len(value) > length:
            raise ValueError("too long")
        return value
    return parse


def _parser(column) -> Callable[[Any], Any]:
    """The check and conversion of one column's incoming values, chosen once per column type."""
    kind = column.type
    if isinstance(kind, Boolean):
        parse: Callable[[Any], Any] = _boolean
    elif isinstance(kind, Integer | BigInteger):
        parse = _integer
    elif isinstance(kind, Float | Numeric):
        parse = _number
    elif isinstance(kind, UTCDateTime | DateTime):
        parse = _time(isinstance(kind, UTCDateTime))
    elif isinstance(kind, Date):
        parse = _day
    elif isinstance(kind, String | Text):
        parse = _text(getattr(kind, "length", None))
    else:
        raise ValueError(f"unsupported column type {kind!r}")
    return _required(parse, column.nullable)


@cache
def _parsers(name: str) -> dict[str, Callable[[Any], Any]]:
    return {c.key: _parser(c) for c in table(name).columns if c.key not in LOCAL_COLUMNS}


def parse_row(name: str, raw: dict[str, Any], schema: str | None = None) -> dict[str, Any]:
    """Check and convert one incoming row; refuse unknown or missing fields and wrong types.

    ``schema`` is the data format of the bundle; columns it predates take their defaults.
    """
    columns = _parsers(name)
    if schema is not None and schema < LATEST_ADDITION:
        absent = _absent_columns(name, schema) - set(raw)
        if absent:
            raw = raw | {c: _default(table(name).c[c]) for c in absent}
    unknown = set(raw) - set(columns)
    if unknown:
        raise InvalidRow(N_("The bundle has a field this app does not know ({table}.{field}); "
                            "it was made by a newer version. Update the app, then import it."),
                         table=name, field=sorted(unknown)[0])
    out: dict[str, Any] = {}
    for key, parse in columns.items():
        if key not in raw:
            raise InvalidRow(N_("A {table} row in the bundle lacks the field {field}; it is refused."),
                             table=name, field=key)
        try:
            out[key] = parse(raw[key])
        except (ValueError, TypeError) as e:
            raise InvalidRow(N_("A {table} row in the bundle has an invalid {field} ({reason}); it is refused."),
                             table=name, field=key, reason=str(e)) from None
    return out
