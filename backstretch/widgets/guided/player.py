"""The guided session as the page plays it: one anywidget for the timer and the class view.

The page (``player.js``) runs the countdown, the step changes, progress, beeps, speech,
the live region, the wake lock and the keys from its own clock; it is sent the routine's
whole timeline once (:func:`~backstretch.guided.timeline.page_timeline` and the figures)
and tells the kernel each thing that happened, as a :class:`PageEvent`. During a hold the
kernel sends nothing.
"""

from __future__ import annotations

from collections.abc import Callable

import anywidget
import traitlets

from ...guided import player_asset
from ...guided.page_events import PageEvent
from ...guided.session import Session
from ...guided.timeline import page_timeline
from ...routines.model import Routine


class Player(anywidget.AnyWidget):
    """The page's player. ``timeline``: what it plays (:meth:`show`); ``view``: ``timer``
    or ``class``; ``position``: where the kernel's session is (``rev`` moves only when the
    kernel changed it itself; ``heard``: the last event it heard, the page's receipt)."""

    _esm = player_asset("player.js")
    _css = player_asset("player.css")
    timeline = traitlets.Dict({"steps": []}).tag(sync=True)
    view = traitlets.Unicode("timer").tag(sync=True)
    position = traitlets.Dict({"rev": 0, "heard": 0, "state": "ready", "index": 0,
                               "left": 0.0, "deadline": None}).tag(sync=True)

    def show(self, routine: Routine, safety_line: str = "") -> None:
        """Send ``routine``'s whole timeline (and the class view's ``safety_line``)."""
        self.timeline = {**page_timeline(routine), "class_line": safety_line}

    def place(self, session: Session, rev: int, heard: int, page_time: bool) -> None:
        """Say where ``session`` is; ``page_time``: its clock is the page's own."""
        self.position = {"rev": rev, "heard": heard, "state": session.state,
                         "index": min(session.index, max(0, len(session.steps) - 1)),
                         "left": session.remaining,
                         "deadline": session.deadline if page_time else None}

    def on_event(self, callback: Callable[[PageEvent], object]) -> None:
        """Call ``callback`` with each event the page reports."""
        def handle(_widget: object, content: object, _buffers: object) -> None:
            event = PageEvent.read(content)
            if event is not None:
                callback(event)
        self.on_msg(handle)
