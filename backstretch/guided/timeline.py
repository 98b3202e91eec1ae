"""A routine's timeline as the page plays it: every step, with every word said about it.

Computed once here by the steps' own rules (:mod:`backstretch.routines.steps`), and sent
to the page (the Lab timer, the class view, the take-home file), so the page plays the
routine without recomputing it. Plain data (JSON); every text is plain text the page
shows as text; the figures are the package's own SVG.
"""

from __future__ import annotations

from ..figures.drawing import stretch_svg
from ..routines.model import Routine, format_duration
from ..routines.steps import FINISHED_CUE, FINISHED_SPOKEN, FINISHED_TITLE, Step, side_text


def figure_key(stretch_id: str, side: str | None) -> str:
    """The name of a stretch's figure for a side: 'knee-to-chest/left'."""
    return f"{stretch_id}/{side or ''}"


def beep_kind(step: Step) -> str:
    """Which beep a step begins with: ``go``, ``switch`` or ``rest`` (the end's own,
    ``finished``, is the page's)."""
    return {"switch": "switch", "rest": "rest"}.get(step.kind, "go")


def page_steps(routine: Routine) -> list[dict]:
    """Each step of ``routine`` as the page shows and says it, in timeline order."""
    steps = routine.steps()
    shown = []
    upcoming = "the end"
    for step in reversed(steps):  # each step's next stretch, from the end
        sides = routine.sides(step.item)
        side_line = side_text(step.side) if step.side else (
            f"start on the {side_text(sides[0])}"
            if step.kind == "get_ready" and sides[0] is not None else "")
        shown.append({
            "kind": step.kind, "seconds": step.seconds, "start": step.start,
            "item": step.item, "side": step.side, "stretch": step.stretch.name,
            "title": step.title, "action": step.action, "label": step.label,
            "cue": step.cue, "reminder": step.reminder, "spoken": step.spoken,
            "beep": beep_kind(step), "side_line": side_line, "next": upcoming,
            "figure": figure_key(step.stretch.id, step.side or sides[0]),
            "completes": list(step.completes) if step.completes else None})
        if step.kind in ("get_ready", "hold", "move"):
            upcoming = step.title
    return shown[::-1]


def page_timeline(routine: Routine) -> dict:
    """The whole timeline the page plays: the routine (its name, length and YAML form),
    its steps, a figure per stretch and side, the checklist's boxes, and what it shows
    and says at the end."""
    steps = page_steps(routine)
    figures: dict[str, str] = {}
    for step in steps:
        if step["figure"] not in figures:
            stretch_id, _, side = step["figure"].rpartition("/")
            figures[step["figure"]] = stretch_svg(routine.catalogue, stretch_id, side or None,
                                                  animate=True)
    return {"routine": routine.name, "key": routine.key(), "duration": routine.duration,
            "duration_text": format_duration(routine.duration), "items": len(routine.items),
            "steps": steps, "figures": figures,
            "boxes": [{"item": item, "side": side, "label": routine.box_label((item, side))}
                      for item, side in routine.checklist_boxes()],
            "finished": {"title": FINISHED_TITLE, "cue": FINISHED_CUE,
                         "spoken": FINISHED_SPOKEN}}
