"""The builder's chart tabs: each chart redrawn only when shown and out of date, after a
short wait so a burst of edits costs one drawing."""

from __future__ import annotations

import asyncio

import ipywidgets as w

from ..base.language import _
from ..routines.model import Routine

CHART_DELAY = 0.15
"""Seconds a kernel waits after a change before redrawing the chart, so a burst of
changes (typing "25" is two) costs one redraw, and the totals never wait for it."""


class ChartTabs:
    """A tab per chart registered for the builder (``charts_for("builder")``)."""

    def __init__(self) -> None:
        from ..charts.routine_charts import charts_for

        self._shown = charts_for("builder")
        self._kept = [chart.keep() for chart in self._shown]
        self.widget = w.Tab(children=[w.HTML() for _ in self._kept],  # <img> with alt text
                            titles=[_(chart.title) for chart in self._shown])
        self.widget.add_class("bs-charts")
        self.widget.observe(lambda _c: self._draw_chart(), names="selected_index")
        self._stale = [True] * len(self._kept)
        self._pending: asyncio.TimerHandle | None = None
        self.routine: Routine | None = None

    def show(self, routine: Routine) -> None:
        """Follow ``routine``: every chart is out of date; the shown one is redrawn soon."""
        self.routine = routine
        self._stale = [True] * len(self._kept)
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
        index = self.widget.selected_index or 0
        if self.routine is None or not self._stale[index]:
            return
        from ..charts.routine_charts import img_html

        # TRANSLATORS: a chart's alt text: what it shows, then the routine's name
        alt = _("{chart}: {routine}").format(chart=_(self._shown[index].caption),
                                             routine=self.routine.name)
        self.widget.children[index].value = img_html(self._kept[index].png(self.routine), alt)
        self._stale[index] = False
