"""What the timer and the class view share: a session, its ticker, cues and the controls."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from ...base.signals import Signal
from ...figures.drawing import stretch_svg
from ...guided.session import Event, Session
from ...routines.model import Routine
from ...routines.steps import clock_text
from ..shown import Shown
from .countdown import Countdown
from .cues import Cues, cue_kind
from .page_side import PageSide
from .ticker import Ticker


def control_button(text: str, icon: str, css: str, action: Callable[[], object],
                   style: str = "") -> w.Button:
    """A control button with a stable CSS class (``bs-start`` ...) that calls ``action``."""
    b = w.Button(description=text, icon=icon, button_style=style, layout=w.Layout(width="auto"))
    b.add_class(css)
    b.on_click(lambda _b: action())
    return b


class SessionControls(Shown):
    """A :class:`~backstretch.guided.session.Session` with Start, Pause, Back, Skip, Reset and Mute.

    It ticks on the kernel's asyncio loop (:class:`Ticker`). Every command and tick
    returns the session's events, and :meth:`_handle` is the one place they are
    acted on: each step that begins (by time, Skip or Back) gets its beep and, through
    ``page`` (:class:`PageSide`), its words spoken and announced in the browser.
    ``countdown`` counts down in the page between the kernel's messages.
    Subscribe to ``started`` (sent the session when it starts from the beginning),
    ``stepped`` (sent each step, start and finish
    :class:`~backstretch.guided.session.Event`, before its cue), ``paused`` (sent the
    session when it pauses) and ``finished`` (sent the session when it ends or is
    stopped by Reset).
    Subclasses draw it (``render``).
    """

    def __init__(self, routine: Routine, clock: Callable[[], float]):
        self.started: Signal[Session] = Signal()
        self.stepped: Signal[Event] = Signal()
        self.paused: Signal[Session] = Signal()
        self.finished: Signal[Session] = Signal()
        self.cues = Cues()
        self.figure = w.HTML()
        self.figure.add_class("bs-figure")
        self.page = PageSide()
        self.countdown = Countdown()
        self._follow(routine, clock)
        self.start_button = control_button("Start", "play", "bs-start", self.start, "success")
        self.pause_button = control_button("Pause", "pause", "bs-pause", self.toggle)
        self.back_button = control_button("Back", "backward", "bs-back", self.back)
        self.skip_button = control_button("Skip", "forward", "bs-skip", self.skip)
        self.reset_button = control_button("Reset", "undo", "bs-reset", self.reset, "warning")
        self.controls = w.HBox([self.start_button, self.pause_button, self.back_button,
                                self.skip_button, self.reset_button, self.cues.mute,
                                self.page])

    # -- controls -----------------------------------------------------------------------
    def start(self) -> None:
        """Start or resume; a second press never starts a second timer."""
        self._handle(self.session.start())

    def toggle(self) -> None:
        """Pause when running, otherwise start or resume."""
        self._handle(self.session.toggle())

    def skip(self) -> None:
        self._handle(self.session.skip())

    def back(self) -> None:
        self._handle(self.session.back())

    def reset(self) -> None:
        """Stop everything and go back to the first step."""
        if self.session.started_at is not None and self.session.state != "finished":
            self.finished.send(self.session)  # what was done so far is recorded first
        self._handle(self.session.reset())

    def set_routine(self, routine: Routine) -> None:
        """Follow ``routine`` instead: a session under way is stopped (and sent to
        ``finished``), and the new one waits at its first step."""
        self.reset()
        self._follow(routine, self.session.clock)
        self.render()

    def tick(self) -> None:
        """Catch up with the clock and redraw (the asyncio loop calls this)."""
        self._handle(self.session.tick())

    def render(self) -> None:
        raise NotImplementedError

    # -- inside -------------------------------------------------------------------------
    def _follow(self, routine: Routine, clock: Callable[[], float]) -> None:
        self.session = Session(routine, clock)
        self.ticker = Ticker(self.session, self.tick)
        self._figure_for: tuple[str, str | None] | None = None

    def _handle(self, events: list[Event]) -> None:
        """Act on what the session says happened, then redraw: the one place for cues."""
        for event in events:
            if event.kind == "started":
                self.started.send(self.session)
            if event.kind in ("started", "step", "finished"):
                self.stepped.send(event)
                self.cues.cue(cue_kind(event))
                self.page.say(event)
            if event.kind == "paused":
                self.paused.send(self.session)
            elif event.kind == "reset":
                self.ticker.cancel()
            elif event.kind == "finished":
                self.finished.send(self.session)
        self.ticker.ensure()
        self.render()

    def _show_figure(self) -> None:
        """Show the figure of the stretch now under way, for the side now worked (or to
        be worked first); it changes only when the stretch or side does, never on a tick."""
        s = self.session
        step = s.current
        key = None if step is None else \
            (step.stretch.id, step.side or s.routine.sides(step.item)[0])
        if key != self._figure_for:
            self._figure_for = key
            self.figure.value = "" if key is None else \
                stretch_svg(s.routine.catalogue, *key, animate=True)

    def _show_progress(self) -> None:
        """Redraw what both views show alike: countdown, figure, progress bars, next step,
        buttons.

        Subclasses make ``step_bar``, ``total_bar`` and ``next_label``.
        """
        s = self.session
        self._show_figure()
        self.countdown.value = clock_text(s.remaining)
        self.countdown.follow(s)
        self.page.follow(s)
        if s.state == "paused":
            self.countdown.add_class("bs-paused")
        else:
            self.countdown.remove_class("bs-paused")
        self.step_bar.value = s.step_progress
        self.total_bar.value = s.progress
        nxt = s.next
        self.next_label.value = ("Next: " + escape(nxt.title)) if nxt else "Next: the end"
        state = s.state
        self.start_button.disabled = state != "ready"  # paused: Resume is the one way on
        self.pause_button.description = "Resume" if state == "paused" else "Pause"
        self.pause_button.icon = "play" if state == "paused" else "pause"
        self.pause_button.disabled = state in ("ready", "finished")
        self.skip_button.disabled = state == "finished"
