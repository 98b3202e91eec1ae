"""The class view: a projector-sized countdown an instructor drives by mouse or keyboard."""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape

import ipywidgets as w
from ipyevents import Event as DomEvent

from ..routine import Routine, format_duration
from ..safety import STOP_SIGNS
from ..session import Event, Session
from .cues import Cues, cue_kind
from .ticker import Ticker
from .timer import clock_text, control_button, step_title

CLASS_CSS = """
.bs-class-view { border: 3px solid #1f4e79; border-radius: 14px; padding: 14px 28px;
                 min-height: 86vh; box-sizing: border-box; background: #fff; color: #1a1a1a;
                 transition: background 0.25s; }
.bs-class-view.bs-flash { background: #ffe9a8; }
.bs-class-view.ipyevents-watched { border-color: #e08214 !important; outline: none; }
.bs-class-view.ipyevents-watched .bs-class-keys .widget-html-content::after {
    content: " · keys on"; color: #b35806; font-weight: 700; }
.bs-class-view .widget-html, .bs-class-view .widget-html-content { height: auto; line-height: 1.2; }
.bs-class-title { font-size: 1.3rem; color: #555; }
.bs-class-current, .bs-class-current .widget-html-content { font-size: 3.2rem; font-weight: 700; }
.bs-class-cue, .bs-class-cue .widget-html-content { font-size: 2rem; color: #333; }
.bs-class-side, .bs-class-side .widget-html-content {
    font-size: 3.6rem; font-weight: 800; color: #b35806; text-transform: uppercase; }
.bs-class-countdown, .bs-class-view .bs-class-countdown .widget-html-content {
    font-size: 15rem; font-weight: 800; line-height: 1; color: #1f4e79;
    font-variant-numeric: tabular-nums; text-align: center; }
.bs-class-countdown.bs-paused, .bs-class-view .bs-class-countdown.bs-paused .widget-html-content {
    color: #8c8c8c; }
.bs-class-next, .bs-class-next .widget-html-content { font-size: 1.8rem; color: #333; }
.bs-class-progress .widget-html-content { font-size: 1.2rem; color: #444; }
.bs-class-safety { border-left: 6px solid #b35806; padding-left: 10px; }
.bs-class-safety .widget-html-content { font-size: 1.15rem; color: #7a3b00; }
.bs-class-keys .widget-html-content { font-size: 0.95rem; color: #555; }
.bs-class-view .widget-button, .bs-class-view .widget-toggle-button { font-size: 1.1rem;
    height: 2.4em; }
"""

REMINDER = ("Stop at once for " + "; ".join(s.rstrip(".").lower() for s in STOP_SIGNS)
            + ". A mild pull is fine; pain is not.")
"""The safety line the class sees all the time."""

KEYS: dict[str, str] = {" ": "toggle", "Spacebar": "toggle", "ArrowRight": "skip", "n": "skip",
                        "N": "skip", "ArrowLeft": "back", "b": "back", "B": "back",
                        "r": "reset", "R": "reset"}
"""Key (as the browser names it) to action."""

KEYS_HELP = ("<b>Keys</b> (pointer over this view): <kbd>Space</kbd> start / pause / resume · "
             "<kbd>→</kbd> or <kbd>N</kbd> skip · <kbd>←</kbd> or <kbd>B</kbd> back · "
             "<kbd>R</kbd> reset")


def _what(step_kind: str, rep: int, reps: int, paused: bool) -> str:
    what = {"get_ready": "Get into position", "hold": "Hold", "move": f"{reps} slow repetitions",
            "switch": "Switch sides", "rest": "Rest and breathe"}[step_kind]
    if step_kind == "hold" and reps > 1:
        what += f" ({rep} of {reps})"
    return what + (" · paused" if paused else "")


