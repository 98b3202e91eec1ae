"""A pretend clock: time passes only when you say, for rehearsals and tests."""

from __future__ import annotations


class PretendClock:
    """A monotonic clock (seconds) that moves only when told to.

    Pass it where a timer takes ``clock``: ``Session(routine, clock=PretendClock())``.
    """

    def __init__(self, now: float = 0.0) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds
