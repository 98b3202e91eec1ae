"""A routine's timeline as the page plays it: every step, with every word said about it.

Computed once here by the steps' own rules (:mod:`backstretch.routines.steps`), and sent
to the page (the Lab timer, the class view, the take-home file), so the page plays the
routine without recomputing it. Plain data (JSON); every text is plain text the page
shows as text; the figures are the package's own SVG, and the frames of their movement
the package's own geometry (:mod:`backstretch.figures.frames`): each step says where in
those frames the figure is at each moment (:func:`step_motion`), the page only blends.
"""

from __future__ import annotations

from ..base.language import _, page_tag
from ..figures.drawing import stretch_svg
from ..figures.frames import motion_figure
from ..routines.model import Routine, format_duration
from ..routines.steps import FINISHED_CUE, FINISHED_SPOKEN, FINISHED_TITLE, Step, side_text
from .words import page_words


def figure_key(stretch_id: str, side: str | None) -> str:
    """The name of a stretch's figure for a side: 'knee-to-chest/left'."""
    return f"{stretch_id}/{side or ''}"


WAY_SECONDS = 4.0
"""Longest the figure takes to move from the start into the hold (or back)."""
WAY_SHARE = 0.6
"""Most of a get-ready step the way in takes: the start shows still before it."""


def _segment(start: float, end: float, run: str, at: float, to: float, side: str | None,
             period: float = 0.0) -> dict:
    """From ``start`` to ``end`` seconds into a step, the figure goes from share ``at``
    of a run of frames (``way`` in, or the ``cycle``) to share ``to``, on ``side``; with a
    ``period``, the cycle there and back once per period instead."""
    return {"start": start, "end": end, "run": run, "at": at, "to": to, "side": side,
            "period": period}


def step_motion(step: Step, side: str | None, before: str | None) -> list[dict]:
    """Where the figure is through ``step`` (on ``side``; ``before``: the side of the step
    before a switch): into the hold as the get-ready ends, still in a hold, moving at the
    repetitions' pace, out and back in for a rest, out on one side and in on the other
    for a switch. Timed in seconds from the step's start, ending at its end."""
    d = float(step.seconds)
    if step.kind == "get_ready":
        way = min(WAY_SECONDS, d * WAY_SHARE)
        return [_segment(0, d - way, "way", 0, 0, side), _segment(d - way, d, "way", 0, 1, side)]
    if step.kind == "move":
        return [_segment(0, d, "cycle", 0, 1, side, d / step.reps)]
    if step.kind == "rest":
        way = min(WAY_SECONDS, d / 2)
        return [_segment(0, way, "way", 1, 0, side), _segment(way, d - way, "way", 0, 0, side),
                _segment(d - way, d, "way", 0, 1, side)]
    if step.kind == "switch":
        return [_segment(0, d / 2, "way", 1, 0, before), _segment(d / 2, d, "way", 0, 1, side)]
    return [_segment(0, d, "way", 1, 1, side)]


def beep_kind(step: Step) -> str:
    """Which beep a step begins with: ``go``, ``switch`` or ``rest`` (the end's own,
    ``finished``, is the page's)."""
    return {"switch": "switch", "rest": "rest"}.get(step.kind, "go")


def page_steps(routine: Routine) -> list[dict]:
    """Each step of ``routine`` as the page shows and says it, in timeline order."""
    steps = routine.steps()
    shown = []
    upcoming = _("the end")
    for step in reversed(steps):  # each step's next stretch, from the end
        sides = routine.sides(step.item)
        side = step.side or sides[0]
        before = sides[sides.index(side) - 1] if step.kind == "switch" else side
        side_line = side_text(step.side) if step.side else (
            f"start on the {side_text(sides[0])}"
            if step.kind == "get_ready" and sides[0] is not None else "")
        # the side as the title writes it, for the page to set apart ('left side')
        side_words = side_text(step.side) if step.side else ""
        shown.append({
            "kind": step.kind, "seconds": step.seconds, "start": step.start,
            "item": step.item, "side": step.side, "stretch": step.stretch.name,
            "title": step.title, "action": step.action, "label": step.label,
            "cue": step.cue, "reminder": step.reminder, "spoken": step.spoken,
            "beep": beep_kind(step), "side_line": side_line, "side_words": side_words,
            "next": upcoming,
            "figure": figure_key(step.stretch.id, side), "moving": step.stretch.id,
            "motion": step_motion(step, side, before),
            "completes": list(step.completes) if step.completes else None})
        if step.kind in ("get_ready", "hold", "move"):
            upcoming = step.title
    return shown[::-1]


def page_timeline(routine: Routine) -> dict:
    """The whole timeline the page plays: the routine (its name, length and YAML form),
    its steps, a figure per stretch and side (still), the frames of each stretch's
    movement, the checklist's boxes, and what it shows and says at the end; with the
    language it is in (``lang``, a BCP 47 tag: the page's ``lang`` and its voice's) and
    every other word the page shows (``words``, :func:`~.words.page_words`)."""
    steps = page_steps(routine)
    figures: dict[str, str] = {}
    motions: dict[str, dict] = {}
    for step in steps:
        if step["figure"] not in figures:
            stretch_id, _slash, side = step["figure"].rpartition("/")
            figures[step["figure"]] = stretch_svg(routine.catalogue, stretch_id, side or None)
        motion = motion_figure(routine.catalogue, step["moving"])
        if motion is not None:
            motions[step["moving"]] = motion
    return {"routine": routine.name, "key": routine.key(), "duration": routine.duration,
            "duration_text": format_duration(routine.duration), "items": len(routine.items),
            "steps": steps, "figures": figures, "motions": motions,
            "boxes": [{"item": item, "side": side, "label": routine.box_label((item, side))}
                      for item, side in routine.checklist_boxes()],
            "finished": {"title": _(FINISHED_TITLE), "cue": _(FINISHED_CUE),
                         "spoken": _(FINISHED_SPOKEN)},
            "lang": page_tag(), "words": page_words(),
            "sides": {side: side_text(side) for side in ("left", "right")}}
