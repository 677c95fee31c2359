"""Files that come from outside (evidence, backups on a stick, bundles): names, hashes and content types.

The type of a file is read from its first bytes, never trusted from its name: a program renamed
``photo.jpg`` is still a program. The name only tells apart formats that share a container
(a .docx and an .xlsx are both zip archives; .csv and .txt are both text).
"""

from __future__ import annotations

import mimetypes
import re

SHA256 = re.compile(r"[0-9a-f]{64}")
HEAD_BYTES = 64  # enough for every signature below

_SIGNATURES: tuple[tuple[bytes, int, str], ...] = (
    (b"%PDF-", 0, "application/pdf"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
    (b"ftypheic", 4, "image/heic"),
    (b"ftypmif1", 4, "image/heif"),
    (b"ftyp", 4, "video/mp4"),
    (b"ID3", 0, "audio/mpeg"),
    (b"OggS", 0, "audio/ogg"),
    (b"PK\x03\x04", 0, "application/zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 0, "application/x-ole-storage"),  # old .doc/.xls
    (b"{\\rtf", 0, "application/rtf"),
)
# Executables and libraries of Windows, Linux and macOS: never evidence, and dangerous to open.
_PROGRAMS = (b"MZ", b"\x7fELF", b"\xfe\xed\xfa\xce", b"\xfe\xed\xfa\xcf", b"\xce\xfa\xed\xfe", b"\xcf\xfa\xed\xfe",
             b"\xca\xfe\xba\xbe", b"#!")


def is_sha256(text: object) -> bool:
    return isinstance(text, str) and SHA256.fullmatch(text) is not None


def is_plain_name(name: object) -> bool:
    """A file name with no folder part and nothing a file system would read as a path."""
    return (isinstance(name, str) and 0 < len(name) <= 255 and name not in (".", "..")
            and not any(ch in name for ch in "/\\\x00") and not any(ord(ch) < 32 for ch in name))


def is_program(head: bytes) -> bool:
    return head.startswith(_PROGRAMS)


def content_type(head: bytes, name: str) -> str:
    """The MIME type of a file from its first bytes; the name refines it only within the family found."""
    guessed = mimetypes.guess_type(name)[0] or ""
    for signature, offset, kind in _SIGNATURES:
        if head[offset:offset + len(signature)] == signature:
            if kind == "application/zip" and (guessed.startswith("application/vnd.") or guessed == "application/epub+zip"):
                return guessed  # Office and OpenDocument files are zip archives
            if kind == "video/mp4" and guessed.startswith(("video/", "audio/")):
                return guessed
            return kind
    if _is_text(head):
        return guessed if guessed.startswith("text/") or guessed in ("application/json", "application/xml") \
            else "text/plain"
    return "application/octet-stream"


def _is_text(head: bytes) -> bool:
    if b"\x00" in head:
        return head.startswith((b"\xff\xfe", b"\xfe\xff"))  # UTF-16 with a byte-order mark
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as e:
        return e.start >= len(head) - 3  # cut in the middle of a character
    return True
