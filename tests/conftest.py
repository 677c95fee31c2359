"""Shared fixtures; tests that touch Qt are marked `gui` automatically (qutebrowser's habit)."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def pytest_collection_modifyitems(items):
    for item in items:
        if "qtbot" in getattr(item, "fixturenames", ()) or "/tests/ui/" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(autouse=True)
def _isolated_data_dir(tmp_path, monkeypatch):
    """Never touch the real per-user data folder from a test."""
    monkeypatch.setenv("C4M_DATA_DIR", str(tmp_path / "data"))


@pytest.fixture
def ws(tmp_path):
    """An initialised workspace on a real SQLite file."""
    from c4m_desktop.services import device
    from c4m_desktop.services.workspace import Workspace

    w = Workspace.open(tmp_path / "c4m.sqlite")
    device.initialise(w, site_code="SRP", coordinator="Sokha")
    yield w
    w.close()
