"""A notice beside a Burmese text field whose text looks like Zawgyi, with a button to convert it.

The text is never changed until the person presses "Convert to Unicode"; the conversion is
typed into the field as an edit, so Ctrl+Z takes it back.
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QPlainTextEdit, QPushButton, QWidget

from ..domain import zawgyi
from ..i18n import _


class ZawgyiNotice(QWidget):
    """Watches one QLineEdit or QPlainTextEdit; hidden unless its text looks like Zawgyi."""

    def __init__(self, field: QLineEdit | QPlainTextEdit, parent: QWidget | None = None):
        super().__init__(parent)
        self.field = field
        self.setObjectName(f"{field.objectName()}_zawgyi")
        self.message = QLabel(_("This Burmese text looks like Zawgyi. Convert it to Unicode so that "
                                "it shows, sorts and prints correctly everywhere."), self)
        self.message.setWordWrap(True)
        self.message.setStyleSheet("color: #8a5300")
        self.button = QPushButton(_("Convert to Unicode"), self)
        self.button.setAccessibleName(_("Convert this Burmese text from Zawgyi to Unicode"))
        self.button.clicked.connect(self.convert)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.message, 1)
        row.addWidget(self.button)
        field.textChanged.connect(self.check)
        self.hide()

    def text(self) -> str:
        f = self.field
        return f.toPlainText() if isinstance(f, QPlainTextEdit) else f.text()

    def check(self) -> None:
        """Show the notice when the field's text looks like Zawgyi, hide it otherwise."""
        f = self.field
        hidden = isinstance(f, QLineEdit) and f.echoMode() != QLineEdit.EchoMode.Normal  # a password
        self.setVisible(not hidden and zawgyi.looks_like_zawgyi(self.text()))

    def convert(self) -> None:
        """Replace the field's text by its Unicode conversion, as one undoable edit."""
        text = self.text()
        if not zawgyi.looks_like_zawgyi(text):
            self.hide()
            return
        converted = zawgyi.to_unicode(text)
        f = self.field
        if isinstance(f, QPlainTextEdit):
            cursor = f.textCursor()
            cursor.select(cursor.SelectionType.Document)
            cursor.insertText(converted)
        else:
            f.selectAll()
            f.insert(converted)
        f.setFocus()
