"""A step of a routine's timeline, and every word said about it.

A step's title, what to do, its cue, its kind's name and its clock text are written
here once; the command line, the timer, the class view, the charts, the handouts and
spoken cues all read them from a :class:`Step` (or the helpers below), so a step is
described the same way everywhere. All of it is plain text: a view escapes it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

from ..base.formats import counted
from ..catalogue.stretches import Stretch

StepKind = Literal["get_ready", "hold", "move", "switch", "rest"]

KIND_NAMES: dict[str, str] = {"get_ready": "get ready", "hold": "static hold", "move": "moves",
                              "switch": "switch sides", "rest": "rest"}
"""What each kind of step is called in a legend or a list, in timeline order."""

FINISHED_TITLE = "Well done: the routine is complete."
"""The title once the last step has ended."""
FINISHED_CUE = "Take a moment to notice how your back feels now."
"""The cue once the last step has ended."""
SAFETY_CUE = "Breathe slowly; stop if pain sharpens or travels down a leg."
"""The reminder that goes with every hold and move."""
FINISHED_SPOKEN = "Routine done."
"""What the voice says once the last step has ended."""


def clock_text(seconds: float) -> str:
    """Seconds as 'm:ss', rounded up, so a countdown shows 0:00 only at the end."""
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def duration_words(seconds: int) -> str:
    """A time as it is said aloud: '45 seconds', '1 minute 30 seconds'."""
    minutes, secs = divmod(seconds, 60)
    words = [counted(minutes, "minute")] if minutes else []
    if secs or not minutes:
        words.append(counted(secs, "second"))
    return " ".join(words)


def side_text(side: str) -> str:
    """'left side' or 'right side'."""
    return f"{side} side"


def reps_text(reps: int) -> str:
    """'8 slow repetitions' (or '1 slow repetition'): how a dynamic or strengthening set
    is named."""
    return counted(reps, "slow repetition")


@dataclass(frozen=True)
class Step:
    """One timed step of a routine's timeline."""

    kind: StepKind
    """``get_ready``, ``hold`` (static), ``move`` (dynamic or strengthening
    repetitions), ``switch`` (change sides) or ``rest``."""
    seconds: int
    start: int
    """Seconds from the start of the routine."""
    item: int
    """Index of the routine item it belongs to."""
    stretch: Stretch
    side: str | None = None
    rep: int = 1
    reps: int = 1

    @property
    def end(self) -> int:
        return self.start + self.seconds

    @property
    def completes(self) -> tuple[int, str | None] | None:
        """The checklist box this step completes, (item, side), if it is the last of a side."""
        if self.kind == "move" or (self.kind == "hold" and self.rep == self.reps):
            return (self.item, self.side)
        return None

    # -- wording ------------------------------------------------------------------------
    @property
    def kind_name(self) -> str:
        """What this kind of step is called: 'static hold', 'switch sides' ..."""
        return KIND_NAMES[self.kind]

    @property
    def label(self) -> str:
        """What to do now, with the side: 'Hold, left side (1 of 2)'."""
        return self._doing(with_side=True)

    @property
    def action(self) -> str:
        """What to do now, for a view that shows the side apart: 'Hold (1 of 2)'."""
        return self._doing(with_side=False)

    @property
    def title(self) -> str:
        """The stretch and what to do: 'Single knee to chest: Hold, left side'."""
        if self.kind == "get_ready":
            return f"Get ready: {self.stretch.name}"
        return f"{self.stretch.name}: {self.label}"

    @property
    def cue(self) -> str:
        """How to do it, in a sentence or two (the stretch's own instructions for holds)."""
        if self.kind == "get_ready":
            return self.stretch.steps[0]
        if self.kind in ("hold", "move"):
            return " ".join(self.stretch.steps[1:3])
        if self.kind == "switch":
            return f"Change to your {side_text(self.side or '')}."
        return f"{self.action}."

    @property
    def spoken(self) -> str:
        """What the voice says as the step begins: the stretch, what to do, for how long
        ('Single knee to chest. Hold, left side. 30 seconds.'; 'Switch to the right side.')."""
        if self.kind == "get_ready":
            return f"{self.title}. {duration_words(self.seconds)}."
        if self.kind in ("hold", "move"):
            return f"{self.stretch.name}. {self.label}. {duration_words(self.seconds)}."
        return f"{self.label}."

    @property
    def reminder(self) -> str:
        """The safety reminder that goes with this step ('' for none)."""
        return SAFETY_CUE if self.kind in ("hold", "move") else ""

    @property
    def clock(self) -> str:
        """When the step starts, as 'm:ss' from the start of the routine."""
        return clock_text(self.start)

    def _doing(self, with_side: bool) -> str:
        where = f", {side_text(self.side)}" if with_side and self.side else ""
        if self.kind == "get_ready":
            return "Get into position"
        if self.kind == "hold":
            return f"Hold{where}" + (f" ({self.rep} of {self.reps})" if self.reps > 1 else "")
        if self.kind == "move":
            return f"{reps_text(self.reps)}{where}"
        if self.kind == "switch":
            return f"Switch to the {side_text(self.side)}" if with_side and self.side \
                else "Switch sides"
        return "Rest and breathe"
