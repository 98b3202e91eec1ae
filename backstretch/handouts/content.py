"""What a handout of a routine says, as plain text: one :class:`Handout` that the HTML
and the PDF renderings (``html``, ``pdf``) both draw, so they cannot drift apart.

Charts need matplotlib (the ``workbook`` extra), imported only when a handout is drawn,
so ``import backstretch`` stays light.
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass

from ..base.errors import BackstretchError, Problem
from ..base.plural import counted
from ..catalogue.stretches import cautions_of
from ..figures.poses import Pose, poses_for
from ..routines.dose import dose_report
from ..routines.model import Routine, format_duration
from ..routines.steps import reps_text, side_text


@dataclass(frozen=True)
class HandoutStretch:
    """One stretch as the handout prints it."""

    name: str
    dose: str
    """What to do, like 'Hold 30 s, 2 times, left side then right side; rest 5 s between.'"""
    summary: str
    steps: tuple[str, ...]
    cautions: tuple[str, ...]
    stretch_id: str = ""
    side: str | None = None
    """The side its figure shows: the first one done, or None for both at once."""
    way_in: str = ""
    """One line: how to move from the start into the hold (the figures show both)."""


@dataclass(frozen=True)
class Handout:
    """Everything a handout says, as plain text (escaped only when rendered as HTML)."""

    title: str
    description: str
    total: str
    stretches: tuple[HandoutStretch, ...]
    checklist: tuple[str, ...]
    """One line per box: each stretch, and each side of a one-side-at-a-time stretch."""
    dose: tuple[str, ...]

    @classmethod
    def from_routine(cls, routine: Routine) -> Handout:
        if not routine.items:
            raise BackstretchError(Problem("<routine>", "items", "add at least one stretch first"))
        poses = poses_for(routine.catalogue)
        stretches = tuple(
            HandoutStretch(routine.stretch(i).name, dose_text(routine, i),
                           routine.stretch(i).summary, routine.stretch(i).steps,
                           cautions_of(routine.stretch(i)), routine.items[i].stretch,
                           routine.sides(i)[0], _way_in(poses.get(routine.items[i].stretch)))
            for i in range(len(routine.items)))
        how_many = counted(len(routine.items), "stretch", "stretches")
        total = (f"{format_duration(routine.duration)} in all, {how_many}, "
                 "including getting ready, switching sides and rests")
        return cls(routine.name, routine.description, total, stretches,
                   tuple(routine.box_label(box) for box in routine.checklist_boxes()),
                   tuple(dose_report(routine).lines()))


def _way_in(pose: Pose | None) -> str:
    """How to move into a pose, when it has a start to move from."""
    return pose.way_in if pose is not None and pose.start is not None else ""


def dose_text(routine: Routine, index: int) -> str:
    """How long and how often to do one item of the routine, in a sentence."""
    hold, reps = routine.hold(index), routine.reps(index)
    sides = routine.sides(index)
    where = "" if sides == (None,) else \
        "; " + ", then ".join(map(side_text, sides)) + (" only" if len(sides) == 1 else "")
    if not routine.stretch(index).is_static:
        return f"{reps_text(reps)}, about {hold} s each{where}."
    times = "once" if reps == 1 else f"{reps} times"
    rest = f"; rest {routine.rest(index)} s between" if reps > 1 else ""
    return f"Hold {hold} s, {times}{where}{rest}."


def chart_pngs(routine: Routine, dpi: int = 110) -> list[tuple[str, bytes]]:
    """The charts a handout shows (``charts.charts_for("handout")``) as (caption, PNG bytes)."""
    from ..charts.routine_charts import charts_for, figure_png

    out = []
    for chart in charts_for("handout"):
        with warnings.catch_warnings():  # a glyph DejaVu lacks (an emoji) is simply left out
            warnings.filterwarnings("ignore", "Glyph .* missing", UserWarning)
            out.append((chart.caption, figure_png(chart.draw(routine), dpi)))
    return out
