"""Saving a handout: HTML or PDF by the file's suffix, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.yamlio import atomic_write_bytes, atomic_write_text
from ..routines.model import Routine
from .html import handout_html

SUFFIXES = (".html", ".htm", ".pdf")


def save_handout(routine: Routine, path: str | os.PathLike[str]) -> Path:
    """Write the handout as ``.html`` or ``.pdf`` (by the suffix), atomically; return the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise BackstretchError(Problem(str(path), "", f"cannot tell the format from "
                                       f"{suffix or 'no suffix'!r}; end the name in .html or .pdf"))
    try:
        if suffix == ".pdf":
            from .pdf import handout_pdf  # fpdf2 loads only for a PDF

            atomic_write_bytes(target, handout_pdf(routine))
        else:
            atomic_write_text(target, handout_html(routine))
    except ImportError as exc:
        needs = f"drawing a handout needs {exc.name}; install it with: " \
            "pip install 'backstretch[workbook]'"
        raise BackstretchError(Problem(str(path), "", needs)) from None
    return target
