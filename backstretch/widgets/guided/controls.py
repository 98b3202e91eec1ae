"""What the timer and the class view share: the page's player and the session it records.

The page plays the session (:class:`~.player.Player`); the kernel replays each event the
page reports on its own :class:`~backstretch.guided.session.Session`, so the checklist and
the session log follow the same rules as ever, however late the kernel hears.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import nullcontext
from datetime import datetime, timezone

from ...base.signals import Signal
from ...guided.page_events import PageClock, PageEvent, replay
from ...guided.session import Event, Session
from ...routines.model import Routine
from ..shown import Shown
from .player import Player

KEYS: dict[str, str] = {" ": "toggle", "Spacebar": "toggle", "ArrowRight": "skip", "n": "skip",
                        "N": "skip", "ArrowLeft": "back", "b": "back", "B": "back",
                        "r": "reset", "R": "reset"}
"""Key (as the browser names it) to action: the page's own keys (``player.js``), for a
rehearsal driven from Python."""


class SessionControls(Shown):
    """A :class:`~backstretch.guided.session.Session` played in the page, recorded here.

    ``clock`` is the page's own (:class:`~.player.PageClock`) unless a test or rehearsal
    passes a pretend one. The page reports each event; the kernel replays it on
    ``session`` and sends the signals: ``started`` (the session, when it starts from the
    beginning), ``stepped`` (each step, start and finish
    :class:`~backstretch.guided.session.Event`), ``paused`` (the session) and ``finished``
    (the session, when it ends or is stopped by Reset). ``start``, ``toggle``, ``skip``,
    ``back``, ``reset``, ``on_key`` and ``tick`` do the same from Python, and tell the page.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] | None = None,
                 view: str = "timer", safety_line: str = ""):
        self.started: Signal[Session] = Signal()
        self.stepped: Signal[Event] = Signal()
        self.paused: Signal[Session] = Signal()
        self.finished: Signal[Session] = Signal()
        self.clock = clock if clock is not None else PageClock()
        self.safety_line = safety_line
        self.player = Player(view=view)
        self.player.add_class("bs-player")
        self.player.on_event(self.hear)
        self.heard = 0
        """The last event heard from the page (its ``seq``)."""
        self._rev = 0
        self._follow(routine)

    # -- controls from Python -----------------------------------------------------------
    def start(self) -> None:
        """Start or resume; a second press never starts a second timer."""
        self._command(self.session.start())

    def toggle(self) -> None:
        """Pause when running, otherwise start or resume."""
        self._command(self.session.toggle())

    def skip(self) -> None:
        self._command(self.session.skip())

    def back(self) -> None:
        self._command(self.session.back())

    def reset(self) -> None:
        """Stop everything and go back to the first step."""
        self._command(self._reset())

    def tick(self) -> None:
        """Catch up with the clock (a rehearsal on a pretend clock calls this)."""
        events = self.session.tick()
        if events:
            self._command(events)

    def on_key(self, key: str) -> bool:
        """Do what ``key`` (a browser key name) means; False when it means nothing here."""
        action = KEYS.get(key)
        if action is None:
            return False
        getattr(self, action)()
        return True

    def set_routine(self, routine: Routine) -> None:
        """Follow ``routine`` instead: a session under way is stopped (and sent to
        ``finished``), and the new one waits at its first step."""
        self._reset()
        self._follow(routine)

    def page_time(self) -> datetime | None:
        """Now by the page's clock, as the log writes it (None on a pretend clock)."""
        if not isinstance(self.clock, PageClock):
            return None
        return datetime.fromtimestamp(self.clock(), tz=timezone.utc)

    # -- what the page says happened ----------------------------------------------------
    def hear(self, event: PageEvent) -> None:
        """Replay an event from the page on the session (each once, in order)."""
        if event.seq <= self.heard:
            return
        self.heard = event.seq
        # the page's time, while it is recorded: a kernel that hears late loses nothing
        with self.clock.reading(event.at) if isinstance(self.clock, PageClock) \
                else nullcontext():
            self._handle(replay(self.session, event, reset=self._reset))
        self._place()

    # -- inside -------------------------------------------------------------------------
    def _follow(self, routine: Routine) -> None:
        self.session = Session(routine, self.clock)
        self.player.show(routine, self.safety_line)
        self._rev += 1
        self._place()

    def _reset(self) -> list[Event]:
        if self.session.started_at is not None and self.session.state != "finished":
            self.finished.send(self.session)  # what was done so far is recorded first
        return self.session.reset()

    def _command(self, events: list[Event]) -> None:
        """A change made here, not in the page: act on it and move the page to it."""
        self._handle(events)
        self._rev += 1
        self._place()

    def _place(self) -> None:
        self.player.place(self.session, self._rev, self.heard,
                          page_time=isinstance(self.clock, PageClock))

    def _handle(self, events: list[Event]) -> None:
        """Send the signals for what the session says happened."""
        for event in events:
            if event.kind == "started":
                self.started.send(self.session)
            if event.kind in ("started", "step", "finished"):
                self.stepped.send(event)
            if event.kind == "paused":
                self.paused.send(self.session)
            elif event.kind == "finished":
                self.finished.send(self.session)
