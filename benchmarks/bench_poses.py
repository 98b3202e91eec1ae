"""Pose figures: time to draw every stretch's figure cold and from the cache.

Cold: poses.yaml read and checked, every figure laid out and written (SVG and PNG: one
per stretch and side, as the cards, the rows and the handouts need). Cached: the same figures asked for again, as the builder, timer and
class view do. Since issue 35 each layout also places every frame drawn on the way in
(and through a moving stretch's cycle); the frames the page moves through
(``figures.frames.motion_figure``) are timed too, with their size as JSON.

``--json`` prints the figures as one JSON object (for the before-and-after run: the same
script against the package of an earlier commit, as ``PYTHONPATH`` gives it).
"""

from __future__ import annotations

import json
import statistics
import subprocess
import sys
import time

from before_after import unpack_before  # benchmarks/, beside this script
from quick import sized

from backstretch import load_catalogue
from backstretch.figures import poses as poses_module
from backstretch.figures.drawing import clear_cache, stretch_png, stretch_svg

RUNS = sized(7, 1)
BEFORE_COMMIT = "a8a21b8"
"""The last commit before issue 35: one frame per still stretch, nothing on the way in."""


def every_svg(catalogue) -> int:
    n = 0
    for stretch_id, s in catalogue.items():
        for side in (("left", "right") if s.per_side else (None,)):
            stretch_svg(catalogue, stretch_id, side)
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


def every_motion(catalogue) -> tuple[int, int, int]:
    """Every stretch's moving figure, cold: (stretches, frames, JSON bytes)."""
    from backstretch.figures import frames

    frames._motion.cache_clear()
    n = drawn = size = 0
    for stretch_id in catalogue:
        got = frames.motion_figure(catalogue, stretch_id)
        n += 1
        drawn += len(got["way"]) + len(got["cycle"])
        size += len(json.dumps(got, separators=(",", ":")))
    return n, drawn, size


def main() -> None:
    catalogue = load_catalogue()
    every_png(catalogue)  # matplotlib imported and warmed once; its import is not the figures'
    svg_cold, n_svg = timed(lambda: every_svg(catalogue), cold=True)
    svg_warm, _ = timed(lambda: every_svg(catalogue), cold=False)
    png_cold, n_png = timed(lambda: every_png(catalogue), cold=True)
    png_warm, _ = timed(lambda: every_png(catalogue), cold=False)
    try:
        import backstretch.figures.frames  # noqa: F401 - not in a package before issue 35
        motion = timed(lambda: every_motion(catalogue), cold=True)
    except ImportError:
        motion = None
    if "--json" in sys.argv:
        print(json.dumps({"svg_cold_ms": svg_cold * 1000, "svg_n": n_svg,
                          "png_cold_ms": png_cold * 1000, "png_n": n_png,
                          "motion_ms": motion[0] * 1000 if motion else None,
                          "motion": motion[1] if motion else None}))
        return
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
    if motion:
        (took, (n, drawn, size)) = motion
        print(f"  moving figures, {n} stretches, {drawn} frames: cold {took * 1000:.0f} ms "
              f"({took / drawn * 1000:.2f} ms a frame), {size / 1024:.0f} KB as JSON")
    before()


def before() -> None:
    """The same figures drawn by the package of ``BEFORE_COMMIT``."""
    import os
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory(prefix="bench-poses-") as tmp:
        src = unpack_before(Path(tmp) / "src", BEFORE_COMMIT)
        if src is None:
            print(f"(no 'before': commit {BEFORE_COMMIT} is not in this clone's history)")
            return
        done = subprocess.run([sys.executable, __file__, "--json"], capture_output=True,
                              text=True, check=True, cwd=src,
                              env={**os.environ, "PYTHONPATH": str(src)})
    got = json.loads(done.stdout)
    print(f"  before ({BEFORE_COMMIT}): SVG cold {got['svg_cold_ms']:.0f} ms "
          f"({got['svg_cold_ms'] / got['svg_n']:.2f} ms each), PNG cold "
          f"{got['png_cold_ms']:.0f} ms ({got['png_cold_ms'] / got['png_n']:.1f} ms each)")


if __name__ == "__main__":
    main()
