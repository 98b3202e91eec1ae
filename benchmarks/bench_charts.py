"""Chart rendering time and the builder's update latency after a change."""

from __future__ import annotations

import asyncio
import statistics
import time

import backstretch
from backstretch import charts
from backstretch.charts import figure_png
from backstretch.widgets import RoutineBuilder
from backstretch.widgets.builder import CHART_DELAY


def median_ms(action, runs: int = 15) -> float:  # noqa: ANN001
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    routine = backstretch.load_routine("daily-back-care")
    figure_png(charts.coverage_chart(routine))  # warm up fonts and caches
    print("Chart rendering to PNG, daily-back-care (median of 15)")
    for name, draw in (("coverage chart", charts.coverage_chart), ("body map", charts.body_map),
                       ("timeline chart", charts.timeline_chart)):
        print(f"  {name:<45} {median_ms(lambda d=draw: figure_png(d(routine))):>7.1f} ms")
    builder = RoutineBuilder(backstretch.load_catalogue(), routine)
    hold = builder.rows.children[2].children[1]
    values = iter(range(10, 10_000))
    latency = median_ms(lambda: setattr(hold, "value", next(values)))
    print("Builder update after a hold change (target: under 200 ms)")
    print(f"  {'everything at once (no event loop)':<45} {latency:>7.1f} ms")
    totals, chart = asyncio.run(in_a_kernel_loop(routine))
    print(f"  {'in a kernel: totals and dose check shown':<45} {totals:>7.1f} ms")
    print(f"  {'in a kernel: the chart, drawn once after it':<45} {chart:>7.1f} ms"
          f"   (+{CHART_DELAY * 1000:.0f} ms wait for more edits)")


async def in_a_kernel_loop(routine, runs: int = 15) -> tuple[float, float]:  # noqa: ANN001
    """Median ms until the totals show, and of the deferred chart redraw, with a loop running."""
    builder = RoutineBuilder(backstretch.load_catalogue(), routine)
    await asyncio.sleep(CHART_DELAY + 0.5)
    hold = builder.rows.children[2].children[1]
    totals, chart = [], []
    real = builder._draw_chart

    def timed() -> None:
        start = time.perf_counter()
        real()
        chart.append(time.perf_counter() - start)

    builder._draw_chart = timed
    for value in range(10, 10 + runs):
        start = time.perf_counter()
        hold.value = value
        totals.append(time.perf_counter() - start)
        while len(chart) < len(totals):
            await asyncio.sleep(0.05)
    return statistics.median(totals) * 1000, statistics.median(chart) * 1000

if __name__ == "__main__":
    main()
