"""Which fonts to look for, per operating system and script, and where the system keeps them.

The order is DESIGN.md §5's: the fonts that come with the system first (Windows: Segoe UI,
Leelawadee UI, Khmer UI, Lao UI, Myanmar Text; macOS: Arial, Thonburi and the Sangam MN / MN
families; Linux: Noto from the distribution), then Noto under its usual file names anywhere in the
system's font folders, so a Noto font installed by hand is found on every system. Files are
matched by name, case ignored; a face is taken only if its cmap has ``SAMPLES`` of its script.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass
from pathlib import Path

from .scripts import Script

# A face serves a script only if it has all of these (letters and vowel signs of everyday text).
SAMPLES = {
    Script.LATIN: "AZaz09.,;:!?()%-/&'\"ĂÂĐÊÔƠƯăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ",
    Script.THAI: "".join(map(chr, range(0x0E01, 0x0E2F))) + "ะัาำิีึืุูเแโใไ็่้๊๋์",
    Script.KHMER: "".join(map(chr, range(0x1780, 0x17A3))) + "ាិីឹឺុូួើឿៀេែៃោៅំះ់៍្",
    Script.LAO: "ກຂຄງຈຊຍດຕຖທນບປຜຝພຟມຢຣລວສຫອຮະັາຳິີຶືຸູົຼຽເແໂໃໄ່້໊໋ໍ",
    Script.MYANMAR: "".join(map(chr, range(0x1000, 0x1022))) + "ါာိီုူေဲံ့း္်ျြွှ",
}


@dataclass(frozen=True)
class Candidate:
    """A font family to look for among the OS fonts, by file name (case does not matter)."""

    family: str
    regular: tuple[str, ...]
    bold: tuple[str, ...] = ()


def _noto_family(script: Script) -> tuple[Candidate, ...]:
    name = script.value
    return (
        Candidate(f"Noto Sans {name}", (f"NotoSans{name}-Regular.ttf",), (f"NotoSans{name}-Bold.ttf",)),
        Candidate(f"Noto Sans {name} UI", (f"NotoSans{name}UI-Regular.ttf",),
                  (f"NotoSans{name}UI-Bold.ttf",)),
        Candidate(f"Noto Serif {name}", (f"NotoSerif{name}-Regular.ttf",),
                  (f"NotoSerif{name}-Bold.ttf",)),
    )


NOTO_LATIN = (Candidate("Noto Sans", ("NotoSans-Regular.ttf",), ("NotoSans-Bold.ttf",)),)
LEELAWADEE_UI = Candidate("Leelawadee UI", ("LeelawUI.ttf",), ("LeelaUIb.ttf",))

CANDIDATES: dict[str, dict[Script, tuple[Candidate, ...]]] = {
    "win32": {
        Script.LATIN: (Candidate("Segoe UI", ("segoeui.ttf",), ("segoeuib.ttf",)),
                       Candidate("Arial", ("arial.ttf",), ("arialbd.ttf",)), *NOTO_LATIN),
        Script.THAI: (LEELAWADEE_UI, Candidate("Leelawadee", ("leelawad.ttf",), ("leelawdb.ttf",)),
                      Candidate("Tahoma", ("tahoma.ttf",), ("tahomabd.ttf",)),
                      *_noto_family(Script.THAI)),
        Script.KHMER: (Candidate("Khmer UI", ("KhmerUI.ttf",), ("KhmerUIb.ttf",)), LEELAWADEE_UI,
                       *_noto_family(Script.KHMER)),
        Script.LAO: (Candidate("Lao UI", ("LaoUI.ttf",), ("LaoUIb.ttf",)), LEELAWADEE_UI,
                     *_noto_family(Script.LAO)),
        Script.MYANMAR: (Candidate("Myanmar Text", ("mmrtext.ttf",), ("mmrtextb.ttf",)),
                         *_noto_family(Script.MYANMAR)),
    },
    "darwin": {
        Script.LATIN: (Candidate("Arial", ("Arial.ttf",), ("Arial Bold.ttf",)), *NOTO_LATIN),
        Script.THAI: (Candidate("Thonburi", ("Thonburi.ttc", "Thonburi.ttf"),
                                ("Thonburi.ttc", "ThonburiBold.ttf")),
                      Candidate("Thai Sangam MN", ("Thai Sangam MN.ttf",)),
                      *_noto_family(Script.THAI)),
        Script.KHMER: (Candidate("Khmer Sangam MN", ("Khmer Sangam MN.ttf",), ("Khmer MN.ttc",)),
                       Candidate("Khmer MN", ("Khmer MN.ttc",), ("Khmer MN.ttc",)),
                       *_noto_family(Script.KHMER)),
        Script.LAO: (Candidate("Lao Sangam MN", ("Lao Sangam MN.ttf",), ("Lao MN.ttc",)),
                     Candidate("Lao MN", ("Lao MN.ttc",), ("Lao MN.ttc",)),
                     *_noto_family(Script.LAO)),
        Script.MYANMAR: (Candidate("Myanmar Sangam MN", ("Myanmar Sangam MN.ttc",),
                                   ("Myanmar Sangam MN.ttc",)),
                         Candidate("Myanmar MN", ("Myanmar MN.ttc",), ("Myanmar MN.ttc",)),
                         *_noto_family(Script.MYANMAR)),
    },
    "linux": {
        Script.LATIN: (*NOTO_LATIN, Candidate("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),
                       Candidate("Liberation Sans", ("LiberationSans-Regular.ttf",),
                                 ("LiberationSans-Bold.ttf",))),
        Script.THAI: _noto_family(Script.THAI),
        Script.KHMER: (*_noto_family(Script.KHMER), Candidate("Khmer OS", ("KhmerOS.ttf",))),
        Script.LAO: (*_noto_family(Script.LAO), Candidate("Phetsarath OT", ("Phetsarath_OT.ttf",))),
        Script.MYANMAR: (*_noto_family(Script.MYANMAR),
                         Candidate("Padauk", ("Padauk-Regular.ttf", "Padauk.ttf"),
                                   ("Padauk-Bold.ttf", "Padauk-bold.ttf"))),
    },
}
# Last resort for symbols none of the script fonts has (arrows, check marks...); never required.
SYMBOL_CANDIDATES = {
    "win32": (Candidate("Segoe UI Symbol", ("seguisym.ttf",)),),
    "darwin": (Candidate("Arial Unicode MS", ("Arial Unicode.ttf",)),),
    "linux": (Candidate("DejaVu Sans", ("DejaVuSans.ttf",), ("DejaVuSans-Bold.ttf",)),),
}


def platform_key(platform: str | None = None) -> str:
    platform = platform or sys.platform
    return platform if platform in ("win32", "darwin") else "linux"


def os_font_dirs(platform: str | None = None) -> list[Path]:
    """Return the folders where the operating system keeps fonts."""
    key = platform_key(platform)
    home = Path.home()
    if key == "win32":
        windir = Path(os.environ.get("WINDIR", r"C:\Windows"))
        local = os.environ.get("LOCALAPPDATA")
        return [windir / "Fonts"] + ([Path(local) / "Microsoft" / "Windows" / "Fonts"] if local else [])
    if key == "darwin":
        return [Path("/System/Library/Fonts"), Path("/System/Library/Fonts/Supplemental"),
                Path("/Library/Fonts"), home / "Library" / "Fonts"]
    data_dirs = os.environ.get("XDG_DATA_DIRS", "/usr/local/share:/usr/share").split(":")
    return ([Path(d) / "fonts" for d in data_dirs if d]
            + [home / ".local" / "share" / "fonts", home / ".fonts"])


