"""Fixtures shared by the window tests."""

from __future__ import annotations

import pytest

from c4m_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, ws):
    """The main window on the test workspace, shown, with its first loads done."""
    w = MainWindow(ws)
    qtbot.addWidget(w)
    w.show()
    qtbot.waitUntil(lambda: not w.runner.busy)
    return w
