"""The countdown digits: counted down in the page, so they move even when the kernel is late."""

from __future__ import annotations

from pathlib import Path

import anywidget
import traitlets

from ...guided.session import Session


class Countdown(anywidget.AnyWidget):
    """The big 'm:ss' of the timer and the class view.

    ``value`` is the kernel's own reading, 'm:ss' (shown while not running).
    While the session runs, the page counts down by itself from ``anchor``: the seconds
    left when the kernel sent it. It is sent again only when the deadline moves (a step
    change, start, pause, skip, back, reset), so a busy kernel cannot stall the digits;
    the step changes still come from the kernel.
    """

    _esm = Path(__file__).with_name("countdown.js")
    value = traitlets.Unicode("0:00").tag(sync=True)
    anchor = traitlets.Dict({"running": False, "seconds": 0.0}).tag(sync=True)
    _key: tuple | None = None

    def follow(self, session: Session) -> None:
        """Re-anchor the page's count when ``session``'s deadline moved (not every tick)."""
        left = session.remaining
        running = session.state == "running"
        key = (session.state, session.index,
               round(session.clock() + left if running else left, 6))
        if key != self._key:
            self._key = key
            self.anchor = {"running": running, "seconds": left, "step": session.index,
                           "paused": session.state == "paused"}
