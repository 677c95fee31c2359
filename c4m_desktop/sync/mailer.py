"""SMTP transport for bundles: settings, a reachability probe and one send with clear failures.

Every failure becomes a ``SendFailed`` with a plain message and a ``temporary`` flag: temporary
ones (no network, a busy server, a dropped connection, a 4xx reply) are retried by the outbox
with backoff; the others (a wrong password, a 5xx refusal, an untrusted certificate) wait for a
person. The password is an argument only: it is never stored, logged or put into a message here.
"""

from __future__ import annotations

import smtplib
import socket
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email import utils as email_utils
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from pathlib import Path
from typing import Any

from ..domain.messages import N_, UserError
from ..domain.validation import _EMAIL
from ..services import settings as app_settings
from ..services.workspace import Workspace

SECURITY = ("ssl", "starttls", "none")
DEFAULT_PORTS = {"ssl": 465, "starttls": 587, "none": 25}
DEFAULT_TIMEOUT = 30.0
KEYS = {"host": "smtp_host", "port": "smtp_port", "security": "smtp_security",
        "username": "smtp_username", "sender": "smtp_sender", "timeout": "smtp_timeout"}
# Hosts where a password may go without TLS: a relay or tunnel on this very machine.
LOOPBACK = ("localhost", "127.0.0.1", "::1")
REPLY_CHARS = 300

# Messages (English source strings; ``i18n.error_text`` translates them).
NOT_CONFIGURED = N_("No mail server is set up yet. Enter it under Settings, E-mail.")
NOT_REACHABLE = N_("The mail server {server} cannot be reached ({reason}). The export stays in the "
                   "outbox and is tried again later.")
UNKNOWN_HOST = N_("The mail server name {host} cannot be found: the internet connection may be down, or "
                  "the name in the settings is wrong. The export is tried again later.")
TIMED_OUT = N_("The mail server {server} did not answer in time. The export is tried again later.")
AUTH_FAILED = N_("The mail server refused the user name or password for {username}. Check them in the "
                 "settings, then send again.")
NO_PASSWORD = N_("No password is known for {username}. Enter it in the e-mail settings, then send again.")
NO_AUTH = N_("The mail server {server} does not offer login. Check the port and the security setting.")
NO_STARTTLS = N_("The mail server {server} does not offer STARTTLS. Choose SSL or another port in the "
                 "settings.")
CLEARTEXT = N_("The password would cross the network unencrypted. Choose SSL or STARTTLS for {server}.")
BAD_CERTIFICATE = N_("The certificate of the mail server {server} cannot be trusted ({reason}). Check the "
                     "server name, or ask your IT helper.")
TLS_FAILED = N_("A secure connection to the mail server {server} failed ({reason}). Check the port and "
                "the security setting.")
DROPPED = N_("The connection to the mail server dropped while sending. The export is sent again later.")
TEMPORARY_REPLY = N_("The mail server asked to try again later: {code} {reply}")
REFUSED_REPLY = N_("The mail server refused the message: {code} {reply}")
MISSING_FILE = N_("The bundle file {path} is missing, so it cannot be sent. Export again.")
BAD_PORT = N_("The mail server port must be a number from 1 to 65535.")
BAD_SECURITY = N_("Choose SSL, STARTTLS or none as the connection security.")
BAD_SENDER = N_("{value} is not a valid e-mail address.")
BAD_TIMEOUT = N_("The mail timeout must be a number of seconds from 1 to 600.")


class SendFailed(UserError):
    """A send did not happen; ``temporary`` says whether trying again later can help."""

    def __init__(self, message: str, *, temporary: bool, **params: Any):
        super().__init__(message, rejected=False, **params)
        self.temporary = temporary


