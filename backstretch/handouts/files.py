"""Saving a handout: HTML or PDF by the file's suffix, on A4 or US Letter, atomically."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.language import _
from ..base.yamlio import atomic_write_bytes, atomic_write_text
from ..routines.model import Routine
from .html import handout_html

SUFFIXES = (".html", ".htm", ".pdf")


@dataclass(frozen=True)
class SavedHandout:
    """Where a handout went, and what a PDF of it says it cannot show ('' when nothing)."""

    path: Path
    note: str = ""


def save_handout(routine: Routine, path: str | os.PathLike[str],
                 paper: str = "a4") -> SavedHandout:
    """Write the handout as ``.html`` or ``.pdf`` (by the suffix) for ``paper`` (``a4`` or
    ``letter``), atomically."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        said = (_("cannot tell the format from {suffix}; end the name in .html or .pdf")
                .format(suffix=repr(suffix)) if suffix else
                _("cannot tell the format from no suffix; end the name in .html or .pdf"))
        raise BackstretchError(Problem(str(path), "", said))
    try:
        if suffix == ".pdf":
            from .pdf import handout_pdf  # WeasyPrint loads only for a PDF

            pdf = handout_pdf(routine, paper, where=str(path))
            atomic_write_bytes(target, pdf.data)
            return SavedHandout(target, pdf.note)
        atomic_write_text(target, handout_html(routine, paper=paper))
    except ImportError as exc:
        needs = _("drawing a handout needs {module}; install it with: {command}").format(
            module=exc.name, command="pip install 'backstretch[workbook]'")
        raise BackstretchError(Problem(str(path), "", needs)) from None
    return SavedHandout(target)