class ClassView:
    """A big countdown for a room: stretch, side, next stretch, progress, safety line.

    Driven by :class:`~backstretch.session.Session` with an injectable ``clock``; ticks
    on the kernel's asyncio loop like the timer. Keys come through ipyevents while the
    pointer is over the view (Space, arrows, N, B, R); the buttons do the same.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] = time.monotonic):
        self.routine = routine
        self.session = Session(routine, clock)
        self.ticker = Ticker(self.session, self.tick)
        self.cues = Cues()

        def html(css: str) -> w.HTML:
            h = w.HTML(layout=w.Layout(width="100%"))
            h.add_class(css)
            return h

        self.title = html("bs-class-title")
        self._show_title()
        self.current, self.cue, self.side = (html(c) for c in
                                             ("bs-class-current", "bs-class-cue", "bs-class-side"))
        self.countdown = html("bs-class-countdown")
        self.progress_text = w.HTML()
        self.step_bar = w.FloatProgress(min=0, max=1, description="This step",
                                        layout=w.Layout(width="98%"))
        self.total_bar = w.FloatProgress(min=0, max=1, description="Routine",
                                         layout=w.Layout(width="98%"))
        self.progress = w.VBox([self.progress_text, self.step_bar, self.total_bar])
        self.progress.add_class("bs-class-progress")
        self.next_label = html("bs-class-next")
        self.reminder = html("bs-class-safety")
        self.reminder.value = escape(REMINDER)
        keys_help = html("bs-class-keys")
        keys_help.value = KEYS_HELP

        button = control_button
        self.start_button = button("Start", "play", "bs-start", self.start, "success")
        self.pause_button = button("Pause", "pause", "bs-pause", self.toggle)
        self.back_button = button("Back", "backward", "bs-back", self.back)
        self.skip_button = button("Skip", "forward", "bs-skip", self.skip)
        self.reset_button = button("Reset", "undo", "bs-reset", self.reset, "warning")
        controls = w.HBox([self.start_button, self.pause_button, self.back_button,
                           self.skip_button, self.reset_button, self.cues.mute])

        self.widget = w.VBox([w.HTML(f"<style>{CLASS_CSS}</style>"), self.title, self.current,
                              self.side, self.cue, self.countdown, self.progress,
                              self.next_label, self.reminder, controls, keys_help,
                              self.cues.audio])
        self.widget.add_class("bs-class-view")
        self.cues.target = self.widget
        self._last_key_stamp: float | None = None
        self.keys = DomEvent(source=self.widget, watched_events=["keydown"])
        self.keys.on_dom_event(self._on_dom_event)
        self.render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # -- controls -----------------------------------------------------------------------
    def start(self) -> None:
        """Start or resume; a second press never starts a second timer."""
        self._handle(self.session.start())
        self.ticker.ensure()
        self.render()

    def toggle(self) -> None:
        """Space: pause when running, otherwise start or resume."""
        if self.session.state == "running":
            self.session.pause()
            self.render()
        else:
            self.start()

    def skip(self) -> None:
        self._handle(self.session.skip())
        self.render()

    def back(self) -> None:
        self.session.back()
        self.render()

    def reset(self) -> None:
        """Stop and go back to the first step."""
        self.ticker.cancel()
        self.session.reset()
        self.render()

    def set_routine(self, routine: Routine) -> None:
        """Teach ``routine`` instead: stop, and start over at its first step."""
        self.ticker.cancel()
        self.routine = routine
        self.session = Session(routine, self.session.clock)
        self.ticker = Ticker(self.session, self.tick)
        self._show_title()
        self.render()

    def on_key(self, key: str) -> bool:
        """Do what ``key`` (a browser key name) means; False when it means nothing here."""
        action = KEYS.get(key)
        if action is None:
            return False
        getattr(self, action)()
        return True

    def tick(self) -> None:
        """Catch up with the clock and redraw (the asyncio loop calls this)."""
        self._handle(self.session.tick())
        self.render()

    # -- inside -------------------------------------------------------------------------
    def _show_title(self) -> None:
        r = self.routine
        self.title.value = f"{escape(r.name)} · {format_duration(r.duration)}"

    def _on_dom_event(self, event: dict) -> None:
        if event.get("event") != "keydown" or event.get("repeat"):
            return  # a held key acts once
        stamp = event.get("timeStamp")
        if stamp is not None and stamp == self._last_key_stamp:
            return  # ipyevents can attach its listener twice and report one press twice
        self._last_key_stamp = stamp
        if any(event.get(m) for m in ("ctrlKey", "altKey", "metaKey")):
            return  # leave the browser's own shortcuts alone
        self.on_key(str(event.get("key", "")))

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            self.cues.cue(cue_kind(event))

    def render(self) -> None:
        """Redraw every part from the session's state."""
        s = self.session
        step = s.current
        if step is None:
            self.current.value = "Well done: the routine is complete."
            self.side.value = "&nbsp;"
            self.cue.value = "Take a moment to notice how your back feels now."
        else:
            self.current.value = escape(step.stretch.name)
            sides = self.routine.sides(step.item)
            if step.side:
                self.side.value = f"{step.side} side"
            elif step.kind == "get_ready" and sides[0] is not None:
                self.side.value = f"start on the {sides[0]} side"
            else:
                self.side.value = "&nbsp;"  # keeps the countdown from jumping
            self.cue.value = _what(step.kind, step.rep, step.reps, s.state == "paused")
        self.countdown.value = clock_text(s.remaining)
        if s.state == "paused":
            self.countdown.add_class("bs-paused")
        else:
            self.countdown.remove_class("bs-paused")
        number = (step.item + 1) if step is not None else len(self.routine.items)
        self.progress_text.value = (
            f"Stretch {number} of {len(self.routine.items)} · step "
            f"{min(s.index + 1, len(s.steps))} of {len(s.steps)} · "
            f"{clock_text(int(s.elapsed))} of {clock_text(self.routine.duration)}")
        self.step_bar.value = s.step_progress
        self.total_bar.value = s.progress
        nxt = s.next
        self.next_label.value = ("Next: " + escape(step_title(nxt))) if nxt else "Next: the end"
        self.start_button.disabled = s.state in ("running", "finished")
        self.pause_button.description = "Resume" if s.state == "paused" else "Pause"
        self.pause_button.icon = "play" if s.state == "paused" else "pause"
        self.pause_button.disabled = s.state in ("ready", "finished")
        self.skip_button.disabled = s.state == "finished"
