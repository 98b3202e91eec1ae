"""The guided session: a pure state machine over a routine's timeline.

It knows nothing of widgets. Time comes from an injectable ``clock`` (seconds,
monotonic), so tests drive whole routines without waiting. Steps end at absolute
deadlines, so however late ``tick`` is called, no time is lost or gained.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Literal

from ..routines.model import Routine, Step

State = Literal["ready", "running", "paused", "finished"]


@dataclass(frozen=True)
class Event:
    """Something the interface should react to (a beep and words, a checklist tick).

    Every command returns the events it caused, so each view reacts to one stream.
    """

    kind: Literal["started", "step", "finished", "paused", "resumed", "reset"]
    """``started``: the first step began; ``step``: a step began (by time, Skip or
    Back); ``finished``: the routine ended; ``paused`` and ``resumed``: the clock
    stopped or went on; ``reset``: back to the beginning, as if new."""
    step: Step | None
    """The step now current (None when finished)."""
    completed: tuple[int, str | None] | None = None
    """The checklist box (item, side) the previous step completed, if any."""


@dataclass
class Session:
    """Where a person is in a routine: which step, how long is left, what is done."""

    routine: Routine
    clock: Callable[[], float] = time.monotonic
    state: State = "ready"
    index: int = 0
    """The current step's index in the timeline."""
    completed: list[tuple[int, str | None]] = field(default_factory=list)
    """Checklist boxes finished in order, by holding to the end of their last step."""
    skipped: list[int] = field(default_factory=list)
    """Indexes of hold or move steps skipped before their end."""
    started_at: float | None = None
    _deadline: float = 0.0
    _left: float = 0.0

    def __post_init__(self) -> None:
        self.steps = self.routine.steps()
        self._left = float(self.steps[0].seconds) if self.steps else 0.0
        if not self.steps:
            self.state = "finished"

    # -- what to show -----------------------------------------------------------------
    @property
    def current(self) -> Step | None:
        return self.steps[self.index] if self.state != "finished" else None

    @property
    def next(self) -> Step | None:
        """The next step that starts a new hold, move or stretch (not rests or switches)."""
        for step in self.steps[self.index + 1:]:
            if step.kind in ("get_ready", "hold", "move"):
                return step
        return None

    @property
    def remaining(self) -> float:
        """Seconds left in the current step."""
        if self.state == "running":
            return max(0.0, self._deadline - self.clock())
        return self._left if self.state != "finished" else 0.0

    @property
    def deadline(self) -> float | None:
        """When the current step ends, by the clock (None unless running)."""
        return self._deadline if self.state == "running" else None

    @property
    def step_progress(self) -> float:
        """0 to 1 through the current step."""
        step = self.current
        if step is None:
            return 1.0
        return min(1.0, max(0.0, 1 - self.remaining / step.seconds))

    @property
    def elapsed(self) -> float:
        """Seconds of the routine behind us, by the timeline."""
        step = self.current
        if step is None:
            return float(self.routine.duration)
        return step.end - self.remaining

    @property
    def progress(self) -> float:
        """0 to 1 through the whole routine."""
        total = self.routine.duration
        return self.elapsed / total if total else 1.0

    # -- controls ---------------------------------------------------------------------
    def start(self) -> list[Event]:
        """Start (or resume); pressing it again while running does nothing."""
        if self.state == "ready":
            self.started_at = self.clock()
            self._run()
            return [Event("started", self.current)]
        if self.state == "paused":
            self._run()
            return [Event("resumed", self.current)]
        return []

    def pause(self) -> list[Event]:
        """Stop the clock where it is; pressing it when not running does nothing."""
        if self.state != "running":
            return []
        self._left = self.remaining
        self.state = "paused"
        return [Event("paused", self.current)]

    def resume(self) -> list[Event]:
        return self.start() if self.state == "paused" else []

    def toggle(self) -> list[Event]:
        """Pause when running, otherwise start or resume."""
        return self.pause() if self.state == "running" else self.start()

    def skip(self) -> list[Event]:
        """Go to the next step now; a hold cut short is recorded as skipped."""
        if self.state == "finished":
            return []
        if self.current is not None and self.current.kind in ("hold", "move"):
            self.skipped.append(self.index)
        return self._advance(completed=None, at=self.clock())

    def back(self) -> list[Event]:
        """Go to the start of the previous step (or restart the first); before Start,
        nothing to go back to."""
        if self.state == "ready":
            return []
        if self.state == "finished":
            self.index = len(self.steps)
        self.index = max(0, self.index - 1)
        self._left = float(self.steps[self.index].seconds) if self.steps else 0.0
        if self.state == "finished":
            self.state = "paused"
        elif self.state == "running":
            self._deadline = self.clock() + self._left
        return [Event("step", self.current)]

    def reset(self) -> list[Event]:
        """Stop and go back to the beginning, as if new."""
        self.index = 0
        self.completed.clear()
        self.skipped.clear()
        self.started_at = None
        self.state = "ready" if self.steps else "finished"
        self._left = float(self.steps[0].seconds) if self.steps else 0.0
        return [Event("reset", self.current)]

    def tick(self) -> list[Event]:
        """Catch up with the clock: end every step whose deadline has passed."""
        events: list[Event] = []
        while self.state == "running" and self.clock() >= self._deadline:
            events += self.time_up()
        return events

    def time_up(self) -> list[Event]:
        """End the current step as if its time ran out now (the page's clock said so), at
        its own deadline; when not running, nothing."""
        if self.state != "running":
            return []
        return self._advance(completed=self.steps[self.index].completes, at=self._deadline)

    # -- inside -----------------------------------------------------------------------
    def _run(self) -> None:
        self._deadline = self.clock() + self._left
        self.state = "running"

    def _advance(self, completed: tuple[int, str | None] | None, at: float) -> list[Event]:
        if completed is not None:
            self.completed.append(completed)
        if self.index + 1 >= len(self.steps):
            self.state = "finished"
            self._left = 0.0
            return [Event("finished", None, completed)]
        self.index += 1
        self._left = float(self.steps[self.index].seconds)
        if self.state == "running":
            self._deadline = at + self._left
        return [Event("step", self.current, completed)]
