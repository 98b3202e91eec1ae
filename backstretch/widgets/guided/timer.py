"""The guided-session timer: the page's player, the safety line and the checklist."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from ...base.language import _
from ...guided.checklist import Checklist
from ...guided.session import Event
from ...routines.model import Routine
from ...safety.notes import short_line_html
from .controls import SessionControls

CHECKLIST_CSS = """
.bs-timer-box { max-width: 760px; }
.bs-timer-box .bs-checklist { margin-top: 8px; }
"""


class SessionTimer(SessionControls):
    """Follow a routine: a big countdown, cues, what comes next, and the checklist.

    The page plays it (:class:`~.player.Player`); ``clock`` is the page's unless a test
    passes a pretend one. When the kernel hears that a side's last hold ended, its box
    is ticked in the checklist, and the checkboxes follow the checklist. Subscribe to
    ``started``, ``stepped`` and ``finished`` (see :class:`SessionControls`).
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] | None = None,
                 checklist: Checklist | None = None):
        super().__init__(routine, clock)
        self.stepped.subscribe(self._tick_box)
        # a start from the beginning gets a fresh checklist (the last one's ticks are in the
        # session log); Pause, Back and Skip are no new start, nor is a kernel restart
        self.started.subscribe(lambda _session: self.clear_checklist())
        self.checklist = checklist if checklist is not None else Checklist(routine)

        self.boxes: dict[tuple[int, str | None], w.Checkbox] = {}
        self.clear_button = w.Button(description=_("Clear the checklist"), icon="eraser",
                                     layout=w.Layout(width="max-content"))
        self.clear_button.on_click(lambda _b: self.clear_checklist())
        self.checklist_box = w.VBox()
        self.checklist_box.add_class("bs-checklist")
        self.notice = w.HTML()
        """One line when the checklist could not be read or saved; the timer keeps going."""
        self.notice.add_class("bs-checklist-notice")
        self._build_checklist()

        self.safety = w.HTML(short_line_html())
        self.widget = w.VBox([w.HTML(f"<style>{CHECKLIST_CSS}</style>"), self.player,
                              self.safety, self.notice, self.checklist_box])
        self.widget.add_class("bs-timer-box")

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
            w.HTML("<b>" + _("Checklist") + "</b> " +
                   _("(ticked as each side's hold ends; tick by hand too)")),
            *self.boxes.values(), self.clear_button]
        self._show_notice()

    def _tick_box(self, event: Event) -> None:
        if event.completed is not None:
            self.checklist.set(event.completed)
