"""The instructor's view of a week as HTML: a fragment for the notebook's panel, and the
service's whole page with its Content-Security-Policy (no script; its one style by hash).
Every name and figure is escaped."""

from __future__ import annotations

import base64
import hashlib
from html import escape

from ..base.language import N_, _, page_tag
from .class_figures import ClassFigures, row_words

RISING_CSS = ".bs-rising{border:2px solid #b00020;padding:.5em 1em;margin:.5em 0}"
"""A line to act on, boxed: on the service's page and in 05's panel."""
STYLE = ("body{font-family:system-ui,sans-serif;margin:2em;max-width:60em}"
         "table{border-collapse:collapse}td,th{border:1px solid #999;padding:.3em .6em;"
         "text-align:left;vertical-align:top}" + RISING_CSS)
HEADINGS = (N_("Name"), N_("Days (of plan)"), N_("Latest check-in"),
            N_("Usual pain since the start"), N_("Activities' average since the start"))
"""The named students' table's headings (shown as ``_(heading)``)."""
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
        head = "".join(f"<th>{escape(_(h), quote=False)}</th>" for h in HEADINGS)
        rows = "".join("<tr>" + "".join(f"<td>{escape(cell)}</td>" for cell in row_words(s))
                       + "</tr>" for s in figures.named)
        out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    else:
        nobody = _("No student shared this week with their name.")
        out.append(f"<p>{escape(nobody, quote=False)}</p>")
    return "".join(out) + "</div>"


def class_page(figures: ClassFigures) -> str:
    """The service's whole page for the instructor, in the current language."""
    title = escape(_("The class's shared weeks"), quote=False)
    note = escape(_("Only what students chose to share is here. Anonymous shares carry no "
                    "name, and the service does not keep one."), quote=False)
    return (f"<!DOCTYPE html><html lang=\"{escape(page_tag())}\"><head>"
            f"<meta charset=\"utf-8\"><title>{title}</title>"
            f"<style>{STYLE}</style></head><body><h1>{title}</h1>"
            f"{figures_html(figures)}<p>{note}</p></body></html>")
