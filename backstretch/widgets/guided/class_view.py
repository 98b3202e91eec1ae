"""The class view: a projector-sized countdown an instructor drives by mouse or keyboard."""

from __future__ import annotations

from collections.abc import Callable

from ...routines.model import Routine
from ...safety.flags import class_line
from .controls import SessionControls


class ClassView(SessionControls):
    """A big countdown for a room: stretch, side, next stretch, progress, safety line.

    The page plays it like the timer (the same :class:`~.player.Player`, in its class
    layout); keys (Space, arrows, N, B, R) pressed anywhere on the page drive it (in Lab:
    over the view), and a Full screen button fills the screen with it. ``clock`` is the
    page's unless a rehearsal passes a pretend one.
    """

    def __init__(self, routine: Routine, clock: Callable[[], float] | None = None):
        super().__init__(routine, clock, view="class", safety_line=class_line())
        self.widget = self.player
