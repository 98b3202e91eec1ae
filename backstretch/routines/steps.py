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

from ..base.language import N_, _, ngettext
from ..catalogue.stretches import Stretch

StepKind = Literal["get_ready", "hold", "move", "switch", "rest"]

# TRANSLATORS: the kinds of step of a routine, as a chart's legend names them (nouns)
KIND_NAMES: dict[str, str] = {"get_ready": N_("get ready"), "hold": N_("static hold"),
                              "move": N_("moves"), "switch": N_("switch sides"),
                              "rest": N_("rest")}
"""What each kind of step is called in a legend or a list, in timeline order (in English,
marked for the catalogue: show ``kind_name(kind)``)."""

FINISHED_TITLE = N_("Well done: the routine is complete.")
"""The title once the last step has ended (in English: show ``_(FINISHED_TITLE)``)."""
FINISHED_CUE = N_("Take a moment to notice how your back feels now.")
"""The cue once the last step has ended (show ``_(FINISHED_CUE)``)."""
SAFETY_CUE = N_("Breathe slowly; stop if pain sharpens or travels down a leg.")
"""The reminder that goes with every hold and move (show ``_(SAFETY_CUE)``)."""
FINISHED_SPOKEN = N_("Routine done.")
"""What the voice says once the last step has ended (show ``_(FINISHED_SPOKEN)``)."""
SIDE_WORDS: dict[str, str] = {"left": N_("left side"), "right": N_("right side")}
_SWITCH_TO = {"left": N_("Switch to the left side"), "right": N_("Switch to the right side")}
_CHANGE_TO = {"left": N_("Change to your left side."), "right": N_("Change to your right side.")}


def kind_name(kind: str) -> str:
    """What a kind of step is called, in the current language: 'static hold'."""
    return _(KIND_NAMES[kind])


def clock_text(seconds: float) -> str:
    """Seconds as 'm:ss', rounded up, so a countdown shows 0:00 only at the end."""
    whole = math.ceil(seconds - 1e-9)
    return f"{whole // 60}:{whole % 60:02d}"


def duration_words(seconds: int) -> str:
    """A time as it is said aloud: '45 seconds', '1 minute 30 seconds'."""
    minutes, secs = divmod(seconds, 60)
    if not minutes:
        return ngettext("{n} second", "{n} seconds", secs).format(n=secs)
    said = ngettext("{n} minute", "{n} minutes", minutes).format(n=minutes)
    if not secs:
        return said
    # TRANSLATORS: a time said aloud: '1 minute 30 seconds'
    return _("{minutes} {seconds}").format(
        minutes=said, seconds=ngettext("{n} second", "{n} seconds", secs).format(n=secs))


def side_text(side: str) -> str:
    """'left side' or 'right side'."""
    return _(SIDE_WORDS[side]) if side in SIDE_WORDS else side


def reps_text(reps: int) -> str:
    """'8 slow repetitions' (or '1 slow repetition'): how a dynamic or strengthening set
    is named."""
    return ngettext("{n} slow repetition", "{n} slow repetitions", reps).format(n=reps)


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
        return kind_name(self.kind)

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
            return _("Get ready: {stretch}").format(stretch=self.stretch.name)
        # TRANSLATORS: a stretch's name, then what to do: 'Single knee to chest: Hold'
        return _("{stretch}: {doing}").format(stretch=self.stretch.name, doing=self.label)

    @property
    def cue(self) -> str:
        """How to do it, in a sentence or two (the stretch's own instructions for holds)."""
        if self.kind == "get_ready":
            return self.stretch.steps[0]
        if self.kind in ("hold", "move"):
            return " ".join(self.stretch.steps[1:3])
        if self.kind == "switch":
            return _(_CHANGE_TO[self.side]) if self.side in _CHANGE_TO else _("Switch sides.")
        return _("{doing}.").format(doing=self.action)

    @property
    def spoken(self) -> str:
        """What the voice says as the step begins: the stretch, what to do, for how long
        ('Single knee to chest. Hold, left side. 30 seconds.'; 'Switch to the right side.')."""
        if self.kind == "get_ready":
            return _("{title}. {duration}.").format(title=self.title,
                                                    duration=duration_words(self.seconds))
        if self.kind in ("hold", "move"):
            # TRANSLATORS: said aloud: 'Single knee to chest. Hold, left side. 30 seconds.'
            return _("{stretch}. {doing}. {duration}.").format(
                stretch=self.stretch.name, doing=self.label,
                duration=duration_words(self.seconds))
        return _("{doing}.").format(doing=self.label)

    @property
    def reminder(self) -> str:
        """The safety reminder that goes with this step ('' for none)."""
        return _(SAFETY_CUE) if self.kind in ("hold", "move") else ""

    @property
    def clock(self) -> str:
        """When the step starts, as 'm:ss' from the start of the routine."""
        return clock_text(self.start)

    def _doing(self, with_side: bool) -> str:
        side = side_text(self.side) if with_side and self.side else ""
        if self.kind == "get_ready":
            return _("Get into position")
        if self.kind == "hold":
            if self.reps > 1:
                text = _("Hold, {side} ({rep} of {reps})") if side else \
                    _("Hold ({rep} of {reps})")
            else:
                # TRANSLATORS: what to do now (an instruction), shown large during a session
                text = _("Hold, {side}") if side else _("Hold")
            return text.format(side=side, rep=self.rep, reps=self.reps)
        if self.kind == "move":
            moves = reps_text(self.reps)
            # TRANSLATORS: '8 slow repetitions, left side'
            return _("{moves}, {side}").format(moves=moves, side=side) if side else moves
        if self.kind == "switch":
            return _(_SWITCH_TO[self.side]) if side and self.side in _SWITCH_TO \
                else _("Switch sides")
        return _("Rest and breathe")
