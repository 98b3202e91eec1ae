"""Chart rendering time and the builder's update latency after a change."""

from __future__ import annotations

import asyncio
import itertools
import statistics
import time

from quick import sized  # benchmarks/quick.py, beside this script

import backstretch
from backstretch.charts import routine_charts as charts
from backstretch.charts.routine_charts import figure_png
from backstretch.widgets import RoutineBuilder
from backstretch.widgets.builder_charts import CHART_DELAY


def median_ms(action, runs: int = sized(15, 2)) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


TYPED_HOLDS = (20, 25, 30, 35, 30, 25, 20, 15)
"""Holds a person tries in turn on one stretch: the edits the builder's chart follows."""


def redraw_after_a_hold_change(routine) -> None:  # noqa: ANN001
    """The coverage chart after each hold edit: a new figure each time (the builder until
    2026-11-25), against the builder's kept figure with only its artists updated, side by
    side on the same edits, interleaved so a slow spell falls on both."""
    kept = charts.CoverageChart()
    kept.png(routine)
    edits = [routine.changed(2, hold=h) for h in TYPED_HOLDS]
    full, fast = [], []
    for _ in range(sized(3, 1)):
        for edit in edits:
            start = time.perf_counter()
            figure_png(charts.coverage_chart(edit))
            full.append(time.perf_counter() - start)
            start = time.perf_counter()
            kept.png(edit)
            fast.append(time.perf_counter() - start)
    new_group = routine.added("butterfly")
    rebuild = median_ms(lambda: (kept.png(new_group), kept.png(routine)), runs=sized(5, 1)) / 2
    full_ms, fast_ms = (statistics.median(x) * 1000 for x in (full, fast))
    print(f"Coverage chart redraw after a hold change ({len(full)} edits, median)")
    print(f"  {'new figure each edit (before)':<45} {full_ms:>7.1f} ms")
    print(f"  {'kept figure, bars/notes/title updated':<45} {fast_ms:>7.1f} ms"
          f"   ({full_ms / fast_ms:.1f}x faster)")
    print(f"  {'kept figure, frame changed (a new group)':<45} {rebuild:>7.1f} ms")


def main() -> None:
    routine = backstretch.load_routine("daily-back-care")
    figure_png(charts.coverage_chart(routine))  # warm up fonts and caches
    print("Chart rendering to PNG, daily-back-care (median of 15)")
    for name, draw in (("coverage chart", charts.coverage_chart), ("body map", charts.body_map),
                       ("timeline chart", charts.timeline_chart)):
        print(f"  {name:<45} {median_ms(lambda d=draw: figure_png(d(routine))):>7.1f} ms")
    redraw_after_a_hold_change(routine)
    builder = RoutineBuilder(backstretch.load_catalogue(), routine)
    hold = builder.rows.children[2].children[1]
    values = itertools.cycle(TYPED_HOLDS)
    latency = median_ms(lambda: setattr(hold, "value", next(values)))
    print("Builder update after a hold change (target: under 200 ms)")
    print(f"  {'everything at once (no event loop)':<45} {latency:>7.1f} ms")
    totals, chart = asyncio.run(in_a_kernel_loop(routine))
    print(f"  {'in a kernel: totals and dose check shown':<45} {totals:>7.1f} ms")
    print(f"  {'in a kernel: the chart, drawn once after it':<45} {chart:>7.1f} ms"
          f"   (+{CHART_DELAY * 1000:.0f} ms wait for more edits)")


async def in_a_kernel_loop(routine, runs: int = sized(15, 2)) -> tuple[float, float]:  # noqa: ANN001
    """Median ms until the totals show, and of the deferred chart redraw, with a loop running."""
    builder = RoutineBuilder(backstretch.load_catalogue(), routine)
    await asyncio.sleep(CHART_DELAY + 0.5)
    hold = builder.rows.children[2].children[1]
    totals, chart = [], []
    real = builder.chart_tabs._draw_chart

    def timed() -> None:
        start = time.perf_counter()
        real()
        chart.append(time.perf_counter() - start)

    builder.chart_tabs._draw_chart = timed
    for value in range(10, 10 + runs):
        start = time.perf_counter()
        hold.value = value
        totals.append(time.perf_counter() - start)
        while len(chart) < len(totals):
            await asyncio.sleep(0.05)
    return statistics.median(totals) * 1000, statistics.median(chart) * 1000

if __name__ == "__main__":
    main()
