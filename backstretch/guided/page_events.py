"""What the page reports as it plays a session, and how a session replays it.

The page (the Lab timer, the class view, the take-home file) plays the session on its
own clock and reports each thing that happened as a :class:`PageEvent`; the kernel's
recorder and the log's import both :func:`replay` them on a
:class:`~backstretch.guided.session.Session`, so the session's rules are applied once,
here, whoever hears them and however late.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from ..base import checks
from ..base.language import _
from .session import Event, Session

EVENTS = ("start", "resume", "pause", "skip", "back", "reset", "tick")
"""What the page reports; ``tick``: a step's time ran out."""
LATEST = 32_503_680_000.0
"""The year 3000 (seconds since 1970): a page's clock past it is not believed."""
MAX_SEQ = 2**53
"""The largest whole number a page's JavaScript counts to exactly."""
MAX_INDEX = 10_000
"""More steps than any routine has."""


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
    def parse(cls, content: object) -> PageEvent:
        """The event in a message from the page; ``checks.Invalid`` names the field
        (``at``, ``seq`` ...) that is not what a page sends, and what would be."""
        if not isinstance(content, dict):
            raise checks.Invalid(_("must be an event (a mapping), not {value}").format(
                value=checks.describe(content)))
        values = {"event": content.get("event"), "seq": content.get("seq"),
                  "at": content.get("at"), "index": content.get("index"),
                  "state": content.get("state", "")}
        rules = {"event": lambda v: checks.choice(v, EVENTS),
                 "seq": lambda v: checks.whole(v, 0, MAX_SEQ),
                 "at": _page_time,
                 "index": lambda v: checks.whole(v, 0, MAX_INDEX),
                 "state": lambda v: checks.text(v, 40, required=False)}
        for key, rule in rules.items():
            try:
                values[key] = rule(values[key])
            except checks.Invalid as exc:
                raise checks.Invalid(str(exc), field=key) from None
        return cls(**values)

    @classmethod
    def read(cls, content: object) -> PageEvent | None:
        """The event in a message from the page, or None for anything else."""
        try:
            return cls.parse(content)
        except checks.Invalid:
            return None


def _page_time(value: object) -> float:
    """A time on the page's clock: seconds since 1970, up to the year 3000."""
    try:
        return checks.number(value, 0, LATEST)
    except checks.Invalid:
        raise checks.not_valid(value, _("a time in seconds since 1970, from 0 (1 January "
                                        "1970) to {latest} (1 January 3000)").format(
                                            latest=f"{LATEST:.0f}")) from None


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
