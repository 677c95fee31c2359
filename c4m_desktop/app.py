"""Start the GUI: settings, then the store, then the Qt main window."""

from __future__ import annotations

from collections.abc import Sequence


def run(argv: Sequence[str]) -> int:
    from .ui.main import run_gui

    return run_gui(list(argv))
