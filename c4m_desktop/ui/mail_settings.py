"""The "E-mail" settings: the SMTP server the outbox sends exports through, and its password.

The group is titled "E-mail", as the outbox's "Enter it under Settings, E-mail" message says.

The password goes to the OS keyring through ``sync.secrets`` (or stays in memory for this session
where no keyring works); it is never shown back, and the group says where it is kept. Everything
that touches the database or the keyring runs on the worker.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLabel, QLineEdit, QPushButton, QVBoxLayout

from ..domain.messages import N_, Problem, UserError
from ..i18n import _
from ..services import settings
from ..services.workspace import Workspace
from ..sync import actions, mailer, secrets
from .forms import Field, FieldForm
from .ops import OpRunner, show_error

LIMIT_MB = (1, 1000)
FIELDS = (
    Field("host", N_("Mail server")),
    Field("port", N_("Port"), "int"),
    Field("security", N_("Connection security"), "choice",
          lambda: [("ssl", "SSL"), ("starttls", "STARTTLS"), ("none", N_("None (not encrypted)"))]),
    Field("username", N_("User name")),
    Field("sender", N_("Sender address")),
    Field("password", N_("Password")),
    Field("limit_mb", N_("Mail size limit (MB)"), "int"),
)
# Which field a message of SmtpSettings.validate belongs beside.
_FIELD_OF = {mailer.BAD_PORT: "port", mailer.BAD_SECURITY: "security", mailer.BAD_SENDER: "sender"}
BAD_LIMIT = N_("Enter the mail size limit in MB, a whole number from {low} to {high}.")
NO_USER = N_("Enter the user name that goes with this password.")
NO_HOST = N_("Enter the mail server first.")


@dataclass(frozen=True)
class MailInput:
    """What the group holds, checked: the settings, a new password (or None) and the size limit."""

    smtp: mailer.SmtpSettings
    password: str | None
    limit_mb: int


@dataclass(frozen=True)
class Loaded:
    smtp: mailer.SmtpSettings
    limit_mb: int
    password_kept: str | None  # secrets.KEYRING, secrets.SESSION or None


def load(ws: Workspace) -> Loaded:
    """Read the mail settings and where the password is kept (worker side)."""
    smtp = mailer.SmtpSettings.load(ws)
    where = secrets.stored_where(smtp.username) if smtp.username else None
    return Loaded(smtp, actions.mail_limit_mb(ws), where)


def save(ws: Workspace, mail: MailInput) -> str | None:
    """Store checked mail settings and a new password; return where the password is kept (worker side)."""
    mail.smtp.save(ws)
    settings.put(ws, actions.MAIL_LIMIT_SETTING, str(mail.limit_mb))
    if mail.password:
        return secrets.set_password(mail.smtp.username, mail.password)
    return secrets.stored_where(mail.smtp.username) if mail.smtp.username else None


class MailSettingsGroup(QGroupBox):
    """Signals:
        loaded(): the stored settings are shown (the group is enabled from then on).
    """

    loaded = Signal()

    def __init__(self, ws: Workspace, runner: OpRunner, parent=None):
        super().__init__(_("E-mail"), parent)
        self.ws, self.runner = ws, runner
        self.setAccessibleName(_("E-mail"))
        self.is_loaded = False
        self.form = FieldForm(FIELDS)
        self.password = self.form.fields["password"].input
        assert isinstance(self.password, QLineEdit)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.form.fields["security"].input.currentIndexChanged.connect(self._security_changed)
        self._security = "starttls"
        self._timeout = mailer.DEFAULT_TIMEOUT  # not shown; kept as stored
        self.password_note = QLabel(accessibleName=_("Where the password is kept"))
        self.password_note.setWordWrap(True)
        self.password_note.hide()
        self.test_button = QPushButton(_("&Test connection"), accessibleName=_("Test connection"))
        self.test_button.clicked.connect(self.test_connection)
        self.test_note = QLabel(accessibleName=_("Connection test result"))
        self.test_note.setWordWrap(True)
        row = QHBoxLayout()
        row.addWidget(self.test_button)
        row.addWidget(self.test_note, 1)
        intro = QLabel(_("The outbox sends exports to MI through this mail server."))
        intro.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        layout.addWidget(self.password_note)
        layout.addLayout(row)
        self.setEnabled(False)  # until the stored values are in, so a save cannot blank them

    def load(self) -> None:
        """Fetch the stored settings on the worker and show them."""
        ws = self.ws
        self.runner.run(lambda: load(ws), on_success=self.show_loaded, on_error=lambda e: show_error(self, e))

    def show_loaded(self, data: Loaded) -> None:
        s = data.smtp
        self._security, self._timeout = s.security, s.timeout
        self.form.set_values({"host": s.host, "port": s.port, "security": s.security, "username": s.username,
                              "sender": s.sender, "password": "", "limit_mb": data.limit_mb})
        self.show_password_kept(data.password_kept)
        self.form.show_problems([])
        self.is_loaded = True
        self.setEnabled(True)
        self.loaded.emit()

    def show_password_kept(self, where: str | None) -> None:
        self.password.clear()
        if where == secrets.KEYRING:
            text = _("A password is kept in this computer's keyring.")
        elif where == secrets.SESSION:
            text = _("A password is kept for this session only: this computer has no working keyring, so "
                     "the password is asked for again after the app restarts.")
        elif self.form.fields["username"].value():
            text = _("No password is kept for this user name yet.")
        else:
            text = ""
        self.password.setPlaceholderText(_("Type a new password to change it") if where
                                         else _("Password of the mail account"))
        self.password_note.setText(text)
        self.password_note.setVisible(bool(text))

    def _security_changed(self) -> None:
        new = self.form.fields["security"].value()
        port = self.form.fields["port"].value()
        # Follow the new security's usual port unless the user typed another one.
        if port in (None, mailer.DEFAULT_PORTS.get(self._security)) and new in mailer.DEFAULT_PORTS:
            self.form.fields["port"].set_value(mailer.DEFAULT_PORTS[new])
        self._security = new or self._security

    def collect(self) -> MailInput | None:
        """Return the checked input, or None after showing each problem beside its field."""
        values = self.form.values()
        problems = self.form.parse_problems()
        port = values["port"]
        smtp = mailer.SmtpSettings(
            host=(values["host"] or "").strip(), port=port if isinstance(port, int) else 0,
            security=values["security"] or "", username=(values["username"] or "").strip(),
            sender=(values["sender"] or "").strip(), timeout=self._timeout)
        try:
            smtp.validate()
        except UserError as error:
            field = _FIELD_OF.get(error.message)
            if field is None:
                show_error(self, error)
                return None
            if not any(p.field == field for p in problems):
                problems.append(Problem(field, error.message, dict(error.params)))
        limit = values["limit_mb"]
        bad_limit = not isinstance(limit, int) or not LIMIT_MB[0] <= limit <= LIMIT_MB[1]
        if bad_limit and not any(p.field == "limit_mb" for p in problems):
            problems.append(Problem("limit_mb", BAD_LIMIT, {"low": LIMIT_MB[0], "high": LIMIT_MB[1]}))
        password = self.password.text() or None
        if password and not smtp.username:
            problems.append(Problem("password", NO_USER))
        self.form.show_problems(problems)
        if problems:
            return None
        return MailInput(smtp, password, limit)

    def test_connection(self) -> None:
        """Check on the worker whether the server's port opens (no mail is sent)."""
        mail = self.collect()
        if mail is None:
            return
        if not mail.smtp.host:
            self.form.show_problems([Problem("host", NO_HOST)])
            return
        server = mail.smtp.server
        self.test_button.setEnabled(False)
        self.test_note.setText(_("Trying {server}…").format(server=server))

        def done(ok: bool) -> None:
            self.test_button.setEnabled(True)
            self.test_note.setText(
                _("{server} answers: the connection opens.").format(server=server) if ok else
                _("{server} cannot be reached from here now: no network, or a wrong server name or port.").format(
                    server=server))

        def failed(error: BaseException) -> None:
            self.test_button.setEnabled(True)
            self.test_note.clear()
            show_error(self, error)

        self.runner.run(lambda: mailer.reachable(mail.smtp), on_success=done, on_error=failed)
