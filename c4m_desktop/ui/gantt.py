"""The action-plan timeline: a bar per activity from start to due, progress filled in, today's
line drawn across, overdue activities marked in red."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from ..i18n import _
from ..services.action_plans import ActivityRow

ROW_H = 28
LABEL_W = 260
TOP = 30
BAR = QColor("#3b82c4")
DONE = QColor("#1f4e79")
LATE = QColor("#c62828")


class Gantt(QWidget):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.setAccessibleName(_("Timeline"))
        self.rows: list[ActivityRow] = []
        self.today = date.today()
        self.first = self.last = self.today
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)

    def set_rows(self, rows: list[ActivityRow], *, start: date | None, end: date | None,
                 today: date | None = None) -> None:
        self.rows = [r for r in rows if r.record.start_date or r.record.due_date]
        self.today = today or date.today()
        dates = [d for r in self.rows for d in (r.record.start_date, r.record.due_date) if d]
        dates += [d for d in (start, end, self.today) if d]
        self.first = min(dates).replace(day=1)
        self.last = max(dates) + timedelta(days=1)
        self.setMinimumHeight(TOP + ROW_H * max(1, len(self.rows)) + 10)
        self.overdue = [r for r in self.rows if r.overdue(self.today)]
        self.setAccessibleDescription(_("{n} activities, {late} overdue").format(
            n=len(self.rows), late=len(self.overdue)))
        self.update()

    def x_of(self, day: date) -> float:
        span = max(1, (self.last - self.first).days)
        return LABEL_W + (self.width() - LABEL_W - 10) * (day - self.first).days / span

    def paintEvent(self, _event) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.fillRect(self.rect(), self.palette().base())
        small = QFont(self.font())
        small.setPointSizeF(self.font().pointSizeF() * 0.85)
        p.setFont(small)
        p.setPen(QPen(QColor("#bbbbbb")))
        month = self.first
        while month < self.last:
            x = self.x_of(month)
            p.drawLine(int(x), TOP - 6, int(x), self.height())
            if month.month in (1, 4, 7, 10) or month == self.first:
                p.setPen(QPen(self.palette().text().color()))
                p.drawText(int(x) + 2, TOP - 10, f"{month:%Y-%m}")
                p.setPen(QPen(QColor("#bbbbbb")))
            month = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        p.setFont(self.font())
        for i, row in enumerate(self.rows):
            r = row.record
            y = TOP + i * ROW_H
            late = row.overdue(self.today)
            p.setPen(QPen(LATE if late else self.palette().text().color()))
            title = ("⚠ " if late else "") + r.title
            p.drawText(QRectF(4, y, LABEL_W - 8, ROW_H), Qt.AlignmentFlag.AlignVCenter, title)
            start, due = r.start_date or r.due_date, r.due_date or r.start_date
            x0, x1 = self.x_of(start), max(self.x_of(due), self.x_of(start) + 3)
            bar = QRectF(x0, y + 6, x1 - x0, ROW_H - 12)
            p.setPen(QPen(LATE, 2) if late else Qt.PenStyle.NoPen)
            p.setBrush(BAR)
            p.drawRoundedRect(bar, 3, 3)
            if row.percent:
                done = QRectF(bar)
                done.setWidth(bar.width() * min(100.0, row.percent) / 100)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(DONE)
                p.drawRoundedRect(done, 3, 3)
        x = self.x_of(self.today)
        p.setPen(QPen(LATE, 2, Qt.PenStyle.DashLine))
        p.drawLine(int(x), TOP - 6, int(x), self.height())
        p.drawText(int(x) + 3, self.height() - 4, _("today"))
        p.end()
