"""Reading small JSON files that may come from outside (a USB stick, a colleague): bounded and typed."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

MAX_BYTES = 1024 * 1024


def read_json_object(path: Path, *, max_bytes: int = MAX_BYTES) -> dict[str, Any]:
    """The JSON object in a file; ValueError when it is too large, not UTF-8 JSON, or not an object."""
    with open(path, "rb") as fh:
        data = fh.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise ValueError(f"{path.name} is larger than {max_bytes} bytes")
    value = json.loads(data.decode("utf-8"))
    if not isinstance(value, dict):
        raise ValueError(f"{path.name} does not hold a JSON object")
    return value
