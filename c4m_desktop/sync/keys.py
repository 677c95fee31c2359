"""This install's Ed25519 signing key and the public keys of the devices whose bundles it accepts.

The private key lives in the OS keyring; where there is none (a headless Linux box, a locked
keychain) it is a file readable only by the user, in ``keys/`` beside the database. Peers'
keys are trusted on first use or registered beforehand by MI; a changed or revoked key is refused.
"""

from __future__ import annotations

import base64
import hashlib
import logging
import os
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import keyring
from nacl.public import PrivateKey, PublicKey
from nacl.signing import SigningKey, VerifyKey
from sqlalchemy import select

from ..domain.messages import N_, UserError
from ..services.workspace import Workspace
from ..store.models import PeerKey
from ..store.paths import data_dir
from .secrets import KEYRING_TROUBLE

KEYRING_SERVICE = "c4m-desktop device key"
log = logging.getLogger(__name__)


class DeviceKeyError(UserError):
    pass


def b64(raw: bytes) -> str:
    return base64.b64encode(raw).decode("ascii")


def unb64(text: str) -> bytes:
    return base64.b64decode(text.encode("ascii"), validate=True)


def fingerprint(public_key_b64: str) -> str:
    """A short, readable digest to compare keys by phone or e-mail: 8 groups of 4 hex digits."""
    digest = hashlib.sha256(unb64(public_key_b64)).hexdigest()[:32].upper()
    return " ".join(digest[i:i + 4] for i in range(0, 32, 4))


def _key_file(ws: Workspace, device_id: str) -> Path:
    base = ws.db.path.parent if ws.db.path is not None else data_dir()
    return base / "keys" / f"{device_id}.key"


def _load_seed(ws: Workspace, device_id: str) -> bytes | None:
    try:
        text = keyring.get_password(KEYRING_SERVICE, device_id)
    except KEYRING_TROUBLE:
        text = None
    if text is None:
        path = _key_file(ws, device_id)
        text = path.read_text(encoding="ascii").strip() if path.exists() else None
    return unb64(text) if text else None


def _save_seed(ws: Workspace, device_id: str, seed: bytes) -> None:
    try:
        keyring.set_password(KEYRING_SERVICE, device_id, b64(seed))
        return
    except KEYRING_TROUBLE:
        pass
    path = _key_file(ws, device_id)
    path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(b64(seed))


def signing_key(ws: Workspace) -> SigningKey:
    """Return this install's signing key, making it (and registering its public half) on first use."""
    device = ws.require_device()
    seed = _load_seed(ws, device.id)
    if seed is None:
        key = SigningKey.generate()
        _save_seed(ws, device.id, bytes(key))
    else:
        key = SigningKey(seed)
    public = b64(bytes(key.verify_key))
    with ws.db.session() as s:
        own = s.get(PeerKey, device.id)
        if own is None:
            s.add(PeerKey(device_id=device.id, public_key=public, first_seen=datetime.now(UTC), source="self"))
        elif own.public_key != public and seed is None:
            # The database came from another computer (a restored backup, a new laptop) without its key:
            # this one signs with a new key, which MI refuses until it registers it (DESIGN-NOTES).
            log.warning("no key for device %s on this computer: made a new one", device.id)
            own.public_key, own.first_seen, own.revoked = public, datetime.now(UTC), False
        elif own.public_key != public:
            raise DeviceKeyError(N_("This install's key does not match the one recorded for it. Restore the key "
                               "file from the backup of this install, or ask MI to register the new key."))
    return key


def public_key(ws: Workspace) -> str:
    return b64(bytes(signing_key(ws).verify_key))


def sealing_public_key(public_key_b64: str) -> PublicKey:
    """The X25519 key that bundles for a device are sealed to (derived from its Ed25519 key)."""
    return VerifyKey(unb64(public_key_b64)).to_curve25519_public_key()


def opening_private_key(ws: Workspace) -> PrivateKey:
    return signing_key(ws).to_curve25519_private_key()


@dataclass(frozen=True)
class Peer:
    device_id: str
    public_key: str
    fingerprint: str
    source: str
    revoked: bool
    first_seen: datetime


def peers(ws: Workspace) -> list[Peer]:
    with ws.read() as s:
        return [Peer(p.device_id, p.public_key, fingerprint(p.public_key), p.source, p.revoked, p.first_seen)
                for p in s.scalars(select(PeerKey).order_by(PeerKey.first_seen))]


def _check_key_text(public_key_b64: str) -> str:
    try:
        raw = unb64(public_key_b64.strip())
        VerifyKey(raw)
    except Exception:  # noqa: BLE001 - any decoding failure means the same thing to the user
        raise DeviceKeyError(N_("That is not a device public key (expected 44 characters of base64).")) from None
    return b64(raw)


def trust(ws: Workspace, device_id: str, public_key_b64: str) -> Peer:
    """Register a device's key before its first bundle arrives (MI hands keys out)."""
    key = _check_key_text(public_key_b64)
    with ws.db.session() as s:
        row = s.get(PeerKey, device_id)
        if row is not None and row.public_key != key and not row.revoked:
            raise DeviceKeyError(N_("Device {device} already has a different key. Revoke it first."), device=device_id)
        if row is None:
            row = PeerKey(device_id=device_id, first_seen=datetime.now(UTC))
            s.add(row)
        row.public_key, row.source, row.revoked = key, "registered", False
    return next(p for p in peers(ws) if p.device_id == device_id)


def revoke(ws: Workspace, device_id: str) -> None:
    """Refuse every further bundle signed by this device's key."""
    with ws.db.session() as s:
        row = s.get(PeerKey, device_id)
        if row is None:
            raise DeviceKeyError(N_("No key is known for device {device}."), device=device_id)
        row.revoked = True
