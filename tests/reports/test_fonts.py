"""Font discovery order, registration, and the error for a missing script font."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from c4m_desktop.domain.messages import UserError
from c4m_desktop.i18n import error_text
from c4m_desktop.reports.fonts import FontMissing, FontSet
from c4m_desktop.reports.paragraph import ScriptParagraph, text_style
from c4m_desktop.reports.scripts import Script

NOTO = Path("/usr/share/fonts/truetype/noto")


def copy(folder: Path, *pairs: tuple[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for source, target in pairs:
        shutil.copy(NOTO / source, folder / target)
    return folder


def test_all_five_scripts_are_found_regular_and_bold(fonts):
    fonts.require()
    for script in (Script.LATIN, Script.THAI, Script.KHMER, Script.LAO, Script.MYANMAR):
        regular, bold = fonts.face(script), fonts.face(script, bold=True)
        assert not regular.bold and bold.bold and regular is not bold
        assert regular.path.exists()


def test_the_settings_folder_comes_first(tmp_path):
    folder = copy(tmp_path / "chosen", ("NotoSerifKhmer-Regular.ttf", "a.ttf"),
                  ("NotoSerifKhmer-Bold.ttf", "b.ttf"))
    shipped = copy(tmp_path / "shipped", ("NotoSansKhmer-Regular.ttf", "c.ttf"))
    fonts = FontSet(folder, resource_dirs=[shipped])
    assert fonts.face(Script.KHMER).family == "Noto Serif Khmer"
    assert fonts.face(Script.KHMER, bold=True).path == folder / "b.ttf"
    # Scripts the folder has no font for still come from the system.
    assert fonts.face(Script.THAI).family == "Noto Sans Thai"


def test_resources_fonts_come_before_the_system(tmp_path):
    shipped = copy(tmp_path / "fonts", ("NotoSerifLao-Regular.ttf", "lao.ttf"))
    fonts = FontSet(resource_dirs=[shipped])
    assert fonts.face(Script.LAO).path == shipped / "lao.ttf"
    # No bold in the folder: bold text falls back to the regular face, never to boxes.
    assert fonts.face(Script.LAO, bold=True).path == shipped / "lao.ttf"


def test_unusable_files_in_the_folder_are_skipped(tmp_path):
    folder = tmp_path / "junk"
    folder.mkdir()
    (folder / "broken.ttf").write_bytes(b"not a font at all")
    (folder / "notes.txt").write_text("hello")
    copy(folder, ("NotoSansThai-Regular.ttf", "thai.ttf"))
    fonts = FontSet(folder, resource_dirs=[])
    assert fonts.face(Script.THAI).path == folder / "thai.ttf"


def test_windows_fonts_are_found_by_their_file_names(tmp_path):
    windows = copy(tmp_path / "Windows" / "Fonts", ("NotoSansKhmer-Regular.ttf", "khmerui.ttf"),
                   ("NotoSansKhmer-Bold.ttf", "KhmerUIb.ttf"),
                   ("NotoSansMyanmar-Regular.ttf", "mmrtext.ttf"))
    fonts = FontSet(os_dirs=[windows], platform="win32", resource_dirs=[])
    assert fonts.face(Script.KHMER).path.name == "khmerui.ttf"
    assert fonts.face(Script.KHMER, bold=True).path.name == "KhmerUIb.ttf"
    assert fonts.face(Script.MYANMAR).path.name == "mmrtext.ttf"


def test_a_font_without_the_script_is_not_taken_for_it(tmp_path):
    # A file named like Khmer UI that holds Thai glyphs only.
    windows = copy(tmp_path / "Fonts", ("NotoSansThai-Regular.ttf", "KhmerUI.ttf"))
    with pytest.raises(FontMissing):
        FontSet(os_dirs=[windows], platform="win32", resource_dirs=[]).face(Script.KHMER)


def test_a_missing_font_is_a_clear_error_on_linux(tmp_path):
    fonts = FontSet(os_dirs=[tmp_path], platform="linux", resource_dirs=[])
    with pytest.raises(FontMissing) as caught:
        fonts.face(Script.KHMER)
    error = caught.value
    assert isinstance(error, UserError) and not error.rejected
    assert error.script is Script.KHMER
    text = error_text(error)
    assert "Khmer" in text and "Noto Sans Khmer" in text
    assert "sudo apt install fonts-noto-core" in text
    with pytest.raises(FontMissing):  # asked again: the same answer, no new search
        fonts.face(Script.KHMER, bold=True)


def test_a_missing_font_names_the_windows_fonts(tmp_path):
    fonts = FontSet(os_dirs=[tmp_path], platform="win32", resource_dirs=[])
    with pytest.raises(FontMissing) as caught:
        fonts.face(Script.MYANMAR)
    text = error_text(caught.value)
    assert "Myanmar Text" in text and "Install Noto Sans Myanmar" in text


def test_fonts_are_looked_for_only_when_text_needs_them(tmp_path):
    system = copy(tmp_path / "fonts", ("NotoSans-Regular.ttf", "NotoSans-Regular.ttf"),
                  ("NotoSans-Bold.ttf", "NotoSans-Bold.ttf"))
    fonts = FontSet(os_dirs=[system], platform="linux", resource_dirs=[])
    style = text_style(fonts)
    latin = ScriptParagraph("Thừa Thiên Huế 2025", style)
    assert latin.wrap(200, 100)[1] > 0
    with pytest.raises(FontMissing, match="Khmer"):
        ScriptParagraph("សួស្តី", style).wrap(200, 100)


def test_a_settings_folder_that_is_gone_is_ignored(tmp_path):
    fonts = FontSet(tmp_path / "unplugged-usb-stick")
    assert fonts.face(Script.KHMER).family == "Noto Sans Khmer"


def test_reports_use_the_fonts_folder_of_the_settings(ws, tmp_path):
    from c4m_desktop.reports.business_plan import fonts_for
    from c4m_desktop.services import settings

    assert fonts_for(ws).face(Script.KHMER).family == "Noto Sans Khmer"
    folder = copy(tmp_path / "chosen", ("NotoSerifKhmer-Regular.ttf", "khmer.ttf"))
    settings.put(ws, settings.FONTS_DIR, str(folder))
    assert fonts_for(ws).face(Script.KHMER).path == folder / "khmer.ttf"
