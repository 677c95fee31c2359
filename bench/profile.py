"""Where the time goes in the benchmarks that miss their target: pyinstrument profiles, written to
bench/profiles/<name>.txt.

    .venv/bin/python bench/profile.py [startup] [export]
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from dataset import DATA, database  # noqa: E402
from startup import START_TO_IDLE  # noqa: E402

OUT = HERE / "profiles"

# The start-up benchmark's own script, inside a profiler (the main thread's time).
STARTUP = ("from pyinstrument import Profiler\nprofiler = Profiler(interval=0.001)\nprofiler.start()\n"
           + START_TO_IDLE
           + "profiler.stop()\nopen(sys.argv[2], 'w').write(profiler.output_text(unicode=False, color=False))\n")


def startup() -> None:
    out = OUT / "startup.txt"
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", STARTUP, str(database(100_000)), str(out)], check=True, env=env,
                   stderr=subprocess.DEVNULL)


def export() -> None:
    from pyinstrument import Profiler

    from c4m_desktop.services.workspace import Workspace
    from c4m_desktop.sync import exporter

    src = next(DATA.glob("site-export-*.sqlite"))
    with tempfile.TemporaryDirectory() as tmp:
        shutil.copyfile(src, Path(tmp) / src.name)
        ws = Workspace.open(Path(tmp) / src.name, create=False)
        profiler = Profiler(interval=0.002)
        profiler.start()
        exporter.export(ws, full=True, to_dir=Path(tmp) / "out", contacts=True)
        profiler.stop()
        ws.close()
    (OUT / "export.txt").write_text(profiler.output_text(unicode=False, color=False))


def main() -> None:
    OUT.mkdir(exist_ok=True)
    for name in sys.argv[1:] or ("startup", "export"):
        {"startup": startup, "export": export}[name]()
        print(OUT / f"{name}.txt")


if __name__ == "__main__":
    main()
