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
    env = dict(os.environ)
    if sys.platform.startswith("linux") and not env.get("DISPLAY") and not env.get("WAYLAND_DISPLAY"):
        env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The console program prints on every platform (the windowed one shows a box on Windows).
    program = executable("c4m-desktop") if sys.platform != "win32" else executable("c4m")
    args = [str(program), "--self-test"] if program.stem == "c4m-desktop" else [str(program), "self-test"]
    return subprocess.run(args, env=env, check=False).returncode


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
