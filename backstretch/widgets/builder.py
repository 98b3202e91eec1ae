"""Build a routine: add, remove, reorder, change holds; totals, dose and charts update live."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import Callable
from html import escape
from pathlib import Path

import ipywidgets as w

from ..catalogue import MAX_HOLD, MAX_REPS, Catalogue
from ..errors import BackstretchError
from ..resources import ready_routines
from ..routine import Routine, format_duration, load_routine
from .shown import Shown

EMPTY = ""
CHART_DELAY = 0.15
"""Seconds a kernel waits after a change before redrawing the chart, so a burst of
changes (typing "25" is two) costs one redraw, and the totals never wait for it."""


def dose_html(routine: Routine) -> str:
    """The dose report as an HTML list; groups short of 60 s stand out."""
    if not routine.items:
        return "<p>Add a stretch to see the dose check.</p>"
    report = routine.dose_report()
    rows = []
    for line, short in [(ln, " short." in ln) for ln in report.lines()]:
        style = ' style="color:#b35806;font-weight:600"' if short else ""
        rows.append(f"<li{style}>{escape(line)}</li>")
    verdict = ("Meets the guideline for every targeted group." if report.ok else
               "Falls short of the guideline; see the lines in orange.")
    return f'<div class="bs-dose"><b>Dose check:</b> {verdict}<ul>{"".join(rows)}</ul></div>'


class RoutineBuilder(Shown):
    """Edit a routine with widgets; ``routine`` always holds the current, valid one."""

    def __init__(self, catalogue: Catalogue, routine: Routine | None = None,
                 save_path: str = "my-routines/my-routine.yaml"):
        self.catalogue = catalogue
        self.routine = routine if routine is not None else Routine("My routine", (), catalogue)
        self.listeners: list[Callable[[Routine], None]] = []

        self.start_from = w.Dropdown(options=[("an empty routine", EMPTY)] +
                                     [(n, n) for n in ready_routines()],
                                     description="Start from")
        self.start_button = w.Button(description="Start from this", icon="file")
        self.start_button.on_click(lambda _b: self.start_from_choice())
        self.name = w.Text(value=self.routine.name, description="Name",
                           layout=w.Layout(width="28em"))
        self.name.add_class("bs-name")
        self.name.observe(self._on_name, names="value")

        self.rows = w.VBox()
        self.rows.add_class("bs-items")
        self.to_add = w.Dropdown(options=sorted(((s.name, s.id) for s in catalogue.values())),
                                 description="Stretch", layout=w.Layout(width="28em"))
        self.add_button = w.Button(description="Add", icon="plus", button_style="success")
        self.add_button.add_class("bs-add")
        self.add_button.on_click(lambda _b: self.add(self.to_add.value))

        self.total = w.HTML()
        self.total.add_class("bs-total")
        self.dose = w.HTML()
        self.charts = w.Tab(children=[w.Image(format="png") for _ in range(3)])
        for i, title in enumerate(("Coverage", "Body map", "Timeline")):
            self.charts.set_title(i, title)
        self.charts.add_class("bs-charts")
        self.charts.observe(lambda _c: self._draw_chart(), names="selected_index")
        self._stale = [True, True, True]
        self._pending: asyncio.TimerHandle | None = None

        self.path = w.Text(value=save_path, description="File", layout=w.Layout(width="28em"))
        self.save_button = w.Button(description="Save", icon="save")
        self.save_button.add_class("bs-save")
        self.save_button.on_click(lambda _b: self.save())
        self.load_button = w.Button(description="Load", icon="folder-open")
        self.load_button.add_class("bs-load")
        self.load_button.on_click(lambda _b: self.load())
        self.status = w.HTML()
        self.status.add_class("bs-status")

        self.widget = w.VBox([
            w.HBox([self.start_from, self.start_button]), self.name, self.rows,
            w.HBox([self.to_add, self.add_button]), self.total, self.dose, self.charts,
            w.HBox([self.path, self.save_button, self.load_button]), self.status,
        ])
        self.widget.add_class("bs-builder")
        self._build_rows()
        self._refresh()

    # -- actions ------------------------------------------------------------------------
    def set_routine(self, routine: Routine, rebuild: bool = True) -> None:
        """Show ``routine``; ``rebuild`` redraws the item rows (not needed for a value edit)."""
        self.routine = routine
        if self.name.value != routine.name:
            self.name.value = routine.name
        if rebuild:
            self._build_rows()
        self._refresh()
        for listener in self.listeners:
            listener(routine)

    def start_from_choice(self) -> None:
        if self.start_from.value == EMPTY:
            self.set_routine(Routine("My routine", (), self.catalogue))
        else:
            self.set_routine(load_routine(self.start_from.value, self.catalogue))
        self._say(f"Started from {self.start_from.label}.")

    def add(self, stretch_id: str) -> None:
        self.set_routine(self.routine.added(stretch_id))

    def remove(self, index: int) -> None:
        self.set_routine(self.routine.removed(index))

    def move(self, index: int, to: int) -> None:
        if 0 <= to < len(self.routine.items):
            self.set_routine(self.routine.moved(index, to))

    def change(self, index: int, **overrides: object) -> None:
        try:
            self.set_routine(self.routine.changed(index, **overrides), rebuild=False)
        except BackstretchError as exc:
            self._say(str(exc), error=True)

    def save(self) -> None:
        path = Path(self.path.value.strip() or "my-routine.yaml")
        if path.suffix not in (".yaml", ".yml"):
            path = path.with_suffix(".yaml")
        try:
            if not self.routine.name.strip():
                self._say("Give the routine a name before saving.", error=True)
                return
            self.routine.save(path)
        except (BackstretchError, OSError) as exc:
            self._say(f"Not saved: {exc}", error=True)
            return
        self._say(f"Saved to {path}.")

    def load(self) -> None:
        try:
            routine = load_routine(self.path.value.strip(), self.catalogue)
        except BackstretchError as exc:
            self._say(f"Not loaded: {exc}", error=True)
            return
        self.set_routine(routine)
        self._say(f"Loaded {self.path.value.strip()}.")

    # -- inside -------------------------------------------------------------------------
    def _say(self, text: str, error: bool = False) -> None:
        colour = "#b35806" if error else "#1b7837"
        body = escape(text).replace("\n", "<br>")
        self.status.value = f'<span style="color:{colour}">{body}</span>'

    def _on_name(self, change: dict) -> None:
        if change["new"] != self.routine.name:
            self.set_routine(dataclasses.replace(self.routine, name=change["new"]), rebuild=False)

    def _build_rows(self) -> None:
        rows = []
        for i, item in enumerate(self.routine.items):
            stretch = self.routine.stretch(i)
            label = w.HTML(f"<b>{i + 1}.</b> {escape(stretch.name)}",
                           layout=w.Layout(width="16em"))
            per = "hold (s)" if stretch.is_static else "s per rep"
            hold = w.BoundedIntText(value=self.routine.hold(i), min=1, max=MAX_HOLD,
                                    description=per, layout=w.Layout(width="9em"),
                                    style={"description_width": "initial"})
            hold.add_class("bs-hold")
            reps = w.BoundedIntText(value=self.routine.reps(i), min=1, max=MAX_REPS,
                                    description="reps", layout=w.Layout(width="7em"),
                                    style={"description_width": "initial"})
            reps.add_class("bs-reps")
            sides = w.Dropdown(options=["both", "left", "right"] if stretch.per_side
                               else ["together"], value=(item.sides or "both")
                               if stretch.per_side else "together",
                               disabled=not stretch.per_side, layout=w.Layout(width="8em"))
            sides.add_class("bs-sides")
            hold.observe(lambda c, i=i: self.change(i, hold=c["new"]), names="value")
            reps.observe(lambda c, i=i: self.change(i, reps=c["new"]), names="value")
            if stretch.per_side:
                sides.observe(lambda c, i=i: self.change(i, sides=c["new"]), names="value")
            buttons = []
            for icon, css, tip, action in (
                ("arrow-up", "bs-up", "Move up", lambda _b, i=i: self.move(i, i - 1)),
                ("arrow-down", "bs-down", "Move down", lambda _b, i=i: self.move(i, i + 1)),
                ("trash", "bs-remove", "Remove", lambda _b, i=i: self.remove(i)),
            ):
                b = w.Button(icon=icon, tooltip=tip, layout=w.Layout(width="2.6em"))
                b.add_class(css)
                b.on_click(action)
                buttons.append(b)
            row = w.HBox([label, hold, reps, sides, *buttons])
            row.add_class("bs-item")
            rows.append(row)
        self.rows.children = rows or [w.HTML("<i>No stretches yet: add one below.</i>")]

    def _refresh(self) -> None:
        r = self.routine
        self.total.value = (f"<b>Total: {format_duration(r.duration)}</b> "
                            f"({r.duration} s, {len(r.items)} stretches)")
        self.dose.value = dose_html(r)
        self._stale = [True, True, True]
        self._draw_soon()

    def _draw_soon(self) -> None:
        """Redraw the shown chart after ``CHART_DELAY`` on the kernel's loop; at once
        where no loop runs (a script, a test)."""
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            self._draw_chart()
            return
        if self._pending is None:
            self._pending = loop.call_later(CHART_DELAY, self._draw_pending)

    def _draw_pending(self) -> None:
        self._pending = None
        self._draw_chart()

    def _draw_chart(self) -> None:
        index = self.charts.selected_index or 0
        if not self._stale[index]:
            return
        from .. import charts

        draw = (charts.coverage_chart, charts.body_map, charts.timeline_chart)[index]
        self.charts.children[index].value = charts.figure_png(draw(self.routine))
        self._stale[index] = False
