"""A row of the builder: one item of the routine, with the controls that edit it."""

from __future__ import annotations

from collections.abc import Callable
from html import escape

import ipywidgets as w

from ..base.language import N_, _, pgettext
from ..catalogue.stretches import MAX_HOLD, MAX_REPS
from ..figures.flipbook import stretch_moves_html
from ..routines.model import Routine

ROW_FIGURE_PX = 88
"""How wide each of a row's two figures (start and hold) is drawn: too small for its own
text, so the side it shows is said in the row's words instead."""
SIDE_WORDS = {"both": N_("left side first"), "left": N_("left side only"),
              "right": N_("right side only")}


def row_figure(routine: Routine, index: int, sides: str | None) -> str:
    """The small figures of a row's stretch, its start and its hold (and its movement when
    asked), on the side ``sides`` (both, left or right) starts with."""
    stretch = routine.stretch(index)
    first = None if not stretch.per_side else "right" if sides == "right" else "left"
    return stretch_moves_html(routine.catalogue, stretch.id, first, width_px=ROW_FIGURE_PX)


def row_label(routine: Routine, index: int, sides: str | None) -> str:
    """'1. Knee to chest' and, for a one-side-at-a-time stretch, which side comes first."""
    stretch = routine.stretch(index)
    side = (f'<br><span class="bs-row-side">{_(SIDE_WORDS[sides or "both"])}</span>'
            if stretch.per_side else "")
    return f"<b>{index + 1}.</b> {escape(stretch.name)}{side}"


def item_row(routine: Routine, i: int, change: Callable[..., None],
             move: Callable[[int, int], None], remove: Callable[[int], None]) -> w.HBox:
    """Item ``i``'s row: figure, name, hold, reps, sides, move up or down, remove; each
    edit calls ``change(i, field=value)``, ``move(i, to)`` or ``remove(i)``."""
    stretch, item = routine.stretch(i), routine.items[i]
    figure = w.HTML(row_figure(routine, i, item.sides),
                    layout=w.Layout(width=f"{2 * ROW_FIGURE_PX + 4}px"))
    figure.add_class("bs-row-figure")
    label = w.HTML(row_label(routine, i, item.sides), layout=w.Layout(width="16em"))
    per = _("hold (s)") if stretch.is_static else _("s per rep")
    hold = w.BoundedIntText(value=routine.hold(i), min=1, max=MAX_HOLD,
                            description=per, layout=w.Layout(width="9em"),
                            style={"description_width": "initial"})
    hold.add_class("bs-hold")
    reps = w.BoundedIntText(value=routine.reps(i), min=1, max=MAX_REPS,
                            description=_("reps"), layout=w.Layout(width="7em"),
                            style={"description_width": "initial"})
    reps.add_class("bs-reps")
    sides = w.Dropdown(options=[(pgettext("sides", "both"), "both"),
                                (pgettext("sides", "left"), "left"),
                                (pgettext("sides", "right"), "right")]
                       if stretch.per_side else [(pgettext("sides", "together"), "together")],
                       value=(item.sides or "both")
                       if stretch.per_side else "together",
                       disabled=not stretch.per_side, description=_("sides"),
                       layout=w.Layout(width="11em"),
                       style={"description_width": "initial"})
    sides.add_class("bs-sides")
    hold.observe(lambda c, i=i: change(i, hold=c["new"]), names="value")
    reps.observe(lambda c, i=i: change(i, reps=c["new"]), names="value")
    if stretch.per_side:
        sides.observe(lambda c, i=i: change(i, sides=c["new"]), names="value")
        def show_side(change: dict, i: int = i) -> None:
            figure.value = row_figure(routine, i, change["new"])
            label.value = row_label(routine, i, change["new"])

        sides.observe(show_side, names="value")
    buttons = []
    for icon, css, tip, action in (
        ("arrow-up", "bs-up", _("Move up"), lambda _b, i=i: move(i, i - 1)),
        ("arrow-down", "bs-down", _("Move down"), lambda _b, i=i: move(i, i + 1)),
        ("trash", "bs-remove", _("Remove"), lambda _b, i=i: remove(i)),
    ):
        b = w.Button(icon=icon, tooltip=tip, layout=w.Layout(width="2.6em"))
        b.add_class(css)
        b.on_click(action)
        buttons.append(b)
    row = w.HBox([w.HBox([figure, label]), hold, reps, sides, *buttons])
    row.add_class("bs-item")
    return row

