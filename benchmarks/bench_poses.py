"""Pose figures: time to draw every stretch's figure cold and from the cache.

Cold: poses.yaml read and checked, every figure laid out and written (SVG: each side of a
one-side stretch, still and alternating; PNG: one per stretch and side, as the PDF
handout needs). Cached: the same figures asked for again, as the builder, timer and
class view do.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time

from quick import sized  # benchmarks/quick.py, beside this script

from backstretch import load_catalogue
from backstretch.figures import poses as poses_module
from backstretch.figures.drawing import clear_cache, stretch_png, stretch_svg

RUNS = sized(7, 1)


def every_svg(catalogue) -> int:
    n = 0
    for stretch_id, s in catalogue.items():
        for side in (("left", "right") if s.per_side else (None,)):
            for animate in (False, True):
                stretch_svg(catalogue, stretch_id, side, animate)
                n += 1
    return n


def every_png(catalogue) -> int:
    n = 0
    for stretch_id, s in catalogue.items():
        for side in (("left", "right") if s.per_side else (None,)):
            stretch_png(catalogue, stretch_id, side)
            n += 1
    return n


def timed(action, cold: bool) -> tuple[float, int]:
    times, n = [], 0
    for _ in range(RUNS):
        if cold:
            clear_cache()
            poses_module._READ.clear()
        start = time.perf_counter()
        n = action()
        times.append(time.perf_counter() - start)
    return statistics.median(times), n


def main() -> None:
    catalogue = load_catalogue()
    every_png(catalogue)  # matplotlib imported and warmed once; its import is not the figures'
    svg_cold, n_svg = timed(lambda: every_svg(catalogue), cold=True)
    svg_warm, _ = timed(lambda: every_svg(catalogue), cold=False)
    png_cold, n_png = timed(lambda: every_png(catalogue), cold=True)
    png_warm, _ = timed(lambda: every_png(catalogue), cold=False)
    out = subprocess.run([sys.executable, "-c", "import sys, time; t = time.perf_counter(); "
                          "import backstretch.figures.drawing; print(time.perf_counter() - t, "
                          "'matplotlib' in sys.modules)"], capture_output=True, text=True,
                         check=True).stdout.split()
    print(f"Figures of {len(catalogue)} stretches (median of {RUNS} runs)")
    print(f"  SVG, {n_svg} figures: cold {svg_cold * 1000:.0f} ms "
          f"({svg_cold / n_svg * 1000:.2f} ms each), cached {svg_warm * 1000:.2f} ms")
    print(f"  PNG, {n_png} figures: cold {png_cold * 1000:.0f} ms "
          f"({png_cold / n_png * 1000:.1f} ms each), cached {png_warm * 1000:.2f} ms")
    print(f"  import backstretch.figures.drawing: {float(out[0]) * 1000:.0f} ms, "
          f"matplotlib loaded: {out[1]}")


if __name__ == "__main__":
    main()
