"""The moving figure (issue 35) in Chromium with the CPU slowed four times (a phone): the
frames drawn while the figure moves, and the long tasks, before and after.

The take-home page of daily-back-care is opened (``file://``, 390x844) on the real clock,
with ``Emulation.setCPUThrottlingRate`` at 4 over the DevTools protocol, and started; for
``SECONDS`` the page records the time of every frame it presents (``requestAnimationFrame``
in a loop of its own, outside the player) and every long task (``PerformanceObserver``).
The first step is a get-ready whose last 4 s move the figure into its start position,
then a moving stretch's cycle: the window covers both.

- ``before``: commit ``BEFORE_COMMIT`` (a8a21b8, before issue 35): the figure is a still
  SVG (a moving stretch's two frames swapped by CSS).
- ``after``: this tree: the figure moves, its points set at every frame.

Goal: 60 frames a second (no gap between frames over 1.5 frames, 25 ms), no long task over
50 ms.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser_fixtures as bf
from before_after import unpack_before
from quick import sized

BEFORE_COMMIT = "a8a21b8"
"""The last commit before issue 35: the figure stood still."""
ROUTINE = "daily-back-care"
SECONDS = sized(14.0, 11.0)
"""How long the frames are recorded from Start: the still start (6 s), the way in (4 s),
and the first repetitions of the moving stretch after it."""
THROTTLE = 4
FRAMES = """
window.__frames = [];
window.__long = [];
window.__from = Infinity;
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.startTime >= window.__from) window.__long.push(e.duration);
    }
  }).observe({ type: 'longtask' });
} catch (e) { /* no long task timing in this browser */ }
window.__record = () => {
  window.__from = performance.now();
  const tick = (t) => { window.__frames.push(t); requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
};
"""


def write_page(src: Path, target: Path) -> None:
    """The take-home page as the package in ``src`` writes it."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    code = ("import sys; from backstretch import load_routine; "
            "from backstretch.handouts.take_home import save_take_home; "
            f"save_take_home(load_routine({ROUTINE!r}), sys.argv[1])")
    subprocess.run([sys.executable, "-c", code, str(target)],
                   env=env, check=True, cwd=src)


def measure(browser, page_file: Path) -> dict:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    context.add_init_script(FRAMES)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Emulation.setCPUThrottlingRate", {"rate": THROTTLE})
    page.goto(page_file.as_uri())
    page.locator(".bs-player .bs-countdown").wait_for()
    page.wait_for_timeout(500)  # the page settled after loading
    cdp.send("Performance.enable")
    page.evaluate("() => window.__record()")
    page.get_by_role("button", name="Start", exact=True).click()
    busy = metrics(cdp)
    page.wait_for_timeout(SECONDS * 1000)
    busy = {k: v - busy[k] for k, v in metrics(cdp).items()}
    frames, long = page.evaluate("() => [window.__frames, window.__long]")
    moved = page.evaluate("() => document.querySelector('.bs-figure').dataset.run || 'still'")
    context.close()
    gaps = [b - a for a, b in zip(frames, frames[1:])]
    return {"fps": (len(frames) - 1) / ((frames[-1] - frames[0]) / 1000), "gaps": gaps,
            "long": long, "run": moved, "busy": busy}


def metrics(cdp) -> dict[str, float]:
    """Seconds the page's main thread spent so far: on script, style, layout, all tasks."""
    got = {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}
    return {k: got.get(k, 0.0) for k in ("ScriptDuration", "RecalcStyleDuration",
                                          "LayoutDuration", "TaskDuration")}


def report(name: str, got: dict) -> None:
    gaps = sorted(got["gaps"])
    p95 = gaps[int(0.95 * (len(gaps) - 1))]
    slow = sum(g > 25 for g in gaps)
    longest = f" (longest {max(got['long']):.0f} ms)" if got["long"] else ""
    print(f"  {name:<7} {got['fps']:5.1f} fps, frame gap median {statistics.median(gaps):5.1f} "
          f"ms, p95 {p95:5.1f} ms, max {gaps[-1]:5.1f} ms, {slow} gaps over 25 ms; "
          f"long tasks: {len(got['long'])}"
          f"{longest}; figure at the end: {got['run']}")
    b = got["busy"]
    print(f"          main thread busy {b['TaskDuration'] / SECONDS * 100:4.1f}% of the time "
          f"(script {b['ScriptDuration'] / SECONDS * 1000:.1f} ms/s, style "
          f"{b['RecalcStyleDuration'] / SECONDS * 1000:.1f} ms/s, layout "
          f"{b['LayoutDuration'] / SECONDS * 1000:.1f} ms/s)")


def main() -> None:
    reason = bf.browser_missing_reason()
    if reason is not None:
        print(f"skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-motion-") as tmp:
        work = Path(tmp)
        pages = {}
        before = unpack_before(work / "before-src", BEFORE_COMMIT)
        if before is not None:
            write_page(before, work / "before.html")
            pages["before"] = work / "before.html"
        write_page(ROOT, work / "after.html")
        pages["after"] = work / "after.html"
        print(f"{ROUTINE}'s take-home page, Chromium at 390x844 with the CPU slowed "
              f"{THROTTLE}x, {SECONDS:.0f} s from Start (the way in, then a moving stretch):")
        for name, path in pages.items():
            print(f"  {name:<7} page {path.stat().st_size / 1024:.1f} KB")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(bf.chromium_path()),
                                         args=bf.CHROMIUM_ARGS, headless=True)
            try:
                for name, path in pages.items():
                    report(name, measure(browser, path))
            finally:
                browser.close()
        if before is None:
            print(f"(no 'before': commit {BEFORE_COMMIT} is not in this clone's git history)")


if __name__ == "__main__":
    main()
