"""The instructor's view of a week as HTML: a fragment for the notebook's panel, and the
service's whole page with its Content-Security-Policy (no script; its one style by hash).
Every name and figure is escaped."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from .class_figures import ClassFigures, row_words

RISING_CSS = ".bs-rising{border:2px solid #b00020;padding:.5em 1em;margin:.5em 0}"
"""A line to act on, boxed: on the service's page and in 05's panel."""
STYLE = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}"
         "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
         "text-align:left;vertical-align:top}" + RISING_CSS)
HEADINGS = ("Name", "Days (of plan)", "Latest check-in", "Usual pain since the start",
            "Activities' average since the start")
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'sha256-"
    + base64.b64encode(hashlib.sha256(STYLE.encode()).digest()).decode()
    + "'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
"""The page's policy: nothing loads, nothing runs, only its own style applies."""


def figures_html(figures: ClassFigures) -> str:
    """The week's figures, the lines to act on, and the named students' rows."""
    out = ['<div class="bs-class-shares">',
           *(f"<p>{escape(line)}</p>" for line in figures.lines())]
    out += [f'<p class="bs-rising">{escape(line)}</p>' for line in figures.rising_lines()]
    if figures.named:
        head = "".join(f"<th>{h}</th>" for h in HEADINGS)
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row_words(s))
                       + "</tr>" for s in figures.named)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    else:
        out.append("<p>No student shared this week with their name.</p>")
    return "".join(out) + "</div>"


def class_page(figures: ClassFigures) -> str:
    """The service's whole page for the instructor."""
    return ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            "<title>The class's shared weeks</title>"
            f"<style>{STYLE}</style></head><body><h1>The class's shared weeks</h1>"
            f"{figures_html(figures)}<p>Only what students chose to share is here. Anonymous "
            "shares carry no name, and the service does not keep one.</p></body></html>")
