"""Before the database opens: is the file sound? If not, say so plainly and offer the newest sound backup,
instead of crashing or starting on an empty database."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from .. import i18n
from ..i18n import _
from ..services import backups
from ..store.paths import attachments_dir, backups_dir


def backup_folder(db_path: Path) -> Path:
    """Where to look: the default folder beside the database (the one chosen in Settings is inside the damaged file)."""
    return backups_dir(db_path.parent)


def database_usable(db_path: Path, parent: QWidget | None = None) -> bool:
    """True when the database can be opened (sound, or restored from a backup the person accepted)."""
    if not db_path.exists():
        return True
    damage = backups.damage(db_path)
    if not damage:
        return True
    title = _("The database is damaged")
    folder = backup_folder(db_path)
    sound = backups.newest_sound(folder)
    if sound is None:
        QMessageBox.critical(parent, title, _(
            "SQLite found damage in {path}: {detail}\n\nThere is no sound backup in {folder}. Keep the damaged "
            "file as it is and ask your IT helper or MI for help; if you have a backup on a USB stick, restore it "
            "with: c4m restore FILE").format(path=db_path, detail=damage[0], folder=folder))
        return False
    answer = QMessageBox.question(parent, title, _(
        "SQLite found damage in {path}: {detail}\n\nRestore the newest sound backup, made {when} with {n} "
        "associations? The damaged file is kept as a backup, so nothing more is lost.").format(
        path=db_path, detail=damage[0], when=i18n.format_datetime(sound.made), n=sound.counts.get("association", "?")))
    if answer != QMessageBox.StandardButton.Yes:
        return False
    backups.restore(db_path, sound.path, files_dir=attachments_dir(db_path.parent), folder=folder)
    return True
