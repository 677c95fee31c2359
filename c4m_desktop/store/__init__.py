"""Persistence: SQLAlchemy 2.x models, the database connection, Alembic migrations and backups."""
