"""Printable handouts of a routine: a self-contained HTML page, or a PDF with the same content.

Both are built from one :class:`Handout`, so they cannot drift apart. Charts need
matplotlib and the PDF needs fpdf2 (the ``workbook`` extra); both are imported
only when a handout is drawn, so ``import backstretch`` stays light.
"""

from __future__ import annotations

import base64
import os
import warnings
from dataclasses import dataclass
from html import escape
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.plural import counted
from ..base.yamlio import atomic_write_bytes, atomic_write_text
from ..figures.drawing import stretch_png, stretch_svg
from ..routines.dose import dose_report
from ..routines.model import Routine, format_duration
from ..routines.steps import reps_text, side_text
from ..safety.flags import cautions_of
from ..safety.notes import safety_html

SUFFIXES = (".html", ".htm", ".pdf")


@dataclass(frozen=True)
class HandoutStretch:
    """One stretch as the handout prints it."""

    name: str
    dose: str
    """What to do, like 'Hold 30 s, 2 times, left side then right side; rest 5 s between.'"""
    summary: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    stretch_id: str = ""
    side: str | None = None
    """The side its figure shows: the first one done, or None for both at once."""


@dataclass(frozen=True)
class Handout:
    """Everything a handout says, as plain text (escaped only when rendered as HTML)."""

    title: str
    description: str
    total: str
    stretches: tuple[HandoutStretch, ...]
    checklist: tuple[str, ...]
    """One line per box: each stretch, and each side of a one-side-at-a-time stretch."""
    dose: tuple[str, ...]

    @classmethod
    def from_routine(cls, routine: Routine) -> Handout:
        if not routine.items:
            raise BackstretchError(Problem("<routine>", "items", "add at least one stretch first"))
        stretches = tuple(
            HandoutStretch(routine.stretch(i).name, dose_text(routine, i),
                           routine.stretch(i).summary, routine.stretch(i).steps,
                           cautions_of(routine.stretch(i)), routine.items[i].stretch,
                           routine.sides(i)[0])
            for i in range(len(routine.items)))
        how_many = counted(len(routine.items), "stretch", "stretches")
        total = (f"{format_duration(routine.duration)} in all, {how_many}, "
                 "including getting ready, switching sides and rests")
        return cls(routine.name, routine.description, total, stretches,
                   tuple(routine.box_label(box) for box in routine.checklist_boxes()),
                   tuple(dose_report(routine).lines()))


def dose_text(routine: Routine, index: int) -> str:
    """How long and how often to do one item of the routine, in a sentence."""
    hold, reps = routine.hold(index), routine.reps(index)
    sides = routine.sides(index)
    where = "" if sides == (None,) else \
        "; " + ", then ".join(map(side_text, sides)) + (" only" if len(sides) == 1 else "")
    if not routine.stretch(index).is_static:
        return f"{reps_text(reps)}, about {hold} s each{where}."
    times = "once" if reps == 1 else f"{reps} times"
    rest = f"; rest {routine.rest(index)} s between" if reps > 1 else ""
    return f"Hold {hold} s, {times}{where}{rest}."


def chart_pngs(routine: Routine, dpi: int = 110) -> list[tuple[str, bytes]]:
    """The charts a handout shows (``charts.charts_for("handout")``) as (caption, PNG bytes)."""
    from ..charts.routine_charts import charts_for, figure_png

    out = []
    for chart in charts_for("handout"):
        with warnings.catch_warnings():  # a glyph DejaVu lacks (an emoji) is simply left out
            warnings.filterwarnings("ignore", "Glyph .* missing", UserWarning)
            out.append((chart.caption, figure_png(chart.draw(routine), dpi)))
    return out


