"""What the signal tests wait for before they signal: a child that has started rendering.

Not a test module (pytest collects ``test_*.py`` only); imported by the signal tests.
"""

from __future__ import annotations

import signal
from pathlib import Path


def rendering_child(parent: int) -> bool:
    """Whether ``parent`` has a child process rendering a user template.

    Rendering, not being born: the child ignores stop signals (leaving them to its parent) once
    it is under way, so a signal sent then tests what the user does, not the fork's instant.
    """
    try:
        children = Path(f"/proc/{parent}/task/{parent}/children").read_text().split()
        status = Path(f"/proc/{children[0]}/status").read_text() if children else ""
    except OSError:
        return False
    ignored = next((int(line.split()[1], 16) for line in status.splitlines()
                    if line.startswith("SigIgn:")), 0)
    return bool(ignored >> (signal.SIGTERM - 1) & 1)
