"""The Qt binding itself must survive a long session: PySide6 6.12.0 aborted after ~10,000 emits."""

from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Ticker(QObject):
    tick = Signal(int)


def test_emitting_signals_leaks_no_references(qtbot):
    ticker = _Ticker()
    seen = []
    ticker.tick.connect(seen.append)
    before = sys.getrefcount(True)
    for i in range(2000):  # a day of the sender's timer and progress signals, many times over
        ticker.tick.emit(i)
    assert len(seen) == 2000
    assert sys.getrefcount(True) >= before  # 6.12.0 lost one reference to True per emit