@dataclass(frozen=True)
class SmtpSettings:
    host: str = ""
    port: int = DEFAULT_PORTS["starttls"]
    security: str = "starttls"
    username: str = ""
    sender: str = ""
    timeout: float = DEFAULT_TIMEOUT

    @property
    def configured(self) -> bool:
        return bool(self.host and self.sender)

    @property
    def server(self) -> str:
        return f"{self.host}:{self.port}"

    def validate(self) -> None:
        """Raise a UserError for the first setting that cannot work."""
        if self.security not in SECURITY:
            raise UserError(BAD_SECURITY)
        if isinstance(self.port, bool) or not isinstance(self.port, int) or not 1 <= self.port <= 65535:
            raise UserError(BAD_PORT)
        if self.sender and not _EMAIL.match(self.sender):
            raise UserError(BAD_SENDER, value=self.sender)
        if not 1 <= self.timeout <= 600:
            raise UserError(BAD_TIMEOUT)

    @classmethod
    def load(cls, ws: Workspace) -> SmtpSettings:
        """Read the settings of this install (defaults where none are stored)."""
        raw = {name: app_settings.get(ws, key) for name, key in KEYS.items()}
        security = raw["security"] if raw["security"] in SECURITY else "starttls"
        try:
            port = int(raw["port"]) if raw["port"] else DEFAULT_PORTS[security]
        except ValueError:
            port = DEFAULT_PORTS[security]
        try:
            timeout = float(raw["timeout"]) if raw["timeout"] else DEFAULT_TIMEOUT
        except ValueError:
            timeout = DEFAULT_TIMEOUT
        return cls(host=raw["host"] or "", port=port, security=security, username=raw["username"] or "",
                   sender=raw["sender"] or "", timeout=timeout)

    def save(self, ws: Workspace) -> None:
        """Validate and store these settings (there is no password among them)."""
        self.validate()
        values = {"host": self.host.strip(), "port": str(self.port), "security": self.security,
                  "username": self.username.strip(), "sender": self.sender.strip(),
                  "timeout": f"{self.timeout:g}"}
        for name, key in KEYS.items():
            app_settings.put(ws, key, values[name] or None)


def reachable(settings: SmtpSettings, timeout: float = 3.0) -> bool:
    """Say whether a TCP connection to the server opens (nothing is sent over it)."""
    if not settings.host:
        return False
    try:
        with socket.create_connection((settings.host, settings.port), timeout=timeout):
            return True
    except OSError:
        return False


def build_message(settings: SmtpSettings, *, to: str, subject: str, body: str, attachment: Path,
                  headers: dict[str, str] | None = None) -> EmailMessage:
    """Return the e-mail for a bundle: a text body and the bundle as an octet-stream attachment."""
    try:
        data = attachment.read_bytes()
    except FileNotFoundError:
        raise SendFailed(MISSING_FILE, temporary=False, path=str(attachment)) from None
    msg = EmailMessage(policy=SMTP_POLICY)
    msg["From"] = settings.sender
    msg["To"] = to
    msg["Subject"] = subject
    msg["Date"] = email_utils.format_datetime(datetime.now(UTC))
    # The sender's domain, not getfqdn(): that may wait on DNS for seconds on a laptop offline.
    msg["Message-ID"] = email_utils.make_msgid("c4m", domain=settings.sender.rpartition("@")[2] or None)
    for name, value in (headers or {}).items():
        msg[name] = value
    msg.set_content(body)
    msg.add_attachment(data, maintype="application", subtype="octet-stream", filename=attachment.name)
    return msg


