"""The browser side of a session: spoken cues, a live region, the wake lock, keys, full screen.

One small anywidget sits beside the Mute button of the timer and the class view. The
kernel tells it the session's state and, for each step that begins, what to say; the page
speaks it (Web Speech API) and announces it to screen readers, holds a Screen Wake Lock
while the routine runs, and (in the class view) sends the keys pressed anywhere on the
page back to the kernel and offers a Full screen button.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import anywidget
import traitlets

from ...guided.session import Event, Session
from ...routines.steps import FINISHED_SPOKEN


class PageSide(anywidget.AnyWidget):
    """Voice toggle and rate, a polite live region, the wake lock and (``presenter``) keys.

    ``state`` mirrors the session's; ``cue`` is ``{"n": serial, "text": ...}``, new for
    each step that begins, in the step's own words
    (:attr:`~backstretch.routines.steps.Step.spoken`). The
    Voice choice and its rate are remembered by the browser.
    With ``presenter`` set (the class view) the page adds a Full screen button and sends
    ``{"key": ...}`` for Space, arrows, N, B and R pressed anywhere on the page (never
    while typing in a text box); :meth:`on_key` receives them.
    """

    _esm = Path(__file__).with_name("page_side.js")
    _css = Path(__file__).with_name("page_side.css")
    state = traitlets.Unicode("ready").tag(sync=True)
    cue = traitlets.Dict({"n": 0, "text": ""}).tag(sync=True)
    presenter = traitlets.Bool(False).tag(sync=True)

    def follow(self, session: Session) -> None:
        """Mirror ``session``'s state."""
        self.state = session.state

    def say(self, event: Event) -> None:
        """Speak and announce the step ``event`` began (or the end)."""
        step = event.step
        self.cue = {"n": self.cue["n"] + 1,
                    "text": step.spoken if step is not None else FINISHED_SPOKEN}

    def on_key(self, callback: Callable[[str], object]) -> None:
        """Call ``callback(key)`` for each key the page sends (browser key names)."""
        def handle(_widget: object, content: object, _buffers: object) -> None:
            if isinstance(content, dict) and isinstance(content.get("key"), str):
                callback(content["key"])
        self.on_msg(handle)
