"""Countdown lag at the client, before and after the page counts down by itself.

JupyterLab and Chromium (the browser tests' own set-up, on 127.0.0.1) show the guided
session's timer beside a plain HTML widget that the kernel redraws every second, as the
countdown was drawn before (``before``: each digit is a kernel message). The timer's
own countdown (``after``) counts down in the page from the step's deadline the kernel
sent. Each round runs the set-up cell afresh, starts the timer, and while its first
step runs, a cell keeps the kernel busy for a few seconds.

For each whole second v the lag is when a display first shows v or less, minus when it
should (the step's start plus the seconds gone); the step's start is taken from the
least-late change of either display, so lags are relative to the best case. Printed:
the median lag while the kernel is idle and the mean and worst lag of the seconds that
fell due while it was busy, over a few rounds.
"""

from __future__ import annotations

import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

import browser_fixtures as bf  # noqa: E402
from quick import sized  # noqa: E402

ROUNDS = sized(3, 1)
BUSY_S = sized(4.0, 2.0)
NOTEBOOK = "notebooks/lag.ipynb"
"""Where the notebook is written, under the folder Lab serves, and so opened."""
SETUP = """\
import ipywidgets as w
import backstretch
from backstretch.widgets import SessionTimer
timer = SessionTimer(backstretch.load_routine("daily-back-care"))
timer.cues.mute.value = True
# the countdown as drawn before: an HTML widget the kernel redraws each second
before = w.HTML(timer.countdown.value)
before.add_class("bs-before")
timer.countdown.observe(lambda change: setattr(before, "value", change["new"]), names="value")
display(timer.widget, before)
"""
BUSY = f"import time\nt0 = time.time()\nwhile time.time() - t0 < {BUSY_S}:\n    pass\n"
WATCH = """() => {
    window.__seen = [];
    for (const [name, css] of [['after', '.bs-timer .bs-countdown'], ['before', '.bs-before']]) {
        const el = document.querySelector(css);
        const note = () => window.__seen.push([name, performance.now(), el.textContent.trim()]);
        new MutationObserver(note).observe(el, {childList: true, characterData: true,
                                                subtree: true});
    }
}"""


def notebook() -> dict:
    cell = lambda src: {"cell_type": "code", "metadata": {}, "outputs": [],  # noqa: E731
                        "execution_count": None, "source": src}
    return {"cells": [cell(SETUP), cell(BUSY)], "metadata": {"kernelspec": {
        "name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4, "nbformat_minor": 5}


def seconds(text: str) -> int | None:
    minutes, _, secs = text.partition(":")
    return int(minutes) * 60 + int(secs) if secs.isdigit() and minutes.isdigit() else None


def implied_starts(seen: list, name: str, step: int) -> dict[int, float]:
    """For each whole second v: when ``name`` first showed v or less, minus the seconds
    gone by then (the step's start, as that change implies it)."""
    shown = [(t, seconds(text)) for n, t, text in seen if n == name and seconds(text) is not None]
    out = {}
    for v in range(step - 1, -1, -1):
        first = next((t for t, s in shown if s <= v), None)
        if first is not None:
            out[v] = first - (step - v) * 1000
    return out


def run_cell(page, index: int) -> None:
    page.locator(".jp-Notebook .jp-Cell").nth(index).locator(".jp-InputPrompt").click()
    page.keyboard.press("Control+Enter")


def run_round(page) -> tuple[int, dict[str, dict[str, list[float]]]]:
    """A fresh timer (the set-up cell again), started; the busy cell during its first step."""
    run_cell(page, 0)
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached", timeout=60_000)
    time.sleep(1.0)
    timer = page.locator(".bs-timer")
    step = seconds(timer.locator(".bs-countdown").inner_text().strip())
    page.evaluate(WATCH)
    timer.locator(".bs-start").click()
    started = page.evaluate("() => performance.now()")
    time.sleep(2.0)
    run_cell(page, 1)
    busy = page.locator(".jp-Notebook-ExecutionIndicator[data-status='busy']").first
    busy.wait_for(state="attached", timeout=10_000)
    busy_from = page.evaluate("() => performance.now()")
    page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first.wait_for(
        state="attached", timeout=60_000)
    busy_to = page.evaluate("() => performance.now()")
    time.sleep(max(0.5, step - (busy_to - started) / 1000 - 0.5))
    seen = page.evaluate("() => window.__seen")
    timer.locator(".bs-reset").click()
    time.sleep(0.5)
    implied = {name: implied_starts(seen, name, step) for name in ("before", "after")}
    start = min(t for d in implied.values() for t in d.values())  # the least-late change
    out: dict[str, dict[str, list[float]]] = {}
    for name, d in implied.items():
        out[name] = {"idle": [], "busy": []}
        for v, t in d.items():
            due = start + (step - v) * 1000
            out[name]["busy" if busy_from <= due <= busy_to else "idle"].append(t - start)
    return step, out


def main() -> None:
    reason = bf.browser_missing_reason()
    if reason:
        print(f"skipped: {reason}")
        return
    from playwright.sync_api import sync_playwright

    work = Path(tempfile.mkdtemp(prefix="bench-lag-"))
    (work / NOTEBOOK).parent.mkdir(parents=True)
    (work / NOTEBOOK).write_text(json.dumps(notebook()))
    lab = bf.start_lab(work)
    try:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(bf.chromium_path()),
                                         args=bf.CHROMIUM_ARGS, headless=True)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            page.goto(lab.url(f"lab/workspaces/lag/tree/{NOTEBOOK}"))
            page.locator(".jp-DebuggerBugButton[aria-disabled='false']").first.wait_for(
                timeout=bf.KERNEL_TIMEOUT_MS)
            total: dict[str, dict[str, list[float]]] = {
                n: {"idle": [], "busy": []} for n in ("before", "after")}
            for _ in range(ROUNDS):
                step, lagged = run_round(page)
                for name, parts in lagged.items():
                    for part, values in parts.items():
                        total[name][part] += values
            browser.close()
    finally:
        lab.stop()
        shutil.rmtree(work, ignore_errors=True)
    print(f"countdown lag at the client, ms ({ROUNDS} rounds, kernel busy {BUSY_S:.0f} s "
          f"inside a {step} s step)")
    print(f"{'display':<34}{'idle median':>12}{'busy mean':>11}{'busy worst':>12}")
    for name, label in (("before", "before: kernel redraws each second"),
                        ("after", "after: page counts down")):
        idle, busy = total[name]["idle"], total[name]["busy"]
        print(f"{label:<34}{statistics.median(idle):>12.0f}"
              f"{statistics.fmean(busy):>11.0f}{max(busy):>12.0f}")


if __name__ == "__main__":
    main()
