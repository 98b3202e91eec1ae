"""The page player's Lab-timer view as its first draw makes it, as HTML.

A page that carries this markup where the player will be (the take-home file) shows the
first step as it loads; when ``player.js`` then draws its own view (the same elements,
the same words), nothing on the page moves. It mirrors ``View`` in ``player.js`` for a
session not yet started: a browser test compares the two, element by element.
"""

from __future__ import annotations

from html import escape

from ..routines.steps import clock_text

RATES = (("0.75", "slow"), ("1", "normal"), ("1.25", "brisk"), ("1.5", "fast"))
"""The voice speeds the player offers (``RATES`` in player.js)."""


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
    its first step with the player's default settings (voice on); ``keys`` is the keys
    line the page shows."""
    steps = timeline["steps"]
    step = steps[0]
    title, side = step["title"], f"{step['side']} side" if step["side"] else ""
    at = title.find(side) if side else -1
    shown_title = escape(title) if at < 0 else (
        f'{escape(title[:at])}<span class="bs-side">{escape(side)}</span>'
        f"{escape(title[at + len(side):])}")
    cue = escape(step["cue"]) + (f" <i>{escape(step['reminder'])}</i>"
                                 if step["reminder"] else "")
    where = (f"Stretch {step['item'] + 1} of {timeline['items']} · step 1 of {len(steps)} · "
             f"0:00 of {clock_text(timeline['duration'])}")
    rates = "".join(f'<option value="{v}"{" selected" if v == "1" else ""}>{name}</option>'
                    for v, name in RATES)
    rates = f'<select class="bs-rate-select">{rates}</select>'
    controls = "".join((
        _button("Start", "bs-start bs-go"),
        _button("Pause", "bs-pause", attrs=" disabled"),
        _button("Back", "bs-back", "Repeat the last step", " disabled"),
        _button("Skip", "bs-skip", "Go on to the next step"),
        _button("Reset", "bs-reset bs-warn", "Stop and go back to the beginning"),
        _button("Mute", "bs-mute", "Turn the beeps off (the flash stays)",
                ' aria-pressed="false"'),
        _button("Voice", "bs-voice", "Say each step aloud (the browser's speech)",
                ' aria-pressed="true"'),
        f'<label class="bs-rate">Voice speed {rates}</label>',
        _button("Motion", "bs-motion",
                "Show the stretch moving (off: its start and its hold, still)",
                ' aria-pressed="true"'),
        _button("Full screen", "bs-fullscreen", "Fill the screen with this view (Esc leaves)",
                ' hidden aria-pressed="false"')))
    return "".join((
        _div("bs-current", shown_title, f' role="heading" aria-level="{heading_level}"'),
        _div("bs-main", _div("bs-countdown", clock_text(step["seconds"]),
                             ' role="timer" aria-label="Time left in this step"')
             + _div("bs-figure", timeline["figures"].get(step["figure"], ""))),
        _div("bs-cue", cue),
        _div("bs-progress bs-class-progress",
             _div("bs-where", escape(where)) + _bar("This step") + _bar("Routine")),
        _div("bs-next", escape(f"Next: {step['next']}")),
        _div("bs-controls", controls),
        _div("bs-class-keys bs-keys", escape(keys)),
        _div("bs-live bs-sr-only", "", ' role="status" aria-live="polite" aria-atomic="true"'),
        _div("bs-wake-note", "Keep the screen on yourself: this browser cannot keep it awake.",
             " hidden"),
        _div("bs-log-notice", "", ' role="status" hidden'),
    ))
