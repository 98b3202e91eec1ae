"""Chart rendering time and the builder's update latency after a change."""

from __future__ import annotations

import statistics
import time

import backstretch
from backstretch import charts
from backstretch.widgets import RoutineBuilder
from backstretch.widgets.builder import figure_png


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
    print("Builder update after a hold change: totals, dose check and the shown chart "
          "(target: under 200 ms)")
    print(f"  {'hold changed -> everything redrawn':<45} {latency:>7.1f} ms")


if __name__ == "__main__":
    main()
