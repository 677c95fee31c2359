"""The import contract holds, and it really catches a core module that imports Qt."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]
LINT = Path(sys.executable).with_name("lint-imports")


def run_lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = os.environ | {"PYTHONPATH": str(tree)}
    return subprocess.run([str(LINT), "--no-cache"], cwd=tree, env=env, capture_output=True, text=True)


def copy_tree(tmp_path: Path) -> Path:
    tree = tmp_path / "tree"
    shutil.copytree(ROOT / "c4m_desktop", tree / "c4m_desktop",
                    ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tree / "pyproject.toml")
    return tree


def test_contract_passes_on_the_code_as_it_is(tmp_path):
    result = run_lint(copy_tree(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "2 kept, 0 broken" in result.stdout


def test_contract_breaks_when_a_core_module_imports_qt(tmp_path):
    tree = copy_tree(tmp_path)
    money = tree / "c4m_desktop" / "domain" / "money.py"
    money.write_text(money.read_text() + "\nfrom PySide6 import QtCore  # noqa\n")
    result = run_lint(tree)
    assert result.returncode != 0
    assert "Only the UI (and the GUI entry) imports Qt BROKEN" in result.stdout
    assert "c4m_desktop.domain.money -> PySide6" in result.stdout