def send(settings: SmtpSettings, password: str | None, *, to: str, subject: str, body: str,
         attachment: Path, ssl_context: ssl.SSLContext | None = None,
         headers: dict[str, str] | None = None) -> str:
    """Send one bundle by e-mail and return its Message-ID; raise SendFailed on any failure."""
    if not settings.configured:
        raise SendFailed(NOT_CONFIGURED, temporary=False)
    if settings.username and not password:
        raise SendFailed(NO_PASSWORD, temporary=False, username=settings.username)
    if settings.username and settings.security == "none" and settings.host.lower() not in LOOPBACK:
        raise SendFailed(CLEARTEXT, temporary=False, server=settings.server)
    msg = build_message(settings, to=to, subject=subject, body=body, attachment=attachment, headers=headers)
    context = ssl_context or ssl.create_default_context()
    phase = "connect"
    smtp: smtplib.SMTP | None = None
    try:
        if settings.security == "ssl":
            smtp = smtplib.SMTP_SSL(settings.host, settings.port, timeout=settings.timeout, context=context)
        else:
            smtp = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
        phase = "hello"
        smtp.ehlo()
        if settings.security == "starttls":
            phase = "starttls"
            smtp.starttls(context=context)
            smtp.ehlo()
        if settings.username:
            phase = "login"
            smtp.login(settings.username, password or "")
        phase = "transfer"
        smtp.send_message(msg, from_addr=settings.sender, to_addrs=[to])
        phase = "sent"
    except SendFailed:
        raise
    except Exception as error:
        raise _failure(error, phase, settings) from None
    finally:
        if smtp is not None:
            _close(smtp, polite=phase == "sent")
    return str(msg["Message-ID"])


def _close(smtp: smtplib.SMTP, *, polite: bool) -> None:
    # Once the server has accepted the message, nothing after it may count as a failure
    # (that would send the bundle twice), so QUIT's own errors are ignored.
    try:
        if polite:
            smtp.quit()
    except (smtplib.SMTPException, OSError):
        pass
    finally:
        smtp.close()


def _reply(code: int, raw: bytes | str, *, temporary_ok: bool = True) -> SendFailed:
    text = raw.decode("utf-8", "replace") if isinstance(raw, bytes) else str(raw)
    text = " ".join(text.split())[:REPLY_CHARS]
    if 400 <= code < 500 and temporary_ok:
        return SendFailed(TEMPORARY_REPLY, temporary=True, code=code, reply=text)
    return SendFailed(REFUSED_REPLY, temporary=False, code=code, reply=text)


def _failure(error: Exception, phase: str, s: SmtpSettings) -> SendFailed:
    """Translate whatever smtplib, ssl or the socket raised into one SendFailed."""
    if isinstance(error, smtplib.SMTPAuthenticationError):
        if 400 <= error.smtp_code < 500:
            return _reply(error.smtp_code, error.smtp_error)
        return SendFailed(AUTH_FAILED, temporary=False, username=s.username)
    if isinstance(error, smtplib.SMTPNotSupportedError):
        if phase == "starttls":
            return SendFailed(NO_STARTTLS, temporary=False, server=s.server)
        return SendFailed(NO_AUTH, temporary=False, server=s.server)
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, raw = next(iter(error.recipients.values()), (550, b""))
        return _reply(code, raw)
    if isinstance(error, smtplib.SMTPResponseException):  # sender, data, connect, helo, other replies
        if error.smtp_code < 400:  # e.g. a -1 from a broken greeting
            return SendFailed(DROPPED, temporary=True)
        return _reply(error.smtp_code, error.smtp_error)
    if isinstance(error, smtplib.SMTPServerDisconnected):
        return SendFailed(DROPPED, temporary=True)
    if isinstance(error, ssl.SSLCertVerificationError):
        return SendFailed(BAD_CERTIFICATE, temporary=False, server=s.server,
                          reason=error.verify_message or str(error))
    if isinstance(error, ssl.SSLError):
        return SendFailed(TLS_FAILED, temporary=False, server=s.server, reason=error.reason or str(error))
    if isinstance(error, socket.gaierror):
        return SendFailed(UNKNOWN_HOST, temporary=True, host=s.host)
    if isinstance(error, TimeoutError):
        if phase == "transfer":
            return SendFailed(DROPPED, temporary=True)
        return SendFailed(TIMED_OUT, temporary=True, server=s.server)
    if isinstance(error, OSError):
        if phase == "connect":
            return SendFailed(NOT_REACHABLE, temporary=True, server=s.server,
                              reason=error.strerror or type(error).__name__)
        return SendFailed(DROPPED, temporary=True)
    if isinstance(error, smtplib.SMTPException):
        return SendFailed(DROPPED, temporary=True)
    raise error
