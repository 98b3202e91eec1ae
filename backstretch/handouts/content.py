"""What a handout of a routine says, as plain text: one :class:`Handout`, which the HTML
handout (``html``) shows and the PDF handout (``pdf``) prints from that same page.

Its words are in the current language (``base.language``): a handout is made, and
printed, in the language it is asked for in.

Charts need matplotlib (the ``workbook`` extra), imported only when a handout is drawn,
so ``import backstretch`` stays light.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from ..base.errors import BackstretchError, Problem
from ..base.formats import number
from ..base.language import _, ngettext
from ..catalogue.muscles import MUSCLE_GROUPS
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
class DoseRow:
    """One targeted muscle group in the handout's dose table."""

    group: str
    seconds: str
    target: str
    result: str
    short: bool


@dataclass(frozen=True)
class Handout:
    """Everything a handout says, as plain text (escaped only when rendered as HTML)."""

    title: str
    description: str
    total: str
    stretches: tuple[HandoutStretch, ...]
    checklist: tuple[str, ...]
    """One line per box: each stretch, and each side of a one-side-at-a-time stretch."""
    dose: tuple[DoseRow, ...]
    """Each targeted muscle group's static stretch against the guideline's target."""
    dose_notes: tuple[str, ...]
    """The rest of the dose check: holds outside the guideline, how often, its basis."""

    @classmethod
    def from_routine(cls, routine: Routine) -> Handout:
        if not routine.items:
            raise BackstretchError(Problem("<routine>", "items",
                                           _("add at least one stretch first")))
        poses = poses_for(routine.catalogue)
        stretches = tuple(
            HandoutStretch(routine.stretch(i).name, dose_text(routine, i),
                           routine.stretch(i).summary, routine.stretch(i).steps,
                           cautions_of(routine.stretch(i)), routine.items[i].stretch,
                           routine.sides(i)[0], _way_in(poses.get(routine.items[i].stretch)))
            for i in range(len(routine.items)))
        n = len(routine.items)
        total = ngettext("{duration} in all, {n} stretch, including getting ready, switching "
                         "sides and rests",
                         "{duration} in all, {n} stretches, including getting ready, "
                         "switching sides and rests", n).format(
            duration=format_duration(routine.duration), n=n)
        report = dose_report(routine)
        rows = tuple(DoseRow(MUSCLE_GROUPS[g.group].name, seconds_text(g.seconds),
                             seconds_text(g.target),
                             _("reached") if g.met else _("{seconds} s short").format(
                                 seconds=number(g.shortfall, 2)), not g.met)
                     for g in report.groups)
        return cls(routine.name, routine.description, total, stretches,
                   tuple(routine.box_label(box) for box in routine.checklist_boxes()),
                   rows, tuple(report.lines()[len(report.groups):]))  # after one per group


def _way_in(pose: Pose | None) -> str:
    """How to move into a pose, when it has a start to move from."""
    return pose.way_in if pose is not None and pose.start is not None else ""


def seconds_text(seconds: float) -> str:
    """'37.5 s' ('37,5 s'): seconds, with the language's decimal sign."""
    # TRANSLATORS: a number of seconds, as in "30 s"
    return _("{seconds} s").format(seconds=number(seconds, 2))


def sides_text(sides: tuple[str, ...]) -> str:
    """'left side, then right side', or 'right side only'."""
    if len(sides) == 1:
        return _("{side} only").format(side=side_text(sides[0]))
    shown = side_text(sides[0])
    for side in sides[1:]:
        shown = _("{first}, then {second}").format(first=shown, second=side_text(side))
    return shown


def dose_text(routine: Routine, index: int) -> str:
    """How long and how often to do one item of the routine, in a sentence."""
    hold, reps, rest = routine.hold(index), routine.reps(index), routine.rest(index)
    sides = routine.sides(index)
    where = "" if sides == (None,) else sides_text(sides)
    if not routine.stretch(index).is_static:
        said = (_("{reps}, about {hold} s each; {where}.") if where
                else _("{reps}, about {hold} s each."))
        return said.format(reps=reps_text(reps), hold=hold, where=where)
    if reps == 1:
        said = _("Hold {hold} s, once; {where}.") if where else _("Hold {hold} s, once.")
    elif where:
        said = ngettext("Hold {hold} s, {reps} time; {where}; rest {rest} s between.",
                        "Hold {hold} s, {reps} times; {where}; rest {rest} s between.", reps)
    else:
        said = ngettext("Hold {hold} s, {reps} time; rest {rest} s between.",
                        "Hold {hold} s, {reps} times; rest {rest} s between.", reps)
    return said.format(hold=hold, reps=reps, rest=rest, where=where)


def chart_svgs(routine: Routine) -> list[tuple[str, str]]:
    """The charts a handout shows (``charts.charts_for("handout")``) as (caption, SVG):
    vector drawings, sharp at any size on paper, their words kept as text, so the page's
    fonts show any script (and ``$...$`` stays as typed: ``literal_text``)."""
    from matplotlib import rc_context

    from ..charts.routine_charts import charts_for

    out = []
    for chart in charts_for("handout"):
        with warnings.catch_warnings():  # matplotlib measures an emoji without a glyph for it
            warnings.filterwarnings("ignore", "Glyph .* missing", UserWarning)
            buf = io.StringIO()
            with rc_context({"svg.hashsalt": "backstretch", "svg.fonttype": "none"}):
                chart.draw(routine).savefig(buf, format="svg", metadata={"Date": None})
            out.append((chart.caption, buf.getvalue()))
    return out
