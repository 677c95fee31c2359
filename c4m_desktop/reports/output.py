"""Writing a finished report to disk, for the command line and the window alike."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from ..domain.messages import N_, UserError

CANNOT_WRITE = N_("Cannot write {path}: {reason}")


def write_pdf(path: Path, data: bytes) -> None:
    """Write the whole file or nothing (a temporary file renamed into place)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=".c4m-report-", suffix=".pdf", dir=path.resolve().parent)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
    except OSError as error:
        raise UserError(CANNOT_WRITE, rejected=False, path=str(path),
                        reason=error.strerror or str(error)) from None
