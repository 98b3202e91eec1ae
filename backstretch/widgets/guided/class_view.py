"""The class view: a projector-sized countdown an instructor drives by mouse or keyboard."""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape

import ipywidgets as w

from ...routines.model import Routine, format_duration
from ...routines.steps import FINISHED_CUE, FINISHED_TITLE, clock_text, side_text
from ...safety.flags import CLASS_LINE
from .controls import SessionControls

CLASS_CSS = """
.bs-class-view { border: 3px solid #1f4e79; border-radius: 14px; padding: 14px 28px;
                 min-height: 86vh; box-sizing: border-box; background: #fff; color: #1a1a1a;
                 transition: background 0.25s; }
.bs-class-view.bs-flash { background: #ffe9a8; }
.bs-class-view .widget-html, .bs-class-view .widget-html-content { height: auto; line-height: 1.2; }
.bs-class-title { font-size: 1.3rem; color: #555; }
.bs-class-current, .bs-class-current .widget-html-content { font-size: 3.2rem; font-weight: 700; }
.bs-class-cue, .bs-class-cue .widget-html-content { font-size: 2rem; color: #333; }
.bs-class-side, .bs-class-side .widget-html-content {
    font-size: 3.6rem; font-weight: 800; color: #9a4a00; text-transform: uppercase; }
.bs-class-countdown, .bs-class-view .bs-class-countdown .widget-html-content {
    font-size: 15rem; font-weight: 800; line-height: 1; color: #1f4e79;
    font-variant-numeric: tabular-nums; text-align: center; }
.bs-class-countdown.bs-paused, .bs-class-view .bs-class-countdown.bs-paused .widget-html-content {
    color: #666; }
.bs-class-main { align-items: center; gap: 2vw; }
.bs-class-view .bs-class-main.widget-box { overflow: visible; }  /* never a scrolling region */
.bs-class-view .bs-figure { width: 46vw; max-width: 60vh; flex: 0 0 auto; }
.bs-class-main .bs-class-countdown { flex: 1 1 auto; }
.bs-class-next, .bs-class-next .widget-html-content { font-size: 1.8rem; color: #333; }
.bs-class-progress .widget-html-content { font-size: 1.2rem; color: #444; }
.bs-class-safety { border-left: 6px solid #b30000; padding-left: 10px; }
.bs-class-safety .widget-html-content { font-size: 1.15rem; color: #8a0000; font-weight: 600; }
.bs-class-keys .widget-html-content { font-size: 0.95rem; color: #555; }
.bs-class-view .widget-button, .bs-class-view .widget-toggle-button { font-size: 1.1rem;
    height: 2.4em; }
"""


KEYS: dict[str, str] = {" ": "toggle", "Spacebar": "toggle", "ArrowRight": "skip", "n": "skip",
                        "N": "skip", "ArrowLeft": "back", "b": "back", "B": "back",
                        "r": "reset", "R": "reset"}
"""Key (as the browser names it) to action."""

KEYS_HELP = ("<b>Keys</b> (anywhere; in Lab, over this view): <kbd>Space</kbd> start / "
             "pause / resume · <kbd>→</kbd> or <kbd>N</kbd> skip · "
             "<kbd>←</kbd> or <kbd>B</kbd> back · <kbd>R</kbd> reset")


class ClassView(SessionControls):
    """A big countdown for a room: stretch, side, next stretch, progress, safety line.

    Driven by :class:`~backstretch.guided.session.Session` with an injectable ``clock``; ticks
    on the kernel's asyncio loop like the timer. Keys (Space, arrows, N, B, R) pressed
    anywhere on the page come through ``page`` (in Lab: over the view); the buttons do
    the same, and a Full screen button fills the screen with the view.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] = time.monotonic):
        super().__init__(routine, clock)

        def html(css: str) -> w.HTML:
            h = w.HTML(layout=w.Layout(width="100%"))
            h.add_class(css)
            return h

        self.title = html("bs-class-title")
        self.current, self.cue, self.side = (html(c) for c in
                                             ("bs-class-current", "bs-class-cue", "bs-class-side"))
        self.countdown.add_class("bs-class-countdown")
        self.countdown.layout.width = "100%"
        self.progress_text = w.HTML()
        self.step_bar = w.FloatProgress(min=0, max=1, description="This step",
                                        layout=w.Layout(width="98%"))
        self.total_bar = w.FloatProgress(min=0, max=1, description="Routine",
                                         layout=w.Layout(width="98%"))
        self.progress = w.VBox([self.progress_text, self.step_bar, self.total_bar])
        self.progress.add_class("bs-class-progress")
        self.next_label = html("bs-class-next")
        self.reminder = html("bs-class-safety")
        self.reminder.value = escape(CLASS_LINE)
        keys_help = html("bs-class-keys")
        keys_help.value = KEYS_HELP

        main = w.HBox([self.figure, self.countdown])
        main.add_class("bs-class-main")
        self.widget = w.VBox([w.HTML(f"<style>{CLASS_CSS}</style>"), self.title, self.current,
                              self.side, self.cue, main, self.progress,
                              self.next_label, self.reminder, self.controls, keys_help,
                              self.cues.audio])
        self.widget.add_class("bs-class-view")
        self.cues.target = self.widget
        self.page.presenter = True
        self.page.on_key(self.on_key)
        self.render()

    # -- controls -----------------------------------------------------------------------
    def on_key(self, key: str) -> bool:
        """Do what ``key`` (a browser key name) means; False when it means nothing here."""
        action = KEYS.get(key)
        if action is None:
            return False
        getattr(self, action)()
        return True

    # -- inside -------------------------------------------------------------------------
    def render(self) -> None:
        """Redraw every part from the session's state."""
        s = self.session
        step = s.current
        if step is None:
            self.current.value = escape(FINISHED_TITLE)
            self.side.value = "&nbsp;"
            self.cue.value = escape(FINISHED_CUE)
        else:
            self.current.value = escape(step.stretch.name)
            sides = s.routine.sides(step.item)
            if step.side:
                self.side.value = side_text(step.side)
            elif step.kind == "get_ready" and sides[0] is not None:
                self.side.value = f"start on the {side_text(sides[0])}"
            else:
                self.side.value = "&nbsp;"  # keeps the countdown from jumping
            self.cue.value = escape(step.action) + (" · paused" if s.state == "paused" else "")
        routine = s.routine
        self.title.value = f"{escape(routine.name)} · {format_duration(routine.duration)}"
        number = (step.item + 1) if step is not None else len(routine.items)
        self.progress_text.value = (
            f"Stretch {number} of {len(routine.items)} · step "
            f"{min(s.index + 1, len(s.steps))} of {len(s.steps)} · "
            f"{clock_text(int(s.elapsed))} of {clock_text(routine.duration)}")
        self._show_progress()
