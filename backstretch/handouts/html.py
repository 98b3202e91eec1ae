"""A handout as one printable, self-contained HTML page (no external links).

The page is the handout's one source: a browser shows it, its own Print gives pages of the
size chosen (``PAPERS``), and the PDF handout is this page printed by WeasyPrint (``pdf``).
Its print stylesheet (``handout.css``, and the ``@page`` rule made here) keeps each
stretch card whole on a page and puts the routine's name and "page N of M" in the
bottom margin, where a PDF marks them as page furniture rather than text to read.
It is written in the current language (``base.language``), and says so (``lang``).
"""

from __future__ import annotations

import base64
import re
import unicodedata
from html import escape
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.formats import joined
from ..base.language import _, page_tag, pgettext
from ..figures.drawing import stretch_alt, stretch_svg
from ..routines.model import Routine
from ..safety.notes import safety_html
from .content import Handout, HandoutStretch, chart_svgs

PAPERS = {"a4": "A4", "letter": "letter"}
"""Paper sizes a handout prints on, by the name the CLI and the panel use, as CSS says it."""
CSS = (Path(__file__).parent / "handout.css").read_text(encoding="utf-8")


def css_string(text: str) -> str:
    """``text`` as a quoted CSS string that cannot end the string or the ``<style>``
    element it sits in: anything but a letter, digit or space is written as an escape."""
    return '"' + "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text) + '"'


def _furniture(title: str) -> str:
    """The bottom margin's CSS ``content``: the title and 'page N of M', in the current
    language's words, the numbers counted by the printer."""
    # TRANSLATORS: at the foot of each printed page; keep the three {placeholders}
    said = _("{title} · page {page} of {pages}")
    parts = []
    for piece in re.split(r"(\{title\}|\{page\}|\{pages\})", said):
        if piece == "{title}":
            parts.append(css_string(title))
        elif piece in ("{page}", "{pages}"):
            parts.append(f"counter({piece[1:-1]})")
        elif piece:
            parts.append(css_string(piece))
    return " ".join(parts)


def page_css(title: str, paper: str = "a4") -> str:
    """The ``@page`` rule: the paper, the margins, and the title and page number below."""
    if paper not in PAPERS:
        raise BackstretchError(Problem("<paper>", "", _("no paper {paper}; choose {papers}")
                                       .format(paper=repr(paper),
                                               papers=joined(list(PAPERS), style="or"))))
    return (f"@page {{ size: {PAPERS[paper]}; margin: 14mm 14mm 16mm; "
            f"@bottom-center {{ content: {_furniture(title)}; "
            'font: 7.5pt "DejaVu Sans", Verdana, Arial, sans-serif; '
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
    then = (pgettext("figure", "Hold") if routine.catalogue[s.stretch_id].is_static
            else pgettext("figure", "Move"))
    start = pgettext("figure", "Start")
    return (f'<div class="bs-stills"><figure>{still("start")}<figcaption>'
            f"{escape(start)}</figcaption></figure><figure>"
            f'{still("hold")}<figcaption>{escape(then)}</figcaption></figure></div>')


def _stretches(routine: Routine, h: Handout) -> str:
    from_start, take_care = escape(_("From the start:")), escape(_("Take care"))
    cards = []
    for n, s in enumerate(h.stretches, 1):
        cards.append(
            f'<section class="bs-stretch"><h3{_dir(s.name)}>{n}. {escape(s.name)}</h3>'
            f'<p class="bs-dose">{escape(s.dose)}</p><p><em>{escape(s.summary)}</em></p>'
            + (f'<p class="bs-way-in"><b>{from_start}</b> '
               f"{escape(s.way_in)}</p>" if s.way_in else "")
            + _pose(routine, s)
            + f"<ol>{''.join(f'<li>{escape(x)}</li>' for x in s.steps)}</ol>"
            f'<div class="bs-caution"><p>{take_care}</p><ul>'
            f"{''.join(f'<li>{escape(x)}</li>' for x in s.cautions)}</ul></div></section>")
    return "".join(cards)


def _dose(h: Handout) -> str:
    short = ' class="bs-short"'
    rows = "".join(
        f'<tr{short if r.short else ""}><th scope="row">{escape(r.group)}</th>'
        f'<td class="bs-num">{escape(r.seconds)}</td><td class="bs-num">{escape(r.target)}</td>'
        f"<td>{escape(r.result)}</td></tr>" for r in h.dose)
    heads = "".join(f'<th scope="col">{escape(x)}</th>' for x in (
        _("Muscle group"), pgettext("dose table", "Stretch"), _("Target"), _("Result")))
    caption = escape(_("Static stretch per side for each muscle group it targets"))
    table = (f'<table class="bs-dose-table"><caption>{caption}</caption><thead><tr>{heads}'
             f"</tr></thead><tbody>{rows}</tbody></table>") if rows else ""
    return table + f"<ul>{''.join(f'<li>{escape(x)}</li>' for x in h.dose_notes)}</ul>"


def _chart_alt(caption: str, title: str, section: str) -> str:
    """A chart's alt text: what it is, and where its numbers are as text."""
    return _("{chart}, for {routine}. The numbers are in the table under {section}.").format(
        chart=caption, routine=title, section=section)


def handout_html(routine: Routine, charts: list[tuple[str, str]] | None = None,
                 paper: str = "a4", note: str = "") -> str:
    """A printable, self-contained HTML page (no external links); every text escaped.

    ``charts`` defaults to :func:`chart_svgs`, embedded as SVG images; ``paper`` is a key
    of ``PAPERS``; ``note``, when given, is shown first (what a PDF cannot show).
    """
    h = Handout.from_routine(routine)
    charts = chart_svgs(routine) if charts is None else charts
    ticks = "".join(f"<li{_dir(x)}>{escape(x)}</li>" for x in h.checklist)
    against = _("Against the guideline")
    figures = "".join(
        f'<figure><img alt="{escape(_chart_alt(caption, h.title, against))}" '
        f'src="{_data_url("image/svg+xml", svg)}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>" for caption, svg in charts)
    if figures:
        heading = escape(_("What it stretches"))
        figures = f"<h2>{heading}</h2>{figures}"
    description = f"<p{_dir(h.description)}>{escape(h.description)}</p>" if h.description else ""
    shown = f'<p class="bs-note">{escape(note)}</p>' if note else ""
    t = {key: escape(text) for key, text in (
        ("safety", _("Safety first")), ("stretches", _("The stretches")),
        ("checklist", _("Checklist")),
        ("tick", _("Tick each box as you finish that stretch or side.")))}
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(page_tag())}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(h.title)}</title>"
        f"<style>{CSS}{page_css(h.title, paper)}</style></head>"
        f'<body class="bs-handout"><h1{_dir(h.title)}>{escape(h.title)}</h1>{shown}'
        f'<p class="bs-total">{escape(h.total)}</p>'
        f"<h2>{t['safety']}</h2>{safety_html()}"
        f"<h2>{t['stretches']}</h2>{description}{_stretches(routine, h)}"
        f'<section class="bs-checklist"><h2>{t["checklist"]}</h2>'
        f"<p>{t['tick']}</p>"
        f'<ul class="bs-ticks">{ticks}</ul></section>'
        f"<h2>{escape(against)}</h2>{_dose(h)}"
        f"{figures}"
        "</body></html>\n"
    )
