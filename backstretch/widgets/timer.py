"""The guided-session timer: countdown, progress, cues, controls and the checklist."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from html import escape
import ipywidgets as w

from ..checklist import Checklist
from ..routine import Routine, Step
from ..session import Event, Session
from .cues import Cues, cue_kind
from .ticker import Ticker

TIMER_CSS = """
.bs-timer { border: 2px solid #1f4e79; border-radius: 10px; padding: 10px 16px; max-width: 760px;
            background: #fff; color: #1a1a1a; transition: background 0.25s; }
.bs-timer.bs-flash { background: #ffe9a8; }
.bs-timer .widget-html, .bs-timer .widget-html-content { height: auto; line-height: 1.3; }
.bs-current { font-size: 1.5em; font-weight: 600; }
.bs-current .bs-side { color: #b35806; }
.bs-cue { font-size: 1.05em; color: #333; }
.bs-countdown, .bs-timer .bs-countdown .widget-html-content {
                font-size: 5rem; font-weight: 700; font-variant-numeric: tabular-nums;
                line-height: 1.15; color: #1f4e79; }
.bs-countdown.bs-paused { color: #7f7f7f; }
.bs-next { color: #444; }
.bs-checklist { margin-top: 8px; }
"""


def clock_text(seconds: float) -> str:
    """Seconds as 'm:ss', rounded up, so a countdown shows 0:00 only at the end."""
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def step_title(step: Step | None) -> str:
    """Plain text naming a step's stretch and what to do now."""
    if step is None:
        return "Done. Well done."
    if step.kind == "get_ready":
        return f"Get ready: {step.stretch.name}"
    return f"{step.stretch.name}: {step.label}"


def control_button(text: str, icon: str, css: str, action: Callable[[], object],
                   style: str = "") -> w.Button:
    """A control button with a stable CSS class (``bs-start`` ...) that calls ``action``."""
    b = w.Button(description=text, icon=icon, button_style=style, layout=w.Layout(width="auto"))
    b.add_class(css)
    b.on_click(lambda _b: action())
    return b


class SessionTimer:
    """Follow a routine: a big countdown, cues, what comes next, and the checklist.

    ``clock`` is injectable (tests pass a fake one); the countdown ticks on the
    kernel's asyncio loop against absolute deadlines, so the kernel stays free.
    ``on_start`` is called with the session when it starts from the beginning, and
    ``on_finish`` when it ends or is stopped by Reset.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] = time.monotonic,
                 checklist: Checklist | None = None,
                 on_finish: Callable[[Session], None] | None = None,
                 on_start: Callable[[Session], None] | None = None):
        self.session = Session(routine, clock)
        self.checklist = checklist if checklist is not None else Checklist(routine)
        self.on_finish = on_finish
        self.on_start = on_start
        self.ticker = Ticker(self.session, self.tick)
        self.cues = Cues()

        self.style = w.HTML(f"<style>{TIMER_CSS}</style>")
        self.title = w.HTML()
        self.title.add_class("bs-current")
        self.cue = w.HTML()
        self.cue.add_class("bs-cue")
        self.countdown = w.HTML()
        self.countdown.add_class("bs-countdown")
        self.step_bar = w.FloatProgress(min=0, max=1, description="This step",
                                        layout=w.Layout(width="95%"))
        self.total_bar = w.FloatProgress(min=0, max=1, description="Routine",
                                         layout=w.Layout(width="95%"))
        self.next_label = w.HTML()
        self.next_label.add_class("bs-next")

        self.start_button = control_button("Start", "play", "bs-start", self.start, "success")
        self.pause_button = control_button("Pause", "pause", "bs-pause", self.toggle_pause)
        self.skip_button = control_button("Skip", "forward", "bs-skip", self.skip)
        self.back_button = control_button("Back", "backward", "bs-back", self.back)
        self.reset_button = control_button("Reset", "undo", "bs-reset", self.reset, "warning")
        self.mute = self.cues.mute
        self.audio = self.cues.audio

        self.boxes: dict[tuple[int, str | None], w.Checkbox] = {}
        self.clear_button = w.Button(description="Clear the checklist", icon="eraser",
                                     layout=w.Layout(width="max-content"))
        self.clear_button.on_click(lambda _b: self.clear_checklist())
        self.checklist_box = w.VBox()
        self.checklist_box.add_class("bs-checklist")
        self._build_checklist()

        controls = w.HBox([self.start_button, self.pause_button, self.back_button,
                           self.skip_button, self.reset_button, self.mute])
        self.widget = w.VBox([self.style, self.title, self.countdown, self.cue, self.step_bar,
                              self.total_bar, self.next_label, controls, self.audio,
                              self.checklist_box])
        self.widget.add_class("bs-timer")
        self.cues.target = self.widget
        self.render()

    def _ipython_display_(self) -> None:
        from IPython.display import display

        display(self.widget)

    # -- controls -----------------------------------------------------------------------
    def start(self) -> None:
        """Start or resume; a second press never starts a second timer."""
        events = self.session.start()
        if self.on_start is not None and any(e.kind == "started" for e in events):
            self.on_start(self.session)
        self._handle(events)
        self.ticker.ensure()
        self.render()

    def toggle_pause(self) -> None:
        if self.session.state == "running":
            self.session.pause()
        else:
            self.start()
        self.render()

    def skip(self) -> None:
        self._handle(self.session.skip())
        self.render()

    def back(self) -> None:
        self.session.back()
        self.render()

    def reset(self) -> None:
        """Stop everything and go back to the start (the checklist is kept)."""
        was_started = self.session.started_at is not None and self.session.state != "finished"
        if was_started and self.on_finish is not None:
            self.on_finish(self.session)
        self.session.reset()
        self.ticker.cancel()
        self.render()

    def set_routine(self, routine: Routine) -> None:
        """Follow ``routine`` instead: a session under way is stopped (and reported to
        ``on_finish``), and the checklist becomes the new routine's own, as saved."""
        self.reset()
        self.session = Session(routine, self.session.clock)
        self.ticker = Ticker(self.session, self.tick)
        self.checklist = Checklist(routine)
        self._build_checklist()
        self.render()

    def clear_checklist(self) -> None:
        self.checklist.clear()
        for cb in self.boxes.values():
            cb.value = False

    def tick(self) -> None:
        """Catch up with the clock and redraw (the asyncio loop calls this)."""
        self._handle(self.session.tick())
        self.render()

    # -- inside -------------------------------------------------------------------------
    def _on_box(self, box: tuple[int, str | None]) -> Callable[[dict], None]:
        def changed(change: dict) -> None:
            self.checklist.set(box, bool(change["new"]))
        return changed

    def _build_checklist(self) -> None:
        self.boxes = {}
        for box in self.checklist.boxes:
            cb = w.Checkbox(value=box in self.checklist.ticked,
                            description=self.checklist.label(box), indent=False,
                            layout=w.Layout(width="auto"))
            cb.add_class("bs-check")
            cb.observe(self._on_box(box), names="value")
            self.boxes[box] = cb
        self.checklist_box.children = [
            w.HTML("<b>Checklist</b> (ticked as each side's hold ends; tick by hand too)"),
            *self.boxes.values(), self.clear_button]

    def _handle(self, events: list[Event]) -> None:
        for event in events:
            if event.completed is not None:
                self.boxes[event.completed].value = True  # saves through the observer
            self.cues.cue(cue_kind(event))
            if event.kind == "finished" and self.on_finish is not None:
                self.on_finish(self.session)

    def render(self) -> None:
        """Redraw every part from the session's state."""
        s = self.session
        step = s.current
        title = escape(step_title(step))
        if step is not None and step.side:  # "left" or "right": safe to mark up
            title = title.replace(f"{step.side} side", f'<span class="bs-side">{step.side} side</span>')
        self.title.value = title
        if step is None:
            cue = "Routine complete. Note how your back feels now."
        elif step.kind == "get_ready":
            cue = escape(step.stretch.steps[0])
        elif step.kind in ("hold", "move"):
            cue = " ".join(escape(x) for x in step.stretch.steps[1:3]) + \
                " <i>Breathe slowly; stop if pain sharpens or travels down a leg.</i>"
        elif step.kind == "switch":
            cue = f"Change to your {escape(step.side or '')} side."
        else:
            cue = "Rest and breathe."
        self.cue.value = cue
        self.countdown.value = clock_text(s.remaining)
        if s.state == "paused":
            self.countdown.add_class("bs-paused")
        else:
            self.countdown.remove_class("bs-paused")
        self.step_bar.value = s.step_progress
        self.total_bar.value = s.progress
        nxt = s.next
        self.next_label.value = ("Next: " + escape(step_title(nxt))) if nxt else "Next: the end"
        self.start_button.disabled = s.state in ("running", "finished")
        self.pause_button.description = "Resume" if s.state == "paused" else "Pause"
        self.pause_button.icon = "play" if s.state == "paused" else "pause"
        self.pause_button.disabled = s.state in ("ready", "finished")
        self.skip_button.disabled = s.state == "finished"
