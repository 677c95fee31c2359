"""Per-row version vectors (device id -> that device's edit count) that tell edits apart.

They let an import see whether an incoming version was built on the local one (fast-forward),
the other way round (stale), or neither (concurrent), exactly, even when bundles were missed.
"""

from __future__ import annotations

import json
from enum import Enum

VersionVector = dict[str, int]


class Order(Enum):
    EQUAL = "equal"
    BEFORE = "before"  # left is an ancestor of right
    AFTER = "after"  # right is an ancestor of left
    CONCURRENT = "concurrent"


def bump(vv: VersionVector, device: str) -> VersionVector:
    """Return a copy counting one more edit by this device."""
    out = dict(vv)
    out[device] = out.get(device, 0) + 1
    return out


def merge(a: VersionVector, b: VersionVector) -> VersionVector:
    """Return the least vector that both a and b precede."""
    return {d: max(a.get(d, 0), b.get(d, 0)) for d in a.keys() | b.keys()}


def compare(a: VersionVector, b: VersionVector) -> Order:
    """Tell how version a relates to version b."""
    a_le = all(n <= b.get(d, 0) for d, n in a.items())
    b_le = all(n <= a.get(d, 0) for d, n in b.items())
    if a_le and b_le:
        return Order.EQUAL
    if a_le:
        return Order.BEFORE
    if b_le:
        return Order.AFTER
    return Order.CONCURRENT


def dumps(vv: VersionVector) -> str:
    """Return a canonical text form (sorted keys) for storage."""
    return json.dumps(vv, sort_keys=True, separators=(",", ":"))


def loads(text: str | None) -> VersionVector:
    """Parse the stored text form; an empty value is the empty vector."""
    return json.loads(text) if text else {}
