"""What the page reports as it plays a session, and how a session replays it.

The page (the Lab timer, the class view, the take-home file) plays the session on its
own clock and reports each thing that happened as a :class:`PageEvent`; the kernel's
recorder and the log's import both :func:`replay` them on a
:class:`~backstretch.guided.session.Session`, so the session's rules are applied once,
here, whoever hears them and however late.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from .session import Event, Session

EVENTS = ("start", "resume", "pause", "skip", "back", "reset", "tick")
"""What the page reports; ``tick``: a step's time ran out."""
LATEST = 32_503_680_000.0
"""The year 3000 (seconds since 1970): a page's clock past it is not believed."""


@dataclass(frozen=True)
class PageEvent:
    """One thing the page did, at ``at`` (its clock: seconds since 1970)."""

    event: str
    seq: int
    """1, 2, 3 ... in the order the page sent them."""
    at: float
    index: int
    """The page's step after it."""
    state: str
    """The page's state after it."""

    @classmethod
    def read(cls, content: object) -> PageEvent | None:
        """The event in a message from the page, or None for anything else."""
        if not isinstance(content, dict) or content.get("event") not in EVENTS:
            return None
        seq, at, index = content.get("seq"), content.get("at"), content.get("index")
        if not (isinstance(seq, int) and isinstance(index, int)
                and isinstance(at, (int, float)) and math.isfinite(at)
                and 0 <= at < LATEST):
            return None
        return cls(content["event"], seq, float(at), index, str(content.get("state", "")))


class PageClock:
    """The page's clock as the kernel knows it: the time of the last event heard, moved on
    by the kernel's own monotonic clock since (seconds since 1970, like the page's)."""

    def __init__(self) -> None:
        self._frozen = False
        self.hear(time.time())

    def hear(self, at: float) -> None:
        self._at, self._since = at, time.monotonic()

    @contextmanager
    def reading(self, at: float) -> Iterator[None]:
        """Read exactly ``at`` inside the block (an event replayed at the page's time)."""
        self.hear(at)
        self._frozen = True
        try:
            yield
        finally:
            self._frozen = False
            self.hear(at)

    def __call__(self) -> float:
        return self._at if self._frozen else self._at + (time.monotonic() - self._since)


def replay(session: Session, event: PageEvent,
           reset: Callable[[], list[Event]] | None = None) -> list[Event]:
    """Do to ``session`` what ``event`` says the page did; return the session's events.

    ``reset`` replaces the session's own reset (the recorder reports the session first).
    """
    actions: dict[str, Callable[[], list[Event]]] = {
        "start": session.start, "resume": session.resume, "pause": session.pause,
        "skip": session.skip, "back": session.back, "reset": reset or session.reset,
        "tick": session.time_up}
    return actions[event.event]()
