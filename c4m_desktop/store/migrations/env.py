"""Alembic environment: runs on the connection the app hands over (never reads alembic.ini)."""

from __future__ import annotations

from alembic import context

from c4m_desktop.store import search
from c4m_desktop.store.models import Base


def not_search_index(name, type_, _parent) -> bool:
    """The FTS index and its shadow tables are made by hand (store.search), not from the models."""
    return not (type_ == "table" and name and name.startswith(search.TABLE))


connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reached by a bare `alembic` command
    raise SystemExit("Run migrations through c4m_desktop.store.migrate, which passes a connection.")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
    include_name=not_search_index,
)
with context.begin_transaction():
    context.run_migrations()
