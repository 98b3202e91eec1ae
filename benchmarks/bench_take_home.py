"""The take-home page (issue 24, ``backstretch follow``): its size, how soon it shows the
first step, and a fifteen-minute routine played to the end.

1. The file's size for each ready routine (``data/routines/*.yaml``); goal: under 400 KB
   for daily-back-care.
2. The time from opening the file (``file://``, this machine's Chromium, a phone-sized
   page, every request but ``file:`` refused) to the first step shown: the page's own
   ``performance.now()`` (from the navigation's start) when the step's title and
   countdown are in the page, and at the next frame after; the median of a few loads,
   each in a fresh browser context (the first load apart).
3. Daily back care (about fifteen minutes) played on Playwright's clock from Start to the
   end, with no press but Start: the checklist's boxes ticked at the end, of all of them.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser_fixtures as bf
from quick import sized

from backstretch import load_routine
from backstretch.handouts.take_home import save_take_home, take_home_html

LOADS = sized(9, 3)
GOAL_KB = 400
LONG = "daily-back-care"
T0 = 1_800_000_000
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}
# when the first step is in the page (its title and time), and when the frame after it is
SHOWN = """
window.__shown = null;
new MutationObserver((_, obs) => {
    const title = document.querySelector('.bs-player .bs-current');
    const count = document.querySelector('.bs-player .bs-countdown');
    if (!title || !title.textContent || !count || !count.textContent) return;
    obs.disconnect();
    const drawn = performance.now();
    requestAnimationFrame(() => { window.__shown = { drawn, frame: performance.now() }; });
}).observe(document, { childList: true, subtree: true, characterData: true });
"""


def sizes() -> None:
    print(f"Take-home page size (goal: under {GOAL_KB} KB for {LONG}):")
    for path in sorted((ROOT / "data" / "routines").glob("*.yaml")):
        routine = load_routine(path.stem)
        size = len(take_home_html(routine).encode("utf-8"))
        goal = (" (goal met)" if size < GOAL_KB * 1024 else " (OVER the goal)") \
            if path.stem == LONG else ""
        print(f"  {path.stem:<20} {size / 1024:7.1f} KB  {routine.duration / 60:4.1f} min, "
              f"{len(routine.steps())} steps{goal}")


def offline_context(browser, tried: list[str]):
    context = browser.new_context(**PHONE)

    def refuse(route):
        if route.request.url.startswith("file:"):
            return route.continue_()
        tried.append(route.request.url)
        return route.abort()

    context.route("**/*", refuse)
    return context


def first_step(browser, page_file: Path) -> None:
    tried: list[str] = []
    drawn, frames = [], []
    for _ in range(LOADS + 1):
        context = offline_context(browser, tried)
        context.add_init_script(SHOWN)
        page = context.new_page()
        page.goto(page_file.as_uri())
        page.wait_for_function("() => window.__shown !== null")
        got = page.evaluate("() => window.__shown")
        drawn.append(got["drawn"])
        frames.append(got["frame"])
        context.close()
    print(f"Open to first step shown ({page_file.name}, Chromium, 390x844, file://, "
          f"median of {LOADS}, first load apart):")
    print(f"  in the page   {statistics.median(drawn[1:]):6.1f} ms "
          f"(first load {drawn[0]:.1f} ms)")
    print(f"  next frame    {statistics.median(frames[1:]):6.1f} ms "
          f"(first load {frames[0]:.1f} ms)")
    if tried:
        print(f"  NETWORK REQUESTS TRIED: {tried}")


def played_to_the_end(browser, page_file: Path) -> None:
    routine = load_routine(LONG)
    tried: list[str] = []
    context = offline_context(browser, tried)
    page = context.new_page()
    page.clock.install(time=T0)
    page.clock.pause_at(T0)
    page.goto(page_file.as_uri())
    page.get_by_role("button", name="Start", exact=True).click()
    start = time.perf_counter()
    page.clock.run_for(routine.duration * 1000)
    took = time.perf_counter() - start
    title = page.locator(".bs-player .bs-current").inner_text()
    ticked, shown = page.evaluate("""() => {
        const boxes = [...document.querySelectorAll('#bs-checklist input')];
        return [boxes.filter((b) => b.checked).length, boxes.length];
    }""")
    sessions = page.locator("#bs-sessions").inner_text()
    context.close()
    every = "every hold ticked" if ticked == shown == len(routine.checklist_boxes()) \
        else "NOT every hold ticked"
    print(f"{routine.name} ({routine.duration / 60:.1f} min) on Playwright's clock, Start and "
          f"nothing else:")
    print(f"  {ticked} of {shown} checklist boxes ticked at the end: {every}")
    print(f"  ends on {title!r}; {sessions} ({took:.1f} s to play the clock through)")
    if tried:
        print(f"  NETWORK REQUESTS TRIED: {tried}")


def main() -> None:
    sizes()
    reason = bf.browser_missing_reason()
    if reason is not None:
        print(f"(the page is not opened: {reason})")
        return
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="bench-take-home-") as tmp:
        page_file = save_take_home(load_routine(LONG), Path(tmp) / f"{LONG}.html")
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(bf.chromium_path()),
                                         args=bf.CHROMIUM_ARGS, headless=True)
            try:
                first_step(browser, page_file)
                played_to_the_end(browser, page_file)
            finally:
                browser.close()


if __name__ == "__main__":
    main()
