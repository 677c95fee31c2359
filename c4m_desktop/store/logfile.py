"""The app's log: a rotating file in the data folder, readable by the user only.

What is logged is ids, counts, file names and tracebacks, never a password, key, token or a person's
details; ``SecretFilter`` is a second line of defence that blanks values of secret-looking names.
"""

from __future__ import annotations

import logging
import os
import re
from logging.handlers import RotatingFileHandler
from pathlib import Path

from .paths import data_dir

MAX_BYTES, KEEP = 1024 * 1024, 5
FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"
_SECRET = re.compile(r"(?i)\b(password|passwd|secret|token|private[_ ]?key|api[_ ]?key)(\s*[=:]\s*)(\S+)")


class SecretFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        cleaned = _SECRET.sub(r"\1\2***", message)
        if cleaned != message:
            record.msg, record.args = cleaned, None
        return True


class _PrivateRotatingFile(RotatingFileHandler):
    """Every file it opens, including rotated ones, is created mode 0600."""

    def _open(self):  # noqa: ANN202 (logging's own signature)
        stream = super()._open()
        os.chmod(self.baseFilename, 0o600)
        return stream


def configure(folder: Path | None = None, level: int = logging.INFO) -> Path:
    """Send the app's log records to ``<data folder>/logs/c4m.log``; return the file's path."""
    folder = (folder or data_dir()) / "logs"
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = folder / "c4m.log"
    root = logging.getLogger("c4m_desktop")
    for old in [h for h in root.handlers if isinstance(h, _PrivateRotatingFile)]:
        root.removeHandler(old)
        old.close()
    handler = _PrivateRotatingFile(path, maxBytes=MAX_BYTES, backupCount=KEEP, encoding="utf-8")
    handler.setFormatter(logging.Formatter(FORMAT))
    handler.addFilter(SecretFilter())
    root.addHandler(handler)
    root.setLevel(level)
    return path
