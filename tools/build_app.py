"""Build the self-contained one-folder app for this platform: dist/c4m-desktop/.

    python tools/build_app.py            (after: pip install -e ".[build]")

Compiles the message catalogs, runs PyInstaller on packaging/c4m-desktop.spec, then runs the
built app's own --self-test unless --no-self-test. Works the same on Windows, Linux and macOS.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"
APP = DIST / "c4m-desktop"


def executable(name: str) -> Path:
    return APP / (f"{name}.exe" if sys.platform == "win32" else name)


def compile_catalogs() -> None:
    from babel.messages.frontend import CommandLineInterface

    CommandLineInterface().run(["pybabel", "--quiet", "compile", "-d", str(ROOT / "translations")])


def build() -> None:
    import PyInstaller.__main__

    PyInstaller.__main__.run([str(ROOT / "packaging" / "c4m-desktop.spec"), "--noconfirm", "--clean",
                              "--log-level", "WARN", "--distpath", str(DIST),
                              "--workpath", str(ROOT / "build" / "pyinstaller")])


def self_test() -> int:
    """Run the built window program's --self-test into a report file (the same on every platform: the
    windowed Windows program has no console of its own), print the report, return its exit code."""
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    report = ROOT / "build" / "self-test.txt"
    report.parent.mkdir(parents=True, exist_ok=True)
    report.unlink(missing_ok=True)
    done = subprocess.run([str(executable("c4m-desktop")), f"--self-test={report}"], env=env, check=False,
                          timeout=600)
    text = report.read_text(encoding="utf-8") if report.exists() else "(the self-test wrote no report)\n"
    sys.stdout.buffer.write(text.encode("utf-8"))
    sys.stdout.flush()
    return done.returncode or (0 if report.exists() else 1)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--no-self-test", action="store_true", help="do not run the built app's --self-test")
    args = p.parse_args()
    started = time.perf_counter()
    compile_catalogs()
    build()
    size = sum(f.lstat().st_size for f in APP.rglob("*") if f.is_file() and not f.is_symlink()) / 2**20
    print(f"built {APP} ({size:.0f} MB) in {time.perf_counter() - started:.0f} s")
    return 0 if args.no_self_test else self_test()


if __name__ == "__main__":
    sys.exit(main())
