"""The page player's Lab-timer view as its first draw makes it, as HTML.

A page that carries this markup where the player will be (the take-home file) shows the
first step as it loads; when ``player.js`` then draws its own view (the same elements,
the same words), nothing on the page moves. It mirrors ``View`` in ``player.js`` for a
session not yet started: a browser test compares the two, element by element.
"""

from __future__ import annotations

from html import escape

from ..routines.steps import clock_text


def _div(css: str, content: str = "", attrs: str = "") -> str:
    return f'<div class="{css}"{attrs}>{content}</div>'


def _button(text: str, css: str, title: str = "", attrs: str = "") -> str:
    titled = f' title="{escape(title)}"' if title else ""
    return f'<button class="bs-btn {css}" type="button"{titled}{attrs}>{escape(text)}</button>'


def _bar(name: str) -> str:
    return (f'<label class="bs-bar"><span class="bs-bar-name">{name}</span>'
            '<progress max="1" value="0"></progress></label>')


def timer_view_html(timeline: dict, keys: str, heading_level: int = 3) -> str:
    """The inside of the player's element for ``timeline`` (``page_timeline``), ready at
    its first step with the player's default settings (voice on), in the timeline's
    words (``timeline["words"]``, the same the player reads); ``keys`` is the keys line
    the page shows."""
    w = timeline["words"]
    steps = timeline["steps"]
    step = steps[0]
    title, side = step["title"], step["side_words"]
    at = title.find(side) if side else -1
    shown_title = escape(title) if at < 0 else (
        f'{escape(title[:at])}<span class="bs-side">{escape(side)}</span>'
        f"{escape(title[at + len(side):])}")
    cue = escape(step["cue"]) + (f" <i>{escape(step['reminder'])}</i>"
                                 if step["reminder"] else "")
    where = w["where"].format(item=step["item"] + 1, items=timeline["items"], step=1,
                              steps=len(steps), elapsed=clock_text(0),
                              total=clock_text(timeline["duration"]))
    rates = "".join(f'<option value="{v:g}"{" selected" if v == 1 else ""}>{escape(name)}'
                    "</option>" for v, name in w["rates"])
    rates = f'<select class="bs-rate-select">{rates}</select>'
    controls = "".join((
        _button(w["start"], "bs-start bs-go"),
        _button(w["pause"], "bs-pause", attrs=" disabled"),
        _button(w["back"], "bs-back", w["back_title"], " disabled"),
        _button(w["skip"], "bs-skip", w["skip_title"]),
        _button(w["reset"], "bs-reset bs-warn", w["reset_title"]),
        _button(w["mute"], "bs-mute", w["mute_title"], ' aria-pressed="false"'),
        _button(w["voice"], "bs-voice", w["voice_title"], ' aria-pressed="true"'),
        f'<label class="bs-rate">{escape(w["rate"])} {rates}</label>',
        _button(w["motion"], "bs-motion", w["motion_title"], ' aria-pressed="true"'),
        _button(w["full"], "bs-fullscreen", w["full_title"], ' hidden aria-pressed="false"')))
    return "".join((
        _div("bs-current", shown_title, f' role="heading" aria-level="{heading_level}"'),
        _div("bs-main", _div("bs-countdown", clock_text(step["seconds"]),
                             f' role="timer" aria-label="{escape(w["time_left"])}"')
             + _div("bs-figure", timeline["figures"].get(step["figure"], ""))),
        _div("bs-cue", cue),
        _div("bs-progress bs-class-progress",
             _div("bs-where", escape(where)) + _bar(escape(w["step_bar"]))
             + _bar(escape(w["routine_bar"]))),
        _div("bs-next", escape(w["next"].format(next=step["next"]))),
        _div("bs-controls", controls),
        _div("bs-class-keys bs-keys", escape(keys)),
        _div("bs-live bs-sr-only", "", ' role="status" aria-live="polite" aria-atomic="true"'),
        _div("bs-wake-note", escape(w["wake"]), " hidden"),
        _div("bs-voice-note", escape(w["no_voice"]), ' role="status" hidden'),
        _div("bs-log-notice", "", ' role="status" hidden'),
    ))