HANDOUT_CSS = """
@page { size: A4; margin: 14mm; }
body { font-family: "DejaVu Sans", Verdana, Arial, sans-serif; color: #1a1a1a; background: #fff;
       max-width: 48em; margin: 1.5em auto; padding: 0 1em; line-height: 1.4; }
h1 { color: #1f4e79; margin-bottom: 0.2em; }
h2 { color: #1f4e79; border-bottom: 2px solid #1f4e79; margin-top: 1.4em; }
.bs-total { font-weight: 600; }
.bs-stretch { border: 1px solid #bbb; border-radius: 6px; padding: 0.3em 1em; margin: 0.6em 0; }
.bs-stretch h3 { margin: 0.3em 0; }
.bs-stretch::after { content: ""; display: block; clear: both; }
.bs-pose { float: right; width: 14em; max-width: 40%; margin: 0 0 0.4em 1em; }
.bs-dose { font-weight: 600; color: #1f4e79; }
.bs-caution { background: #fff4e5; border-left: 4px solid #b35806; padding: 0.2em 0.8em; }
.bs-ticks { list-style: none; padding-left: 0; columns: 2; }
.bs-ticks li { margin: 0.35em 0; break-inside: avoid; }
.bs-box { display: inline-block; width: 0.95em; height: 0.95em; border: 1.5px solid #1a1a1a;
          margin-right: 0.5em; vertical-align: -0.15em; }
figure { margin: 0.8em 0; } figure img { max-width: 100%; height: auto; }
.bs-safety { border: 2px solid #b35806; border-radius: 8px; padding: 0.5em 1em;
             background: #fffaf3; }
@media print {
  body { margin: 0; max-width: none; }
  .bs-stretch, figure, .bs-safety, .bs-ticks li { break-inside: avoid; }
  h2 { break-after: avoid; }
}
"""


def handout_html(routine: Routine, charts: list[tuple[str, bytes]] | None = None) -> str:
    """A printable, self-contained HTML page (no external links); every text escaped.

    ``charts`` defaults to :func:`chart_pngs`, embedded as base64 PNG images.
    """
    h = Handout.from_routine(routine)
    charts = chart_pngs(routine) if charts is None else charts
    stretches = "".join(
        f'<section class="bs-stretch"><h3>{n}. {escape(s.name)}</h3>'
        f'<div class="bs-pose">{stretch_svg(routine.catalogue, s.stretch_id, s.side)}</div>'
        f'<p class="bs-dose">{escape(s.dose)}</p><p><em>{escape(s.summary)}</em></p>'
        f"<ol>{''.join(f'<li>{escape(x)}</li>' for x in s.steps)}</ol>"
        f'<div class="bs-caution"><b>Take care</b><ul>'
        f"{''.join(f'<li>{escape(x)}</li>' for x in s.cautions)}</ul></div></section>"
        for n, s in enumerate(h.stretches, 1))
    ticks = "".join(f'<li><span class="bs-box"></span>{escape(x)}</li>' for x in h.checklist)
    dose = "".join(f"<li>{escape(x)}</li>" for x in h.dose)
    figures = "".join(
        f'<figure><img alt="{escape(caption)}: {escape(h.title)}" '
        f'src="data:image/png;base64,{base64.b64encode(png).decode("ascii")}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
        for caption, png in charts)
    description = f"<p>{escape(h.description)}</p>" if h.description else ""
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(h.title)}</title><style>{HANDOUT_CSS}</style></head>"
        f'<body class="bs-handout"><h1>{escape(h.title)}</h1>{description}'
        f'<p class="bs-total">{escape(h.total)}</p>'
        f"<h2>Safety first</h2>{safety_html()}"
        f"<h2>The stretches</h2>{stretches}"
        "<h2>Checklist</h2><p>Tick each box as you finish that stretch or side.</p>"
        f'<ul class="bs-ticks">{ticks}</ul>'
        f"<h2>Against the guideline</h2><ul>{dose}</ul>"
        f"<h2>What it stretches</h2>{figures}"
        "</body></html>\n"
    )


def handout_pdf(routine: Routine, charts: list[tuple[str, bytes]] | None = None) -> bytes:
    """The handout as an A4 PDF, with the same content as :func:`handout_html`."""
    from .pdf import render_pdf

    h = Handout.from_routine(routine)
    figures = [stretch_png(routine.catalogue, s.stretch_id, s.side) for s in h.stretches]
    return render_pdf(h, chart_pngs(routine) if charts is None else charts, figures)


def save_handout(routine: Routine, path: str | os.PathLike[str]) -> Path:
    """Write the handout as ``.html`` or ``.pdf`` (by the suffix), atomically; return the path."""
    target = Path(path)
    suffix = target.suffix.lower()
    if suffix not in SUFFIXES:
        raise BackstretchError(Problem(str(path), "", f"cannot tell the format from "
                                       f"{suffix or 'no suffix'!r}; end the name in .html or .pdf"))
    try:
        if suffix == ".pdf":
            atomic_write_bytes(target, handout_pdf(routine))
        else:
            atomic_write_text(target, handout_html(routine))
    except ImportError as exc:
        needs = f"drawing a handout needs {exc.name}; install it with: " \
            "pip install 'backstretch[workbook]'"
        raise BackstretchError(Problem(str(path), "", needs)) from None
    return target
