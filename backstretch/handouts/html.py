"""A handout as one printable, self-contained HTML page (no external links).

The page is the handout's one source: a browser shows it, its own Print gives pages of the
size chosen (``PAPERS``), and the PDF handout is this page printed by WeasyPrint (``pdf``).
Its print stylesheet (``handout.css``, and the ``@page`` rule made here) keeps each
stretch card whole on a page and puts the routine's name and "page N of M" in the
bottom margin, where a PDF marks them as page furniture rather than text to read.
"""

from __future__ import annotations

import base64
import unicodedata
from html import escape
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..figures.drawing import stretch_alt, stretch_svg
from ..routines.model import Routine
from ..safety.notes import safety_html
from .content import Handout, HandoutStretch, chart_svgs

LANG = "en"
"""The language the handout is written in: the page's ``lang``, the PDF's ``/Lang``."""
PAPERS = {"a4": "A4", "letter": "letter"}
"""Paper sizes a handout prints on, by the name the CLI and the panel use, as CSS says it."""
CSS = (Path(__file__).parent / "handout.css").read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the ``<style>``
    element it sits in: anything but a letter, digit or space is written as an escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def page_css(title: str, paper: str = "a4") -> str:
    """The ``@page`` rule: the paper, the margins, and the title and page number below."""
    if paper not in PAPERS:
        raise BackstretchError(Problem("<paper>", "", f"no paper {paper!r}; choose "
                                       + " or ".join(PAPERS)))
    return (f"@page {{ size: {PAPERS[paper]}; margin: 14mm 14mm 16mm; "
            f"@bottom-center {{ content: {css_string(title + ' · page ')} counter(page) "
            '" of " counter(pages); font: 7.5pt "DejaVu Sans", Verdana, Arial, sans-serif; '
            "color: #666; } }\n")


def _dir(text: str) -> str:
    """' dir="rtl"' for text whose first strong letter is right to left (Arabic, Hebrew),
    as ``dir="auto"`` would say, which WeasyPrint does not read."""
    for c in text:
        kind = unicodedata.bidirectional(c)
        if kind in ("R", "AL"):
            return ' dir="rtl"'
        if kind == "L":
            return ""
    return ""


def _data_url(mime: str, data: str | bytes) -> str:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    return f"data:{mime};base64,{base64.b64encode(raw).decode('ascii')}"


def _pose(routine: Routine, s: HandoutStretch) -> str:
    """The stretch's figure, with alt text: the start and the hold side by side in a row
    of their own, under the line on how to move between them (no text runs beside them,
    so copied text keeps its order), or the hold alone for a pose without a start."""
    def still(frame: str, css: str = "") -> str:
        svg = stretch_svg(routine.catalogue, s.stretch_id, s.side, frame=frame)
        alt = stretch_alt(routine.catalogue, s.stretch_id, s.side, frame)
        return (f'<img{css} alt="{escape(alt)}" src="{_data_url("image/svg+xml", svg)}">'
                if svg else "")

    if not s.way_in:
        return still("hold", ' class="bs-pose"')
    then = "Hold" if routine.catalogue[s.stretch_id].is_static else "Move"
    return (f'<div class="bs-stills"><figure>{still("start")}<figcaption>Start'
            f'</figcaption></figure><figure>{still("hold")}<figcaption>{then}</figcaption>'
            "</figure></div>")


def _stretches(routine: Routine, h: Handout) -> str:
    cards = []
    for n, s in enumerate(h.stretches, 1):
        cards.append(
            f'<section class="bs-stretch"><h3{_dir(s.name)}>{n}. {escape(s.name)}</h3>'
            f'<p class="bs-dose">{escape(s.dose)}</p><p><em>{escape(s.summary)}</em></p>'
            + (f'<p class="bs-way-in"><b>From the start:</b> {escape(s.way_in)}</p>'
               if s.way_in else "")
            + _pose(routine, s)
            + f"<ol>{''.join(f'<li>{escape(x)}</li>' for x in s.steps)}</ol>"
            f'<div class="bs-caution"><p>Take care</p><ul>'
            f"{''.join(f'<li>{escape(x)}</li>' for x in s.cautions)}</ul></div></section>")
    return "".join(cards)


def _dose(h: Handout) -> str:
    short = ' class="bs-short"'
    rows = "".join(
        f'<tr{short if r.short else ""}><th scope="row">{escape(r.group)}</th>'
        f'<td class="bs-num">{escape(r.seconds)}</td><td class="bs-num">{escape(r.target)}</td>'
        f"<td>{escape(r.result)}</td></tr>" for r in h.dose)
    table = ('<table class="bs-dose-table"><caption>Static stretch per side for each muscle '
             'group it targets</caption><thead><tr><th scope="col">Muscle group</th>'
             '<th scope="col">Stretch</th><th scope="col">Target</th><th scope="col">Result</th>'
             f"</tr></thead><tbody>{rows}</tbody></table>") if rows else ""
    return table + f"<ul>{''.join(f'<li>{escape(x)}</li>' for x in h.dose_notes)}</ul>"


def handout_html(routine: Routine, charts: list[tuple[str, str]] | None = None,
                 paper: str = "a4", note: str = "") -> str:
    """A printable, self-contained HTML page (no external links); every text escaped.

    ``charts`` defaults to :func:`chart_svgs`, embedded as SVG images; ``paper`` is a key
    of ``PAPERS``; ``note``, when given, is shown first (what a PDF cannot show).
    """
    h = Handout.from_routine(routine)
    charts = chart_svgs(routine) if charts is None else charts
    ticks = "".join(f"<li{_dir(x)}>{escape(x)}</li>" for x in h.checklist)
    figures = "<h2>What it stretches</h2>" + "".join(
        f'<figure><img alt="{escape(caption)}, for {escape(h.title)}. The numbers are in the '
        f'table under Against the guideline." src="{_data_url("image/svg+xml", svg)}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
        for caption, svg in charts) if charts else ""
    description = f"<p{_dir(h.description)}>{escape(h.description)}</p>" if h.description else ""
    shown = f'<p class="bs-note">{escape(note)}</p>' if note else ""
    return (
        f'<!DOCTYPE html>\n<html lang="{LANG}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(h.title)}</title>"
        f"<style>{CSS}{page_css(h.title, paper)}</style></head>"
        f'<body class="bs-handout"><h1{_dir(h.title)}>{escape(h.title)}</h1>{shown}'
        f'<p class="bs-total">{escape(h.total)}</p>'
        f"<h2>Safety first</h2>{safety_html()}"
        f"<h2>The stretches</h2>{description}{_stretches(routine, h)}"
        '<section class="bs-checklist"><h2>Checklist</h2>'
        "<p>Tick each box as you finish that stretch or side.</p>"
        f'<ul class="bs-ticks">{ticks}</ul></section>'
        f"<h2>Against the guideline</h2>{_dose(h)}"
        f"{figures}"
        "</body></html>\n"
    )
