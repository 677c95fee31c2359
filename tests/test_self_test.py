"""`c4m self-test` and `c4m-desktop --self-test` from the source tree (the frozen build: test_frozen_app.py)."""

from __future__ import annotations

import os

import pytest

from c4m_desktop import self_test
from c4m_desktop.cli import main as cli_main
from c4m_desktop.reports import business_plan


def test_every_check_passes_and_nothing_is_left_behind(tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)  # take TMPDIR again
    assert cli_main(["self-test"]) == 0
    out = capsys.readouterr().out
    for lang in self_test.REPORT_LANGUAGES:
        assert f"ok    report {lang}: business plan:" in out
    assert "ok    export: signed bundle of" in out
    assert "Result: PASSED" in out
    assert os.listdir(tmp_path) == []  # the temporary install is gone


def test_a_missing_font_fails_clearly_and_the_other_checks_still_run(tmp_path, monkeypatch):
    empty = tmp_path / "fonts"
    empty.mkdir()
    real = business_plan.FontSet
    business_plan.default_fonts.cache_clear()
    monkeypatch.setattr(business_plan, "FontSet",
                        lambda folder=None: real(None, os_dirs=[empty], resource_dirs=[]))
    try:
        outcome = self_test.run()
    finally:
        business_plan.default_fonts.cache_clear()
    by_name = {c.name: c for c in outcome.checks}
    assert not outcome.passed
    assert by_name["fonts"].status == self_test.FAIL
    assert "No font for" in by_name["fonts"].detail
    assert by_name["report km"].status == self_test.FAIL
    assert by_name["export"].status == self_test.OK  # one failure does not hide the rest
    assert outcome.verdict.startswith("Result: FAILED")


def test_a_failing_check_makes_the_exit_code_1(monkeypatch, capsys):
    def broken() -> str:
        raise OSError("disk full")

    monkeypatch.setattr(self_test, "_zawgyi", broken)
    assert self_test.main() == 1
    out = capsys.readouterr().out
    assert "fail  zawgyi: OSError: disk full" in out


@pytest.mark.gui
def test_the_gui_self_test_opens_the_real_main_window(qtbot, capsys):
    from c4m_desktop.ui.main import run_gui

    assert run_gui(["--self-test"]) == 0
    out = capsys.readouterr().out
    assert "ok    main window: shown with 20 associations" in out
    assert "ok    image formats:" in out
    assert "ok    first run flow: first-run dialog, new association saved, Export now wrote SRP-" in out


def test_a_report_piped_into_a_file_in_a_latin_encoding_still_runs_to_the_end(tmp_path):
    """A Windows Command Prompt redirecting to a file writes cp1252: Thai and Burmese must not end it."""
    import subprocess
    import sys

    env = dict(os.environ, PYTHONIOENCODING="cp1252")
    done = subprocess.run([sys.executable, "-c", "import sys; from c4m_desktop.cli import main; sys.exit(main())",
                           "self-test"], env=env, cwd=tmp_path,
                          capture_output=True, timeout=300, check=False)
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    out = done.stdout.decode("cp1252")
    assert "Result: PASSED" in out
    assert "\\u0e21" in out  # the Thai month, escaped rather than a crash


@pytest.mark.gui
def test_the_gui_self_test_can_write_its_report_to_a_file(qtbot, capsys, tmp_path):
    """For scripts and CI, and for the windowed Windows program, which has no console."""
    from c4m_desktop.ui.main import run_gui

    report = tmp_path / "self-test.txt"
    assert run_gui([f"--self-test={report}"]) == 0
    text = report.read_text(encoding="utf-8")
    assert "main window" in text and "first run flow" in text
    assert text.rstrip().splitlines()[-1].startswith("Result: PASSED")
    assert "Result:" not in capsys.readouterr().out  # nothing printed besides


def test_a_report_into_a_missing_folder_is_refused_before_any_check(tmp_path, capsys):
    from c4m_desktop.ui.main import run_gui

    with pytest.raises(SystemExit) as exit_info:
        run_gui([f"--self-test={tmp_path / 'no-such-folder' / 'report.txt'}"])
    assert exit_info.value.code == 2
    err = capsys.readouterr().err
    assert "no folder" in err and "no-such-folder" in err
    assert not (tmp_path / "no-such-folder").exists()
