"""Find the fonts report text is set in, register them with ReportLab, say clearly what is missing.

DESIGN.md §5: fonts are looked for in a folder chosen in settings, then ``resources/fonts/``, then
among the operating system's fonts (Windows: Segoe UI, Leelawadee UI, Khmer UI, Lao UI, Myanmar
Text; Linux: Noto from the distribution; macOS: Thonburi and the Sangam MN families). The Noto
script fonts hold no Latin letters and no digits, so every script has a face of its own, regular
and bold, and ``runs.py`` picks per run a face whose cmap covers the characters. A script whose
font is missing raises ``FontMissing`` when text in that script is first set, never boxes.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont, TTFontFile

from ..domain.messages import N_, UserError
from .font_candidates import (
    CANDIDATES,
    SAMPLES,
    SYMBOL_CANDIDATES,
    Candidate,
    os_font_dirs,
    platform_key,
)
from .scripts import IGNORABLE, LABELS, WRITTEN, Script

log = logging.getLogger(__name__)

FONT_MISSING_APT = N_(
    "No font for {script} text was found (looked for {fonts}). Install one with “{command}”, "
    "or put its .ttf files in the report fonts folder chosen in Settings."
)
FONT_MISSING = N_(
    "No font for {script} text was found (looked for {fonts}). Install {family}, "
    "or put its .ttf files in the report fonts folder chosen in Settings."
)
APT_COMMAND = "sudo apt install fonts-noto-core"

# Fonts shipped with the app, if any (a frozen build puts them inside the package).
RESOURCE_DIRS = (
    Path(__file__).resolve().parents[1] / "resources" / "fonts",
    Path(__file__).resolve().parents[2] / "resources" / "fonts",
)
FONT_SUFFIXES = (".ttf", ".ttc", ".otf")

@dataclass(frozen=True, eq=False)
class Face:
    """One registered font face."""

    name: str  # the name it is registered under with ReportLab
    family: str
    path: Path
    index: int  # subfont of a font collection (.ttc)
    bold: bool
    coverage: frozenset[int] = field(repr=False)  # code points of its cmap
    ascent: float  # per 1000 of the font size
    descent: float  # negative
    chars: frozenset[str] = field(init=False, repr=False)  # coverage as characters, ignorables too

    def __post_init__(self):
        object.__setattr__(self, "chars", frozenset(map(chr, self.coverage)) | IGNORABLE)

    def covers(self, text: str) -> bool:
        """True if the cmap has every character of text (invisible format characters aside)."""
        return self.chars.issuperset(text)


class FontMissing(UserError):
    """No usable font for a script was found."""

    def __init__(self, script: Script, looked_for: Sequence[str], platform: str | None = None):
        fonts = ", ".join(dict.fromkeys(looked_for))
        label = LABELS.get(script, script.value)
        if platform_key(platform) == "linux":
            super().__init__(FONT_MISSING_APT, rejected=False, script=label, fonts=fonts,
                             command=APT_COMMAND)
        else:
            family = "Noto Sans" if script is Script.LATIN else f"Noto Sans {script.value}"
            super().__init__(FONT_MISSING, rejected=False, script=label, fonts=fonts, family=family)
        self.script = script


@dataclass(frozen=True)
class _FaceInfo:
    path: Path
    index: int
    family: str
    style: str
    italic: bool

    @property
    def bold(self) -> bool:
        return "bold" in self.style.lower()

    @property
    def plain(self) -> bool:
        """Regular weight (not bold, light, thin...)."""
        style = self.style.lower()
        return style in ("regular", "book", "normal", "roman", "medium", "")


def _decode(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else str(value)


def _faces_in(path: Path) -> list[_FaceInfo]:
    """Read the faces of a font file (several for a .ttc); empty if ReportLab cannot use it."""
    faces = []
    index, count = 0, 1
    while index < count:
        try:
            f = TTFontFile(str(path), charInfo=0, subfontIndex=index)
        except (TTFError, OSError, ValueError, AssertionError, IndexError, KeyError) as error:
            log.debug("font %s#%d skipped: %s", path, index, error)
            break
        count = getattr(f, "numSubfonts", 1) if path.suffix.lower() == ".ttc" else 1
        faces.append(_FaceInfo(path, index, _decode(f.familyName), _decode(f.styleName),
                               bool(f.italicAngle) or "italic" in _decode(f.styleName).lower()))
        index += 1
    return faces


# Registered faces by (path, subfont), shared by every FontSet of this process (ReportLab's font
# registry is global, and parsing a font costs a few milliseconds).
_REGISTERED: dict[tuple[Path, int], Face] = {}


def register(info: _FaceInfo, *, bold: bool | None = None) -> Face:
    """Register a face with ReportLab (once per process) and return it."""
    key = (info.path, info.index)
    face = _REGISTERED.get(key)
    if face is None:
        stem = info.family.replace(" ", "") + "-" + (info.style.replace(" ", "") or "Regular")
        name = f"C4M{len(_REGISTERED) + 1}-{stem}"
        font = TTFont(name, str(info.path), subfontIndex=info.index, shapable=True)
        pdfmetrics.registerFont(font)
        # Snapshot the cmap now: shaping later adds private-use entries for unmapped glyphs.
        coverage = frozenset(font.face.charToGlyph)
        face = Face(name, info.family, info.path, info.index, info.bold if bold is None else bold,
                    coverage, float(font.face.ascent), float(font.face.descent))
        _REGISTERED[key] = face
    return face


class FontSet:
    """The faces report text is set in, found and registered as text needs them.

    ``folder`` is the fonts folder chosen in settings (or None). ``os_dirs`` and ``platform``
    replace the operating system's font folders and kind, for tests.
    """

    def __init__(self, folder: str | Path | None = None, *, os_dirs: Sequence[Path] | None = None,
                 platform: str | None = None, resource_dirs: Sequence[Path] = RESOURCE_DIRS):
        self.platform = platform_key(platform)
        self.folders = [Path(folder)] if folder else []
        self.folders += [d for d in resource_dirs if d.is_dir()]
        self.os_dirs = list(os_dirs) if os_dirs is not None else os_font_dirs(self.platform)
        self._folder_faces: list[list[_FaceInfo]] | None = None
        self._os_index: dict[str, Path] | None = None
        self._faces: dict[tuple[Script, bool], Face] = {}
        self._missing: dict[Script, FontMissing] = {}
        self._symbols: list[Face] | None = None

    # --- public -------------------------------------------------------------------------------

    def face(self, script: Script, bold: bool = False) -> Face:
        """Return the face for a script and weight; raise FontMissing if there is none."""
        key = (script, bold)
        if key not in self._faces:
            if script in self._missing:
                raise self._missing[script]
            try:
                regular, strong = self._find(script)
            except FontMissing as error:
                self._missing[script] = error
                raise
            self._faces[(script, False)], self._faces[(script, True)] = regular, strong
        return self._faces[key]

    def latin(self, bold: bool = False) -> Face:
        return self.face(Script.LATIN, bold)

    def require(self, scripts: Iterable[Script] = WRITTEN) -> None:
        """Find the faces of these scripts now (raise FontMissing for the first missing)."""
        for script in scripts:
            if script.strong:
                self.face(script, False)
                self.face(script, True)

    def has(self, script: Script) -> bool:
        """True if a face for the script is (or can be) found."""
        try:
            self.face(script)
        except FontMissing:
            return False
        return True

    def found(self) -> list[Face]:
        """Return the faces found so far."""
        return list(dict.fromkeys(self._faces.values()))

    def is_bold(self, font_name: str) -> bool:
        """Tell whether a ReportLab font name (e.g. a style's fontName) is a bold one."""
        for face in _REGISTERED.values():
            if face.name == font_name:
                return face.bold
        return "bold" in font_name.lower()

    def symbols(self) -> list[Face]:
        """Return fallback faces for symbols no script face has (may be empty)."""
        if self._symbols is None:
            self._symbols = []
            for candidate in SYMBOL_CANDIDATES[self.platform]:
                info = self._os_face(candidate.regular, want_bold=False)
                if info is not None:
                    try:
                        self._symbols.append(register(info, bold=False))
                    except TTFError as error:
                        log.warning("symbol font %s unusable: %s", info.path, error)
        return self._symbols

    # --- search -------------------------------------------------------------------------------

    def _find(self, script: Script) -> tuple[Face, Face]:
        sample = SAMPLES[script]
        candidates = CANDIDATES[self.platform][script]
        pair = self._from_folders(script, sample, candidates) or self._from_os(sample, candidates)
        if pair is None:
            raise FontMissing(script, [c.family for c in candidates], self.platform)
        regular, strong = pair
        if strong is None:
            log.warning("no bold %s font: bold text uses %s", script.value, regular.family)
            strong = regular
        return regular, strong

    def _from_folders(self, script: Script, sample: str, candidates: Sequence[Candidate]):
        """Look in each folder in turn; within one, prefer the families we know, in order."""
        if self._folder_faces is None:
            self._folder_faces = [
                [info for path in sorted(folder.rglob("*"))
                 if path.suffix.lower() in FONT_SUFFIXES for info in _faces_in(path)]
                for folder in self.folders
            ]
        known = [c.family.lower() for c in candidates]

        def rank(family: str) -> tuple[int, str]:
            name = family.lower()
            return (known.index(name) if name in known else len(known), name)

        for faces in self._folder_faces:
            families: dict[str, list[_FaceInfo]] = {}
            for info in faces:
                if not info.italic:
                    families.setdefault(info.family, []).append(info)
            for family in sorted(families, key=rank):
                infos = families[family]
                regular = next((i for i in infos if i.plain), None)
                face = self._usable(regular, sample, bold=False) if regular else None
                if face is None:
                    continue
                bold = next((i for i in infos if i.style.lower() == "bold"), None) or next(
                    (i for i in infos if i.bold), None)
                return face, (self._usable(bold, sample, bold=True) if bold else None)
        return None

    def _from_os(self, sample: str, candidates: Sequence[Candidate]):
        for candidate in candidates:
            info = self._os_face(candidate.regular, want_bold=False)
            face = self._usable(info, sample, bold=False) if info else None
            if face is None:
                continue
            bold_info = self._os_face(candidate.bold, want_bold=True) if candidate.bold else None
            return face, (self._usable(bold_info, sample, bold=True) if bold_info else None)
        return None

    def _os_face(self, file_names: Sequence[str], *, want_bold: bool) -> _FaceInfo | None:
        if self._os_index is None:
            self._os_index = {}
            for folder in self.os_dirs:
                if folder.is_dir():
                    for root, _dirs, files in os.walk(folder):
                        for name in files:
                            self._os_index.setdefault(name.lower(), Path(root) / name)
        for file_name in file_names:
            path = self._os_index.get(file_name.lower())
            if path is None:
                continue
            infos = [i for i in _faces_in(path) if not i.italic]
            # A collection holds several weights: take the one asked for.
            match = [i for i in infos if i.bold == want_bold]
            if match:
                return next((i for i in match if i.plain or i.style.lower() == "bold"), match[0])
            if infos and path.suffix.lower() != ".ttc":
                return infos[0]  # a plain .ttf named as bold (or regular) is taken at its word
        return None

    def _usable(self, info: _FaceInfo, sample: str, *, bold: bool) -> Face | None:
        try:
            face = register(info, bold=bold)
        except (TTFError, OSError, ValueError) as error:
            log.warning("font %s unusable: %s", info.path, error)
            return None
        if not face.covers(sample):
            log.info("font %s lacks letters it needs, skipped", info.path)
            return None
        return face
