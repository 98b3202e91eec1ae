"""Take it home: a routine's guided session as one HTML file that runs anywhere, offline.

The file holds the page's own player (the same ES module the Lab timer and the class
view run), fed the same timeline, with the figures, the checklist, pain before and after,
a note and the safety notes. It loads nothing from any network (a Content-Security-Policy
forbids it), keeps its progress and sessions in the browser, and offers the sessions as
a small file that ``backstretch log import`` adds to the session log.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
from html import escape
from pathlib import Path

from ..base.errors import BackstretchError, Problem
from ..base.language import N_, _, ngettext, page_tag, pgettext
from ..base.yamlio import atomic_write_text
from ..guided import player_asset
from ..guided.first_paint import timer_view_html
from ..guided.timeline import page_timeline
from ..guided.words import plural_forms
from ..log.take_home import FORMAT, VERSION
from ..routines.model import Routine
from ..routines.steps import clock_text
from ..safety.notes import safety_html

HERE = Path(__file__).parent
SUFFIXES = (".html", ".htm")
KEYS_LINE = N_("Keys: Space start / pause / resume · → or N skip · ← or B back · R reset")
"""The keys, which work anywhere on this page (the player's own line speaks of a notebook)."""
NO_SESSION = N_("No session done with this page yet.")


def pain_choices() -> list[tuple[str, str]]:
    """The pain scores offered, before and after: the value and what is shown."""
    named = {0: _("0 (no pain)"), 10: _("10 (worst)")}
    # TRANSLATORS: a pain score the person left unset, in a list of 0 to 10
    return [("", _("not recorded")), *((str(n), named.get(n, str(n))) for n in range(11))]


def _words() -> dict[str, str]:
    """The page's own headings, labels and lines, in the current language, escaped."""
    said = {
        "not_advice": _("Not medical advice."),
        "stop": _("Stop at once if pain sharpens or spreads down a leg."),
        "red_flags": _("The red flags that need a doctor now"),
        "pain_before": _("Pain before (0 to 10)"),
        "after": _("After the session"),
        "pain_after": _("Pain after (0 to 10)"),
        "note": pgettext("field", "Note"),
        "how": _("How did it go? (optional)"),
        "checklist": _("Checklist"),
        "ticked": _("Ticked as each side's hold ends; tick by hand too."),
        "sessions": _("Your sessions"),
        "none": _(NO_SESSION),
        "download": _("Download your sessions"),
        "safety": _("Safety first"),
    }
    return {key: escape(text) for key, text in said.items()}


def page_words() -> dict:
    """What take_home.js says itself, in the current language: the page keeps the words
    it was made with."""
    return {"sessions": plural_forms(lambda n: ngettext("{n} session done with this page.",
                                                        "{n} sessions done with this page.",
                                                        n)),
            "cannot_keep": _("This browser cannot keep them: download them before you "
                             "close it.")}


def _json_in_html(data: object) -> str:
    """JSON that cannot end the <script> element it sits in."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _options(choices: list[tuple[str, str]]) -> str:
    return "".join(f'<option value="{v}">{escape(name)}</option>' for v, name in choices)


def _checklist(timeline: dict) -> str:
    """The checklist's boxes, as take_home.js ticks them (``data-box``: item/side)."""
    return "".join(f'<li><label><input type="checkbox" data-box="{b["item"]}/{b["side"] or ""}">'
                   f'<span>{escape(b["label"])}</span></label></li>' for b in timeline["boxes"])


def take_home_html(routine: Routine) -> str:
    """The whole take-home page for ``routine``: one self-contained HTML document. Every
    part of it is in the HTML as it loads, the player's first step too, so nothing moves
    when its script starts."""
    as_dict = routine.to_dict()
    # where the page keeps its progress and sessions in the browser: one place per routine
    # as written (a changed routine starts afresh, so no session is replayed on another)
    fingerprint = hashlib.sha256(json.dumps(as_dict, sort_keys=True, ensure_ascii=False)
                                 .encode("utf-8")).hexdigest()[:12]
    timeline = page_timeline(routine)
    # the countdown as wide as the page lets it be: its size follows the longest time shown
    digits = len(clock_text(max((s["seconds"] for s in timeline["steps"]), default=0)))
    data = {"timeline": timeline, "routine": as_dict,
            "store": f"{routine.key()}.{fingerprint}", "format": FORMAT, "version": VERSION,
            "words": page_words()}
    script = (player_asset("player.js").read_text(encoding="utf-8") + "\n"
              + (HERE / "take_home.js").read_text(encoding="utf-8"))
    if "</script" in script.lower():  # it would end the element it is written in
        raise ValueError("the page's script must not contain '</script'")
    digest = base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode("ascii")
    # nothing from anywhere (no image, font, frame, fetch or worker), no script but the
    # page's own; inline styles only (the page's, the figures'), which can load nothing
    policy = ("default-src 'none'; script-src 'sha256-" + digest + "'; "
              "style-src 'unsafe-inline'; connect-src 'none'; form-action 'none'; "
              "base-uri 'none'")
    css = (player_asset("player.css").read_text(encoding="utf-8")
           + (HERE / "take_home.css").read_text(encoding="utf-8"))
    title = escape(routine.name)
    lang = escape(page_tag())
    pain = _options(pain_choices())
    t = _words()
    import_button = escape(pgettext("button", "Import"))
    import_in = escape(_("They stay in this browser and go nowhere else. To add them to your "
                         "session log in the workbook, download them and run {command} (or "
                         "use {button} in notebook 04).")).format(
        command=f"<code>backstretch log import {escape(_('FILE'))}</code>",
        button=f"<b>{import_button}</b>")
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{policy}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="referrer" content="no-referrer">'
        f"<title>{title} · backstretch</title><style>{css}</style></head>"
        '<body class="bs-take-home"><main>'
        f'<h1>{title}</h1><div class="bs-th-safety"><p><b>{t["not_advice"]}'
        f'</b> {t["stop"]}</p>'
        '<a class="bs-th-jump" href="#safety">'
        f'{t["red_flags"]}</a></div>'
        f'<label class="bs-th-pain">{t["pain_before"]} '
        f'<select id="bs-pain-before">{pain}</select></label>'
        f'<div id="bs-player" class="bs-player bs-timer" lang="{lang}" '
        f'style="--bs-th-digits: {digits}">'
        f"{timer_view_html(timeline, _(KEYS_LINE), heading_level=2)}</div>"
        '<section class="bs-th-after" aria-labelledby="bs-after-title">'
        f'<h2 id="bs-after-title">{t["after"]}</h2>'
        f'<label class="bs-th-pain">{t["pain_after"]} '
        f'<select id="bs-pain-after">{pain}</select></label>'
        f'<label class="bs-th-note">{t["note"]} <input id="bs-note" '
        f'type="text" maxlength="500" placeholder="{t["how"]}">'
        "</label></section>"
        '<section aria-labelledby="bs-checklist-title"><h2 id="bs-checklist-title">'
        f'{t["checklist"]}</h2>'
        f'<p>{t["ticked"]}</p>'
        f'<ul id="bs-checklist" class="bs-th-checklist">{_checklist(timeline)}</ul></section>'
        '<section aria-labelledby="bs-sessions-title"><h2 id="bs-sessions-title">'
        f'{t["sessions"]}</h2>'
        f'<p id="bs-sessions" role="status">{t["none"]}</p>'
        '<button type="button" class="bs-btn" id="bs-download" disabled>'
        f'{t["download"]}</button>'
        f"<p>{import_in}</p></section>"
        f'<section id="safety" aria-labelledby="bs-safety-title">'
        f'<h2 id="bs-safety-title">{t["safety"]}</h2>{safety_html()}'
        "</section>"
        "</main>"
        f'<script type="application/json" id="bs-data">{_json_in_html(data)}</script>'
        f'<script type="module">{script}</script>'
        "</body></html>\n")


def save_take_home(routine: Routine, path: str | os.PathLike[str]) -> Path:
    """Write the take-home page to ``path`` (``.html``), atomically; return the path."""
    target = Path(path)
    if target.suffix.lower() not in SUFFIXES:
        raise BackstretchError(Problem(str(path), "", _("end the file name in .html")))
    atomic_write_text(target, take_home_html(routine))
    return target
