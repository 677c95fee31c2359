"""Hybrid logical clock: stamps that sort in causal and (roughly) wall-clock order across devices.

A stamp is text ``2026-11-23T12:34:56.789Z/000001/<device>``: fixed-width UTC milliseconds, a
counter for events within one millisecond, and the device id to break ties, so plain string
comparison gives one total order that every replica agrees on.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache

COUNTER_WIDTH = 6
MAX_COUNTER = 10**COUNTER_WIDTH - 1


def _wall_ms() -> int:
    return time.time_ns() // 1_000_000


@lru_cache(maxsize=64)
def _ms_text(ms: int) -> str:
    # Bulk writes stamp many rows within one millisecond; format each instant once.
    when = datetime.fromtimestamp(ms / 1000, UTC)
    return f"{when:%Y-%m-%dT%H:%M:%S}.{ms % 1000:03d}Z"


@dataclass(frozen=True, order=True)
class Stamp:
    ms: int
    counter: int
    device: str

    def encode(self) -> str:
        """Return the sortable text form."""
        return f"{_ms_text(self.ms)}/{self.counter:0{COUNTER_WIDTH}d}/{self.device}"

    @classmethod
    def decode(cls, text: str) -> Stamp:
        """Parse the text form; raise ValueError on anything else."""
        try:
            when, counter, device = text.split("/", 2)
            dt = datetime.strptime(when, "%Y-%m-%dT%H:%M:%S.%fZ").replace(tzinfo=UTC)
        except ValueError as exc:
            raise ValueError(f"not a clock stamp: {text!r}") from exc
        if len(counter) != COUNTER_WIDTH or not counter.isdigit() or not device:
            raise ValueError(f"not a clock stamp: {text!r}")
        ms = int(dt.timestamp() * 1000 + 0.5)
        return cls(ms, int(counter), device)


class ClockDriftError(ValueError):
    """A remote stamp lies further in the future than the clock accepts."""


class HybridLogicalClock:
    """Issue stamps that never go backwards, whatever the wall clock does."""

    def __init__(
        self,
        device: str,
        *,
        last: Stamp | None = None,
        wall_ms: Callable[[], int] = _wall_ms,
        max_drift_ms: int | None = None,
    ):
        self.device = device
        self._wall = wall_ms
        self._ms = last.ms if last else 0
        self._counter = last.counter if last else 0
        self.max_drift_ms = max_drift_ms

    @property
    def last(self) -> Stamp:
        return Stamp(self._ms, self._counter, self.device)

    def now(self) -> Stamp:
        """Return a stamp for a local event, later than every stamp issued or observed."""
        wall = self._wall()
        if wall > self._ms:
            self._ms, self._counter = wall, 0
        else:
            self._bump()
        return self.last

    def observe(self, remote: Stamp) -> None:
        """Move the clock past a stamp seen in imported data."""
        wall = self._wall()
        if self.max_drift_ms is not None and remote.ms - wall > self.max_drift_ms:
            raise ClockDriftError(remote.encode())
        if remote.ms > self._ms:
            self._ms, self._counter = remote.ms, remote.counter
        elif remote.ms == self._ms:
            self._counter = max(self._counter, remote.counter)

    def _bump(self) -> None:
        if self._counter >= MAX_COUNTER:
            # Borrow the next millisecond rather than overflow the fixed-width counter.
            self._ms, self._counter = self._ms + 1, 0
        else:
            self._counter += 1
