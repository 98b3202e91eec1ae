"""The PDF handout: the HTML handout (``html``) printed by WeasyPrint as tagged PDF/UA-1.

WeasyPrint lays the page out with Pango and HarfBuzz (right-to-left scripts, Indic
conjuncts, emoji) in fonts fontconfig finds, and tags what it prints: headings, lists,
tables, figures with their alt text, the page's language, its title shown as the window's;
the margin boxes' text is then marked as artifacts (``artifacts``). Characters no
installed font has are named (``glyphs``) at the top of the PDF and in
:attr:`PdfHandout.note`.

WeasyPrint is imported only when a PDF is made; where Pango is missing it cannot load,
and that is said in one line (:data:`NO_ENGINE`) while the HTML handout still works.
"""

from __future__ import annotations

import contextlib
import dataclasses
import io
import logging
import re
from dataclasses import dataclass

from ..base.errors import BackstretchError, Problem
from ..base.language import N_, _
from ..routines.model import Routine
from ..safety.notes import MARKS
from .artifacts import mark_furniture
from .content import Handout
from .glyphs import missing_glyphs, missing_note
from .html import handout_html

VARIANT = "pdf/ua-1"
NO_ENGINE = N_("a PDF handout needs WeasyPrint and the Pango library ({why}); on Debian run "
             "make test as root (or: apt-get install libpango-1.0-0 libpangoft2-1.0-0), with "
             "conda: conda env create -f environment.yml; the HTML handout works without them")


@dataclass(frozen=True)
class PdfHandout:
    """A PDF handout's bytes, and what it says it cannot show ('' when nothing)."""

    data: bytes
    note: str = ""


def _texts(value: object) -> list[str]:
    """Every string in a nest of tuples (a handout as ``dataclasses.astuple`` gives it)."""
    if isinstance(value, str):
        return [value]
    return [t for v in value for t in _texts(v)] if isinstance(value, tuple) else []


def engine(where: str = "<pdf>"):  # noqa: ANN201 - weasyprint's HTML class, imported late
    """WeasyPrint's ``HTML``, or one clear error where it or its libraries are missing."""
    try:
        with contextlib.redirect_stdout(io.StringIO()):  # its own advice, many lines long
            from weasyprint import HTML
    except ImportError as exc:
        why = _("{module} is not installed").format(module=exc.name or "weasyprint")
        raise BackstretchError(Problem(where, "", _(NO_ENGINE).format(why=why))) from None
    except OSError as exc:  # GObject or Pango absent: cffi cannot open them
        library = re.search(r"'([^']+)'", str(exc))
        why = (_("cannot load {library}").format(library=library[1]) if library
               else _("cannot load its libraries"))
        raise BackstretchError(Problem(where, "", _(NO_ENGINE).format(why=why))) from None
    logging.getLogger("weasyprint").setLevel(logging.ERROR)  # what matters is in the note
    return HTML


def handout_pdf(routine: Routine, paper: str = "a4",
                charts: list[tuple[str, str]] | None = None, where: str = "<pdf>") -> PdfHandout:
    """The handout as a tagged PDF on ``paper``: the HTML handout, printed."""
    html_class = engine(where)
    texts = [*_texts(dataclasses.astuple(Handout.from_routine(routine))), *MARKS.values()]
    note = missing_note(missing_glyphs(texts))
    page = handout_html(routine, charts, paper, note)
    return PdfHandout(mark_furniture(html_class(string=page).write_pdf(pdf_variant=VARIANT)),
                      note)
