"""Draft keeping shared by every editor: typed edits go to disk after a pause in typing, come back
when the editor is opened again after a crash, and go away when saved or discarded."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel

from .. import i18n
from ..i18n import _
from ..services import drafts

DRAFT_DELAY_MS = 800


class DraftKeeper:
    """Mixed into an editor that defines ``ws``, ``dirty``, ``draft_values()`` and ``restore_draft()``."""

    draft_kind: str

    def setup_drafts(self, kind: str) -> QLabel:
        """Start keeping drafts; return the label that says a draft was recovered."""
        self.draft_kind = kind
        self.recovered = QLabel(accessibleName=_("Recovered draft"))
        self.recovered.setWordWrap(True)
        self.recovered.hide()
        self._draft_timer = QTimer(self, singleShot=True, interval=DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.keep_draft)
        return self.recovered

    def draft_row_id(self) -> str | None:
        raise NotImplementedError

    def draft_values(self) -> dict[str, Any]:
        raise NotImplementedError

    def restore_draft(self, values: dict[str, Any]) -> None:
        raise NotImplementedError

    def touch_draft(self) -> None:
        """Call on every edit: the draft is written once typing pauses."""
        if self.dirty:
            self._draft_timer.start()

    def keep_draft(self) -> None:
        if self.dirty:
            drafts.save(self.ws, kind=self.draft_kind, row_id=self.draft_row_id(), values=self.draft_values())

    def drop_draft(self, row_id: str | None = None) -> None:
        self._draft_timer.stop()
        drafts.discard(self.ws, kind=self.draft_kind, row_id=row_id if row_id is not None else self.draft_row_id())
        self.recovered.hide()

    def offer_draft(self) -> None:
        draft = drafts.load(self.ws, kind=self.draft_kind, row_id=self.draft_row_id())
        if draft is None:
            return
        self.restore_draft(draft.values)
        self.recovered.setText(_("Recovered unsaved changes from {when}. Save them, or close and discard them.")
                               .format(when=i18n.format_datetime(draft.saved_at)))
        self.recovered.show()
