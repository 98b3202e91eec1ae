"""Where a user's own state lives: checklists, the session log, their routines and handouts."""

from __future__ import annotations

import os
from pathlib import Path


def data_home() -> Path:
    """``$BACKSTRETCH_DATA_DIR``, else ``$XDG_DATA_HOME/backstretch`` (``~/.local/share``)."""
    explicit = _explicit_data_dir()
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / "backstretch"


def own_folder(name: str) -> Path:
    """The folder ``name`` for files a person makes (routines, handouts): in
    ``$BACKSTRETCH_DATA_DIR`` when that is set (a class hub, where the workbook is a clone
    that a later pull must never meet them in), else ``name`` beside the notebook."""
    return data_home() / name if _explicit_data_dir() else Path(name)


def _explicit_data_dir() -> str:
    return os.environ.get("BACKSTRETCH_DATA_DIR", "")
