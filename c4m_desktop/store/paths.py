"""Where the app keeps its data: the per-user data folder, unless told otherwise."""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_data_dir

APP_NAME = "c4m-desktop"
APP_AUTHOR = "MekongInstitute"
DB_FILE = "c4m.sqlite"
DEMO_DB_FILE = "demo.sqlite"


def data_dir() -> Path:
    """Return the data folder: $C4M_DATA_DIR if set (portable installs, tests), else the OS one."""
    override = os.environ.get("C4M_DATA_DIR")
    return Path(override) if override else Path(user_data_dir(APP_NAME, APP_AUTHOR))


def default_db_path() -> Path:
    return data_dir() / DB_FILE


def demo_db_path() -> Path:
    return data_dir() / DEMO_DB_FILE


def attachments_dir(folder: Path) -> Path:
    """Evidence files of the database in ``folder``."""
    return folder / "attachments"


def backups_dir(folder: Path) -> Path:
    """The default backup folder of the database in ``folder`` (Settings may choose another one)."""
    return folder / "backups"
