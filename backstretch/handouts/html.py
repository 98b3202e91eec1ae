"""A handout as one printable, self-contained HTML page (no external links)."""

from __future__ import annotations

import base64
from html import escape

from ..figures.drawing import stretch_svg
from ..routines.model import Routine
from ..safety.notes import safety_html
from .content import Handout, chart_pngs

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
.bs-pose { float: right; width: 20em; max-width: 48%; margin: 0 0 0.4em 1em; }
.bs-stills { display: flex; gap: 0.3em; }
.bs-stills figure { flex: 1 1 0; margin: 0; text-align: center; font-size: 0.8em; }
.bs-stills svg { float: none; display: block; width: 100%; max-width: none; margin: 0; }
.bs-way-in { margin: 0.2em 0 0; font-size: 0.85em; }
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


def _stills(routine: Routine, stretch_id: str, side: str | None, way_in: str) -> str:
    """The start and the hold side by side, and the line that says how to move between;
    the hold alone for a pose without a start."""
    hold = stretch_svg(routine.catalogue, stretch_id, side)
    if not way_in:
        return hold
    start = stretch_svg(routine.catalogue, stretch_id, side, frame="start")
    then = "Hold" if routine.catalogue[stretch_id].is_static else "Move"
    return (f'<div class="bs-stills"><figure>{start}<figcaption>Start</figcaption></figure>'
            f"<figure>{hold}<figcaption>{then}</figcaption></figure></div>"
            f'<p class="bs-way-in">{escape(way_in)}</p>')


def handout_html(routine: Routine, charts: list[tuple[str, bytes]] | None = None) -> str:
    """A printable, self-contained HTML page (no external links); every text escaped.

    ``charts`` defaults to :func:`chart_pngs`, embedded as base64 PNG images.
    """
    h = Handout.from_routine(routine)
    charts = chart_pngs(routine) if charts is None else charts
    stretches = "".join(
        f'<section class="bs-stretch"><h3>{n}. {escape(s.name)}</h3>'
        f'<div class="bs-pose">{_stills(routine, s.stretch_id, s.side, s.way_in)}</div>'
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
