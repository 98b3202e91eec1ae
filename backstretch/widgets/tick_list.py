"""Several choices a person ticks one by one: a checkbox each, under a heading."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from html import escape

import ipywidgets as w

TICK = {"indent": False, "layout": w.Layout(width="auto")}
"""A checkbox as wide as its own words, flush with its heading."""


class TickList:
    """A heading and one checkbox per choice, each ticked or cleared by a plain click or
    tap, and named by its own words for a screen reader (a checkbox's label is its
    name; its tooltip, ``tips`` or the heading, says more). ``value`` is the tuple of
    the values ticked, in the order offered, and may be set; ``observe`` hears every
    tick.
    """

    def __init__(self, heading: str, options: Sequence[tuple[str, str]],
                 value: Iterable[str] = (), css: str = "", tips: dict[str, str] | None = None):
        ticked, tips = set(value), tips or {}
        self.boxes = {v: w.Checkbox(value=v in ticked, description=label,
                                    tooltip=tips.get(v, heading), **TICK)
                      for label, v in options}
        self.widget = w.VBox([w.HTML(f"<b>{escape(heading)}</b>"), *self.boxes.values()])
        self.widget.add_class("bs-ticks")
        if css:
            self.widget.add_class(css)

    def __getitem__(self, value: str) -> w.Checkbox:
        """The box of the choice ``value``."""
        return self.boxes[value]

    @property
    def value(self) -> tuple[str, ...]:
        return tuple(v for v, box in self.boxes.items() if box.value)

    @value.setter
    def value(self, values: Iterable[str]) -> None:
        wanted = set(values)
        for v, box in self.boxes.items():
            box.value = v in wanted

    def observe(self, handler: Callable[[dict], object], **kwargs: object) -> None:
        """Call ``handler`` on a change of any box, as ``Widget.observe`` does."""
        for box in self.boxes.values():
            box.observe(handler, **kwargs)
