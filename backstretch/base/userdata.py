"""Where a user's own state lives: checklists, the session log."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """``$BACKSTRETCH_DATA_DIR``, else ``$XDG_DATA_HOME/backstretch`` (``~/.local/share``)."""
    explicit = os.environ.get("BACKSTRETCH_DATA_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "backstretch"
