"""The SMTP password: in the OS keyring, or for this session only in memory when there is none.

It is never written to the database, the settings, a log or a bundle. Where no keyring works
(a headless Linux box, a locked keychain) the password lives in this process until it ends,
and ``set_password`` says so, so the UI can tell the user it will be asked for again.
"""

from __future__ import annotations

import contextlib
import threading

import keyring
import keyring.errors

KEYRING_SERVICE = "c4m-desktop smtp"
KEYRING = "keyring"  # set_password's answer: kept by the OS keyring
SESSION = "session"  # set_password's answer: kept in memory until the program ends

_session: dict[str, str] = {}
_lock = threading.Lock()

# Backends report trouble in their own ways (D-Bus errors, locked keychains, RuntimeError from
# the fail backend); any of them means "no keyring here", never a crash.
KEYRING_TROUBLE = (keyring.errors.KeyringError, RuntimeError, OSError, ValueError)


def set_password(username: str, password: str) -> str:
    """Keep the password of an SMTP user; return KEYRING or SESSION to say where it went."""
    with _lock:
        _session.pop(username, None)
    try:
        keyring.set_password(KEYRING_SERVICE, username, password)
        return KEYRING
    except KEYRING_TROUBLE:
        with _lock:
            _session[username] = password
        return SESSION


def get_password(username: str) -> str | None:
    """Return the password of an SMTP user, or None if none is known."""
    with _lock:
        if username in _session:
            return _session[username]
    try:
        return keyring.get_password(KEYRING_SERVICE, username)
    except KEYRING_TROUBLE:
        return None


def forget_password(username: str) -> None:
    """Remove the password from the keyring and from memory (missing is fine)."""
    with _lock:
        _session.pop(username, None)
    with contextlib.suppress(*KEYRING_TROUBLE):
        keyring.delete_password(KEYRING_SERVICE, username)


def stored_where(username: str) -> str | None:
    """Say where a password is kept now: KEYRING, SESSION or None."""
    with _lock:
        if username in _session:
            return SESSION
    try:
        return KEYRING if keyring.get_password(KEYRING_SERVICE, username) is not None else None
    except KEYRING_TROUBLE:
        return None
