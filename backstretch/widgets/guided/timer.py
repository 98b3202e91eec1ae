"""The guided-session timer: countdown, progress, cues, controls and the checklist."""

from __future__ import annotations

import time
from collections.abc import Callable
from html import escape

import ipywidgets as w

from ...guided.checklist import Checklist
from ...guided.session import Event
from ...routines.model import Routine
from ...routines.steps import FINISHED_CUE, FINISHED_TITLE, side_text
from ...safety.notes import short_line_html
from .controls import SessionControls

TIMER_CSS = """
.bs-timer { border: 2px solid #1f4e79; border-radius: 10px; padding: 10px 16px; max-width: 760px;
            background: #fff; color: #1a1a1a; transition: background 0.25s; }
.bs-timer.bs-flash { background: #ffe9a8; }
.bs-timer .widget-html, .bs-timer .widget-html-content { height: auto; line-height: 1.3; }
.bs-current { font-size: 1.5em; font-weight: 600; }
.bs-current .bs-side { color: #9a4a00; }
.bs-cue { font-size: 1.05em; color: #333; }
.bs-countdown, .bs-timer .bs-countdown .widget-html-content {
                font-size: 5rem; font-weight: 700; font-variant-numeric: tabular-nums;
                line-height: 1.15; color: #1f4e79; }
.bs-countdown.bs-paused, .bs-timer .bs-countdown.bs-paused .widget-html-content {
                color: #666; }
.bs-timer-main { align-items: center; gap: 18px; }
.bs-timer .bs-figure { width: 300px; flex: 0 0 auto; }
.bs-next { color: #444; }
.bs-checklist { margin-top: 8px; }
"""


class SessionTimer(SessionControls):
    """Follow a routine: a big countdown, cues, what comes next, and the checklist.

    ``clock`` is injectable (tests pass a fake one); the countdown ticks on the
    kernel's asyncio loop against absolute deadlines, so the kernel stays free.
    When a side's last hold ends, its box is ticked in the checklist, and the
    checkboxes follow the checklist. Subscribe to ``started``, ``stepped`` and
    ``finished`` (see :class:`SessionControls`).
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] = time.monotonic,
                 checklist: Checklist | None = None):
        super().__init__(routine, clock)
        self.stepped.subscribe(self._tick_box)
        # a start from the beginning gets a fresh checklist (the last one's ticks are in the
        # session log); Pause, Back and Skip are no new start, nor is a kernel restart
        self.started.subscribe(lambda _session: self.clear_checklist())
        self.checklist = checklist if checklist is not None else Checklist(routine)

        self.style = w.HTML(f"<style>{TIMER_CSS}</style>")
        self.title = w.HTML()
        self.title.add_class("bs-current")
        self.cue = w.HTML()
        self.cue.add_class("bs-cue")
        self.countdown.add_class("bs-countdown")
        self.step_bar = w.FloatProgress(min=0, max=1, description="This step",
                                        layout=w.Layout(width="95%"))
        self.total_bar = w.FloatProgress(min=0, max=1, description="Routine",
                                         layout=w.Layout(width="95%"))
        self.next_label = w.HTML()
        self.next_label.add_class("bs-next")

        self.boxes: dict[tuple[int, str | None], w.Checkbox] = {}
        self.clear_button = w.Button(description="Clear the checklist", icon="eraser",
                                     layout=w.Layout(width="max-content"))
        self.clear_button.on_click(lambda _b: self.clear_checklist())
        self.checklist_box = w.VBox()
        self.checklist_box.add_class("bs-checklist")
        self.notice = w.HTML()
        """One line when the checklist could not be read or saved; the timer keeps going."""
        self.notice.add_class("bs-checklist-notice")
        self._build_checklist()

        self.safety_line = w.HTML(short_line_html())
        main = w.HBox([self.countdown, self.figure])
        main.add_class("bs-timer-main")
        self.widget = w.VBox([self.style, self.title, main, self.cue, self.step_bar,
                              self.total_bar, self.next_label, self.controls, self.cues.audio,
                              self.safety_line, self.notice, self.checklist_box])
        self.widget.add_class("bs-timer")
        self.cues.target = self.widget
        self.render()

    def set_routine(self, routine: Routine) -> None:
        """Follow ``routine`` instead: a session under way is stopped (and sent to
        ``finished``), and the checklist becomes the new routine's own, as saved."""
        self.checklist = Checklist(routine)
        self._build_checklist()
        super().set_routine(routine)

    def clear_checklist(self) -> None:
        self.checklist.clear()
        self._show_notice()

    # -- inside -------------------------------------------------------------------------
    def _on_box(self, box: tuple[int, str | None]) -> Callable[[dict], None]:
        def changed(change: dict) -> None:
            self.checklist.set(box, bool(change["new"]))
        return changed

    def _show_box(self, change: tuple[tuple[int, str | None], bool]) -> None:
        box, done = change
        self.boxes[box].value = done
        self._show_notice()

    def _show_notice(self) -> None:
        problem = self.checklist.problem
        self.notice.value = f'<span style="color:#b35806">{escape(problem)}</span>' \
            if problem else ""

    def _build_checklist(self) -> None:
        self.checklist.changed.subscribe(self._show_box)
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
        self._show_notice()

    def _tick_box(self, event: Event) -> None:
        if event.completed is not None:
            self.checklist.set(event.completed)

    def render(self) -> None:
        """Redraw every part from the session's state."""
        s = self.session
        step = s.current
        title = escape(step.title if step is not None else FINISHED_TITLE)
        if step is not None and step.side:  # "left" or "right": safe to mark up
            side = side_text(step.side)
            title = title.replace(side, f'<span class="bs-side">{side}</span>')
        self.title.value = title
        if step is None:
            cue = escape(FINISHED_CUE)
        else:
            cue = escape(step.cue) + (f" <i>{escape(step.reminder)}</i>" if step.reminder else "")
        self.cue.value = cue
        self._show_progress()
