"""`python -m c4m_desktop` and the `c4m-desktop` command: start the GUI."""

from __future__ import annotations

import sys


def main() -> int:
    from .app import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
