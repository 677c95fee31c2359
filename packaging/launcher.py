"""The frozen build's one entry script: `c4m-desktop` starts the GUI, `c4m` the command line.

Both executables of the one-folder app are built from this script (one analysis, one shared
_internal folder); the name the program was started as chooses which.
"""

import sys
from pathlib import Path

if __name__ == "__main__":
    if Path(sys.executable).stem.lower() == "c4m":
        from c4m_desktop.cli import main
    else:
        from c4m_desktop.__main__ import main
    sys.exit(main())
