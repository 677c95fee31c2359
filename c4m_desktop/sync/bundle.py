"""The `.c4m` bundle container: a signed zip, optionally sealed to the recipient's key.

Layout (DESIGN §4): ``manifest.json`` (format, schema, ids, receipt, per-member SHA-256 and size,
row counts), ``manifest.sig`` (Ed25519 over the manifest bytes), ``rows/<table>.jsonl``,
``files/<sha256>`` and ``summary.xlsx``. A sealed bundle is ``SEALED_MAGIC`` followed by a
libsodium sealed box of the zip. Reading checks everything before a single row is looked at, so
a refused bundle never reaches the database.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import struct
import zipfile
import zlib
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any

import orjson
from nacl.exceptions import BadSignatureError, CryptoError
from nacl.public import PrivateKey, PublicKey, SealedBox
from nacl.signing import SigningKey, VerifyKey

from ..domain.messages import N_, UserError
from ..store.backup import write_private

FORMAT = "c4m-bundle"
FORMAT_VERSION = 1
SEALED_MAGIC = b"C4M-SEALED-1\n"
MANIFEST, SIGNATURE, SUMMARY = "manifest.json", "manifest.sig", "summary.xlsx"
_ROWS = re.compile(r"^rows/([a-z_]+)\.jsonl$")
_FILES = re.compile(r"^files/([0-9a-f]{64})$")


@dataclass(frozen=True)
class Limits:
    """Refuse archives that would unpack to more than this (zip bombs)."""

    max_total_bytes: int = 2 * 1024**3
    max_members: int = 200_000
    max_ratio: int = 200  # uncompressed / compressed, for members above ratio_floor
    ratio_floor: int = 1024 * 1024


class BundleRefused(UserError):
    """A bundle that will not be imported; nothing was written."""


@dataclass
class Bundle:
    manifest: dict[str, Any]
    rows: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    files: dict[str, bytes] = field(default_factory=dict)
    sealed: bool = False


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def jsonl(rows: list[dict[str, Any]]) -> bytes:
    """One compact JSON object per line, UTF-8 (orjson: the export's hot path, 4x the json module)."""
    dumps, sort = orjson.dumps, orjson.OPT_SORT_KEYS
    return b"\n".join([dumps(r, option=sort) for r in rows]) + (b"\n" if rows else b"")


class Writer:
    """A bundle built while its parts are still being made.

    Each part is compressed on one helper thread, in the order given (zlib lets go of the GIL while it
    works), so an export reads and encodes its next table meanwhile. The manifest, which lists every
    part's hash, and its signature are written last; readers find members by name, not by order.
    """

    def __init__(self) -> None:
        self._buffer = io.BytesIO()
        self._zip = zipfile.ZipFile(self._buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=6)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bundle-zip")
        self._pending: list[Future] = []
        self.members: dict[str, dict[str, Any]] = {}

    def add(self, name: str, data: bytes) -> None:
        self.members[name] = {"sha256": sha256(data), "size": len(data)}
        # Attachments are mostly photos and PDFs, and summary.xlsx is a zip itself: deflating again wastes time.
        kind = zipfile.ZIP_STORED if name.startswith("files/") or name == SUMMARY else zipfile.ZIP_DEFLATED
        info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
        self._pending.append(self._pool.submit(self._zip.writestr, info, data, compress_type=kind))

    def finish(self, path: Path, manifest: dict[str, Any], key: SigningKey, seal_to: PublicKey | None = None) -> int:
        """Sign, close and write the bundle atomically; return its size in bytes."""
        try:
            for part in self._pending:
                part.result()
            manifest = dict(manifest, format=FORMAT, format_version=FORMAT_VERSION, members=self.members)
            manifest_bytes = json.dumps(manifest, ensure_ascii=False, sort_keys=True, indent=1).encode()
            self._zip.writestr(MANIFEST, manifest_bytes)
            self._zip.writestr(SIGNATURE, key.sign(manifest_bytes).signature)
            self._zip.close()
        finally:
            self._pool.shutdown(wait=True)
        data = self._buffer.getvalue()
        if seal_to is not None:
            data = SEALED_MAGIC + SealedBox(seal_to).encrypt(data)
        write_private(path, data)  # a bundle holds members' details: the user's alone, and whole or absent
        return len(data)

    def abandon(self) -> None:
        """Stop without writing anything (an export that failed half-way)."""
        self._pool.shutdown(wait=True, cancel_futures=True)
        self._zip.close()

    def __enter__(self) -> Writer:
        return self

    def __exit__(self, kind, _value, _trace) -> None:
        if kind is not None:
            self.abandon()


def write(path: Path, manifest: dict[str, Any], members: dict[str, bytes], key: SigningKey,
          seal_to: PublicKey | None = None) -> int:
    """Write a bundle atomically; return its size in bytes."""
    with Writer() as writer:
        for name, data in members.items():
            writer.add(name, data)
        return writer.finish(path, manifest, key, seal_to)


# What zipfile raises on a damaged archive: a bad deflate stream is zlib.error, a mangled version or
# compression field NotImplementedError, bad header numbers struct.error (all found by fuzzing).
_DAMAGED_ZIP = (zipfile.BadZipFile, EOFError, OSError, RuntimeError, zlib.error, NotImplementedError, ValueError,
                struct.error)


def _refuse(message: str, **params: Any) -> BundleRefused:
    return BundleRefused(message, **params)


def _open_zip(raw: bytes, opener: PrivateKey | None) -> tuple[zipfile.ZipFile, bool]:
    sealed = raw.startswith(SEALED_MAGIC)
    if sealed:
        if opener is None:
            raise _refuse(N_("This bundle is encrypted and this install has no key to open it."))
        try:
            raw = SealedBox(opener).decrypt(raw[len(SEALED_MAGIC):])
        except CryptoError:
            raise _refuse(N_("This bundle is encrypted for another recipient; this install cannot open it.")) from None
    if not raw.startswith(b"PK"):
        raise _refuse(N_("This file is not a c4m bundle."))
    try:
        return zipfile.ZipFile(io.BytesIO(raw)), sealed
    except _DAMAGED_ZIP:
        raise _refuse(N_("The bundle is damaged or incomplete (it was cut off in transfer?). Ask for it again.")) \
            from None


def _check_names(z: zipfile.ZipFile, limits: Limits) -> None:
    infos = z.infolist()
    if len(infos) > limits.max_members:
        raise _refuse(N_("The bundle holds too many files ({n}); it is refused."), n=len(infos))
    names = [i.filename for i in infos]
    if len(set(names)) != len(names):
        raise _refuse(N_("The bundle holds the same file twice; it is refused."))
    total = 0
    for info in infos:
        p = PurePosixPath(info.filename)
        if p.is_absolute() or ".." in p.parts or "\\" in info.filename or info.filename.startswith("/"):
            raise _refuse(N_("The bundle holds a file with an unsafe path ({path}); it is refused."),
                          path=info.filename)
        total += info.file_size
        if (info.file_size > limits.ratio_floor
                and info.file_size > limits.max_ratio * max(info.compress_size, 1)):
            raise _refuse(N_("The bundle unpacks to far more than its size (a zip bomb?); it is refused."))
    if total > limits.max_total_bytes:
        raise _refuse(N_("The bundle unpacks to far more than its size (a zip bomb?); it is refused."))


def _read_member(z: zipfile.ZipFile, name: str, expected_size: int) -> bytes:
    try:
        with z.open(name) as fh:
            data = fh.read(expected_size + 1)  # never trust the header's size: read at most one byte more
    except _DAMAGED_ZIP:
        raise _refuse(N_("The bundle is damaged or incomplete (it was cut off in transfer?). Ask for it again.")) \
            from None
    return data


def read(path: Path, *, opener: PrivateKey | None = None, limits: Limits = Limits()) -> Bundle:
    """Open and check a bundle: structure, sizes, hashes and the signature (not yet who signed)."""
    try:
        raw = path.read_bytes()
    except OSError as e:
        raise BundleRefused(N_("The file {name} cannot be read: {reason}"), name=path.name, reason=e.strerror,
                            rejected=False) from None
    z, sealed = _open_zip(raw, opener)
    with z:
        _check_names(z, limits)
        names = set(z.namelist())
        if MANIFEST not in names or SIGNATURE not in names:
            raise _refuse(N_("This file is not a c4m bundle."))
        manifest_bytes = _read_member(z, MANIFEST, 16 * 1024 * 1024)
        try:
            manifest = json.loads(manifest_bytes)
        except (ValueError, UnicodeDecodeError):
            raise _refuse(N_("The bundle's manifest is damaged; it is refused.")) from None
        if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
            raise _refuse(N_("This file is not a c4m bundle."))
        if manifest.get("format_version", 0) > FORMAT_VERSION:
            raise _refuse(N_("This bundle was made by a newer version of the app. Update the app, then import it."))
        _verify(manifest, manifest_bytes, _read_member(z, SIGNATURE, 64))
        members = manifest.get("members") or {}
        extra = names - set(members) - {MANIFEST, SIGNATURE}
        if extra:
            raise _refuse(N_("The bundle holds a file its manifest does not list ({path}); it is refused."),
                          path=sorted(extra)[0])
        bundle = Bundle(manifest, sealed=sealed)
        for name, meta in sorted(members.items()):
            if name not in names:
                raise _refuse(N_("The bundle is missing {path}, which its manifest lists; it is refused."), path=name)
            data = _read_member(z, name, int(meta["size"]))
            if len(data) != meta["size"] or sha256(data) != meta["sha256"]:
                raise _refuse(N_("{path} in the bundle differs from its manifest (size or checksum); "
                                 "the bundle was changed or damaged."), path=name)
            _take(bundle, name, data)
    return bundle


def _verify(manifest: dict[str, Any], manifest_bytes: bytes, signature: bytes) -> None:
    try:
        VerifyKey(bytes.fromhex(manifest["public_key_hex"])).verify(manifest_bytes, signature)
    except (KeyError, ValueError, TypeError, BadSignatureError):
        raise _refuse(N_("The bundle's signature is not valid: it was changed after it was made, "
                         "or not made by the app.")) from None


def _take(bundle: Bundle, name: str, data: bytes) -> None:
    if name == SUMMARY:
        return
    if m := _ROWS.match(name):
        try:
            # bytes.splitlines splits at \n and \r only, which JSON always escapes inside strings
            # (str.splitlines would also split at U+2028 and the like, which it need not escape).
            rows = [orjson.loads(line) for line in data.splitlines() if line.strip()]
        except (ValueError, UnicodeDecodeError):
            raise _refuse(N_("{path} in the bundle is not valid row data; it is refused."), path=name) from None
        if not all(isinstance(r, dict) for r in rows):
            raise _refuse(N_("{path} in the bundle is not valid row data; it is refused."), path=name)
        bundle.rows[m.group(1)] = rows
    elif m := _FILES.match(name):
        if sha256(data) != m.group(1):
            raise _refuse(N_("{path} in the bundle differs from its manifest (size or checksum); "
                             "the bundle was changed or damaged."), path=name)
        bundle.files[m.group(1)] = data
    else:
        raise _refuse(N_("The bundle holds a file its manifest does not list ({path}); it is refused."), path=name)
