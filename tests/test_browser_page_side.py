"""The page side of the timer and class view in Chromium: spoken cues, the wake lock, keys
anywhere, full screen, the live countdown and accessibility (axe-core, WCAG 2.1 AA).

Headless Chromium has no voices and no screen to keep awake, so an init script stands in
for ``speechSynthesis`` and ``navigator.wakeLock`` and records what the page asks of them,
with the time; the tests check those records against the routine's own steps.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time

import browser_fixtures as bf
import pytest
from browser_fixtures import (  # noqa: F401
    KERNEL_TIMEOUT_MS,
    browser,
    lab_server,
    page,
    shot,
    voila_server,
    workdir,
)
from test_browser import lab, open_notebook, run_all_cells, seconds  # noqa: F401

import backstretch
from backstretch.guided.session import Session

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None

AXE = bf.REPO / "node_modules" / "axe-core" / "axe.min.js"

STUBS = """
(() => {
  window.__spoken = [];
  window.__wake = [];
  class Utterance { constructor(text) { this.text = text; this.rate = 1; this.lang = ''; } }
  const synth = { speak(u) { window.__spoken.push({ text: u.text, rate: u.rate,
                                                    t: performance.now() }); },
                  cancel() {}, getVoices() { return []; },
                  speaking: false, pending: false, paused: false };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;

  const held = [];
  const wakeLock = { async request(type) {
    const s = new EventTarget();
    s.type = type; s.released = false;
    s.release = async () => {
      if (s.released) return;
      s.released = true;
      window.__wake.push({ op: 'release', t: performance.now() });
      s.dispatchEvent(new Event('release'));
    };
    held.push(s);
    window.__wake.push({ op: 'request', t: performance.now() });
    return s;
  } };
  const supported = !window.location.search.includes('nowakelock');
  Object.defineProperty(Navigator.prototype, 'wakeLock',
                        { get() { return supported ? wakeLock : undefined; }, configurable: true });
  let visibility = 'visible';
  Object.defineProperty(Document.prototype, 'visibilityState',
                        { get() { return visibility; }, configurable: true });
  Object.defineProperty(Document.prototype, 'hidden',
                        { get() { return visibility !== 'visible'; }, configurable: true });
  // as a real browser does: hiding the tab drops the lock
  window.__setVisibility = (v) => {
    visibility = v;
    if (v !== 'visible') held.forEach((s) => s.release());
    document.dispatchEvent(new Event('visibilitychange'));
  };
})();
"""


def spoken(page) -> list[dict]:
    return page.evaluate("() => window.__spoken")


def wake_ops(page) -> list[str]:
    return [w["op"] for w in page.evaluate("() => window.__wake")]


def wait_until(predicate, timeout_s: float = 20.0, what: str = "") -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


def steps_of(routine_name: str):
    return Session(backstretch.load_routine(routine_name, backstretch.load_catalogue())).steps


def serious_violations(page, context: str | None = None) -> list[str]:
    """axe-core's serious or critical WCAG 2.1 A/AA violations in ``context`` (a selector)."""
    if not AXE.is_file():  # like a missing browser: skip, or fail when it is required
        missing = f"{AXE} is missing: run `make test` (it installs axe-core with npm)"
        if os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    found = page.evaluate("""async (context) => {
        const result = await axe.run(context ? { include: [[context]] } : document, {
            runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
        return result.violations.filter((v) => ['serious', 'critical'].includes(v.impact))
            .map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
                 v.nodes.slice(0, 4).map((n) => n.target.join(' ') + ' ' +
                                         (n.failureSummary || '')).join(' | '));
    }""", context)
    return found


def live_log(page, selector: str) -> None:
    """Record every text the live region takes (window.__live)."""
    page.evaluate("""(selector) => {
        window.__live = [];
        const live = document.querySelector(selector);
        new MutationObserver(() => window.__live.push(live.textContent))
            .observe(live, { childList: true, characterData: true, subtree: true });
    }""", selector)


def state_of(view) -> str:
    """What the buttons say of the session: ready, running, paused or finished."""
    pause = view.locator(".bs-pause")
    if "Resume" in pause.inner_text():
        return "paused"
    if pause.is_enabled():
        return "running"
    return "ready" if view.locator(".bs-start").is_enabled() else "finished"


def pointer_elsewhere(page) -> None:
    """Click plain text outside the class view (the picker's status line), nothing focused,
    and leave the pointer there."""
    status = page.locator(".bs-pick-status").first
    status.scroll_into_view_if_needed()
    status.click()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert not status.evaluate("(el) => !!el.closest('.bs-class-view')")


def open_class_view(page, server, query: str = ""):
    """The Voila class view, with speech and the wake lock stood in for (``STUBS``)."""
    page.add_init_script(STUBS)
    page.goto(server.url("/" + query))
    view = page.locator(".bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    return view


# -- the class view in Voila -------------------------------------------------------------------
@pytest.mark.browser
def test_class_view_speaks_keeps_awake_and_answers_keys_anywhere(page, voila_server):
    steps = steps_of("daily-back-care")
    view = open_class_view(page, voila_server)
    progress = view.locator(".bs-class-progress")
    countdown = view.locator(".bs-class-countdown")
    live_log(page, ".bs-class-view .bs-live")
    assert page.locator(".bs-class-view .bs-live[aria-live=polite]").count() == 1

    # Space with the pointer elsewhere and nothing focused: the class starts and says so
    pointer_elsewhere(page)
    page.keyboard.press(" ")
    wait_until(lambda: len(spoken(page)) == 1, 10, "the first spoken cue")
    assert spoken(page)[0]["text"] == steps[0].spoken
    wait_until(lambda: state_of(view) == "running", 5, "running")
    wait_until(lambda: wake_ops(page) == ["request"], 5, "the wake lock")
    expect(view.locator(".bs-wake-note")).to_be_hidden()
    shot(page, "page-1-voila-started-by-space")

    # the next step is spoken when the kernel moves on, on time by the routine's clock
    wait_until(lambda: len(spoken(page)) == 2, steps[0].seconds + 10, "the second cue")
    first, second = spoken(page)
    assert second["text"] == steps[1].spoken
    gap = (second["t"] - first["t"]) / 1000
    assert abs(gap - steps[0].seconds) < 0.75, gap
    expect(progress).to_contain_text("step 2 of ")
    # announced once per step, not every second
    assert page.evaluate("() => window.__live") == [first["text"], second["text"]]

    # Space pauses (the lock goes), Space resumes (it comes back)
    page.keyboard.press(" ")
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the release on pause")
    wait_until(lambda: state_of(view) == "paused", 5, "paused")
    held = countdown.inner_text()
    page.keyboard.press(" ")
    wait_until(lambda: wake_ops(page) == ["request", "release", "request"], 5, "resume")

    # the tab hidden drops the lock; visible again, the page takes it again
    page.evaluate("() => window.__setVisibility('hidden')")
    page.evaluate("() => window.__setVisibility('visible')")
    wait_until(lambda: wake_ops(page)[-2:] == ["release", "request"], 5, "the lock re-taken")
    assert seconds(countdown.inner_text()) <= seconds(held)

    # typing in a text box is typing, not commands
    box = page.locator(".bs-handout input[type=text]").first
    before_text = box.input_value()
    box.click()
    box.press("End")
    page.keyboard.type(" nbr")
    assert box.input_value() == before_text + " nbr"
    assert state_of(view) == "running"
    expect(progress).to_contain_text("step 2 of ")
    box.fill(before_text)

    # Full screen: the class view fills the screen, and the keys still work there
    pointer_elsewhere(page)
    view.locator(".bs-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement?.classList.contains('bs-class-view')")
    expect(view.locator(".bs-fullscreen")).to_have_text("Leave full screen")
    page.mouse.move(2, 2)
    page.keyboard.press("n")
    expect(progress).to_contain_text("step 3 of ")
    wait_until(lambda: len(spoken(page)) == 3, 5, "the cue after N")
    assert spoken(page)[2]["text"] == steps[2].spoken
    shot(page, "page-2-voila-full-screen")
    page.keyboard.press("ArrowLeft")
    expect(progress).to_contain_text("step 2 of ")
    view.locator(".bs-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement === null")

    # R resets: the lock is let go, nothing more is said
    pointer_elsewhere(page)
    page.keyboard.press("r")
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the release on reset")
    expect(progress).to_contain_text("step 1 of ")
    wait_until(lambda: state_of(view) == "ready", 5, "reset")

    # Voice off is remembered; the beeps stay available (Mute is separate)
    voice = view.locator(".bs-voice")
    expect(voice).to_have_attribute("aria-pressed", "true")
    voice.click()
    expect(voice).to_have_attribute("aria-pressed", "false")
    expect(view.locator(".bs-mute")).to_be_enabled()
    said = len(spoken(page))
    pointer_elsewhere(page)
    page.keyboard.press(" ")
    wait_until(lambda: state_of(view) == "running", 10, "start")
    time.sleep(0.5)
    assert len(spoken(page)) == said, "spoke with the Voice off"
    page.keyboard.press("r")
    wait_until(lambda: state_of(view) == "ready", 10, "reset")
    assert not page.page_errors, page.page_errors
    page.reload()
    view = page.locator(".bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    voice = view.locator(".bs-voice")
    expect(voice).to_have_attribute("aria-pressed", "false")
    voice.click()
    view.locator(".bs-rate select").select_option(label="fast")
    view.locator(".bs-start").click()
    wait_until(lambda: len(spoken(page)) == 1, 10, "the cue at the new rate")
    assert spoken(page)[0]["rate"] == 1.5
    view.locator(".bs-reset").click()
    assert not page.page_errors, page.page_errors


@pytest.mark.browser
def test_a_note_says_to_keep_the_screen_on_without_a_wake_lock(page, voila_server):
    view = open_class_view(page, voila_server, "?nowakelock=1")
    note = view.locator(".bs-wake-note")
    expect(note).to_be_hidden()
    view.locator(".bs-start").click()
    expect(note).to_be_visible()
    expect(note).to_contain_text("Keep the screen on")
    view.locator(".bs-reset").click()
    expect(note).to_be_hidden()
    assert not page.page_errors, page.page_errors


# -- accessibility: the workbook's widgets in Lab, the class view in Voila, the handouts ------
WORKBOOK = ["01_catalogue.ipynb", "02_build_a_routine.ipynb", "03_guided_session.ipynb",
            "04_progress.ipynb", "05_class_mode.ipynb"]


@pytest.mark.browser
def test_no_serious_accessibility_faults_in_the_workbook_widgets_in_lab(page, lab):
    found = {}
    for name in WORKBOOK:
        open_notebook(page, lab, name, f"axe{name[:2]}")
        run_all_cells(page)
        page.wait_for_timeout(1500)  # late widget views (images) settle
        found[name] = serious_violations(page, ".jp-NotebookPanel:not(.lm-mod-hidden) "
                                               ".jp-OutputArea-output")
    faults = [f"{name}: {v}" for name, vs in found.items() for v in vs]
    assert not faults, "\n".join(faults)


FOCUS = """() => {
    const el = document.activeElement;
    const style = getComputedStyle(el);
    const name = [...el.classList].find((c) => c.startsWith('bs-'))
        || (el.tagName === 'SELECT' && el.closest('.bs-rate') ? 'bs-rate' : el.tagName);
    return { name, inView: !!el.closest('.bs-class-view'),
             ring: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0 };
}"""


@pytest.mark.browser
def test_class_view_is_accessible_in_every_state_and_by_keyboard(page, voila_server):
    view = open_class_view(page, voila_server)
    progress = view.locator(".bs-class-progress")
    faults = {"ready (whole page)": serious_violations(page)}

    # every control is reached with Tab, in order, and shows a clear focus ring
    view.locator(".bs-start").focus()
    reached = []
    for _ in range(12):
        focus = page.evaluate(FOCUS)
        if not focus["inView"]:
            break
        reached.append(focus["name"])
        assert focus["ring"] >= 2, f"no visible focus on {focus['name']}: {focus}"
        page.keyboard.press("Tab")
    assert reached == ["bs-start", "bs-back", "bs-skip", "bs-reset", "bs-mute",
                       "bs-fullscreen", "bs-voice", "bs-rate"], reached

    # and each is usable by keyboard: Enter on Start, Space on Pause acts once, Enter on Skip
    view.locator(".bs-start").focus()
    page.keyboard.press("Enter")
    expect(view.locator(".bs-pause")).to_be_enabled()
    faults["running"] = serious_violations(page, ".bs-class-view")
    view.locator(".bs-pause").focus()
    page.keyboard.press(" ")
    expect(view.locator(".bs-pause")).to_have_text(re.compile("Resume"))
    page.wait_for_timeout(800)  # a second action (the page's own Space) would show by now
    expect(view.locator(".bs-pause")).to_have_text(re.compile("Resume"))
    faults["paused"] = serious_violations(page, ".bs-class-view")
    view.locator(".bs-skip").focus()
    page.keyboard.press("Enter")
    expect(progress).to_contain_text("step 2 of ")
    view.evaluate("(el) => el.classList.add('bs-flash')")
    page.wait_for_timeout(400)  # the background's transition
    faults["flash"] = serious_violations(page, ".bs-class-view")
    view.evaluate("(el) => el.classList.remove('bs-flash')")
    shot(page, "page-3-voila-keyboard")
    view.locator(".bs-reset").click()
    faults = [f"{state}: {v}" for state, vs in faults.items() for v in vs]
    assert not faults, "\n".join(faults)
    assert not page.page_errors, page.page_errors


@pytest.mark.browser
def test_handout_has_no_serious_accessibility_faults(page, tmp_path):
    out = tmp_path / "handout.html"
    result = subprocess.run([sys.executable, "-m", "backstretch", "handout", "daily-back-care",
                             "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    faults = serious_violations(page)
    assert not faults, "\n".join(faults)


# -- the guided session in Lab: spoken cues, and a countdown that a busy kernel cannot stall ---
BUSY_S = 3.0


def run_new_cell(page, code: str) -> None:
    """Add a cell at the end of the notebook, type ``code`` into it and run it."""
    last = page.locator(".jp-Notebook .jp-Cell").last
    last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    page.keyboard.press("Shift+Enter")


@pytest.mark.browser
def test_guided_session_speaks_and_counts_down_through_a_busy_kernel_in_lab(page, lab):
    steps = steps_of("source-article")
    page.add_init_script(STUBS)
    open_notebook(page, lab, "03_guided_session.ipynb", "speak03")
    run_all_cells(page)
    timer = page.locator(".bs-timer")
    expect(timer).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    countdown = timer.locator(".bs-countdown")
    page.evaluate("""() => {
        window.__shown = [];
        const el = document.querySelector('.bs-timer .bs-countdown');
        new MutationObserver(() => window.__shown.push([performance.now(), el.textContent]))
            .observe(el, { childList: true, characterData: true, subtree: true });
    }""")

    timer.locator(".bs-start").click()
    wait_until(lambda: len(spoken(page)) == 1, 10, "the first spoken cue")
    assert spoken(page)[0]["text"] == steps[0].spoken
    assert timer.locator(".bs-live").inner_text() == steps[0].spoken
    wait_until(lambda: wake_ops(page) == ["request"], 5, "the wake lock")

    # a cell keeps the kernel busy for 3 s: the digits still move, a second at a time
    run_new_cell(page, f"import time; t0 = time.time()\nwhile time.time() - t0 < {BUSY_S}: pass")
    busy = page.locator(".jp-Notebook-ExecutionIndicator[data-status='busy']").first
    expect(busy).to_be_attached(timeout=10_000)
    began = page.evaluate("() => performance.now()")
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']").first
           ).to_be_attached(timeout=30_000)
    ended = page.evaluate("() => performance.now()")
    assert (ended - began) / 1000 >= BUSY_S - 1.0, "the kernel was not busy long enough"
    during = [text for t, text in page.evaluate("() => window.__shown") if began <= t <= ended]
    values = [seconds(text) for text in during]
    assert len(values) >= 2 and values == sorted(set(values), reverse=True), during
    assert values[0] - values[-1] == len(values) - 1, during  # one second at a time

    # the kernel stays the source of truth: the next step is said on time all the same
    wait_until(lambda: len(spoken(page)) == 2, steps[0].seconds + 10, "the second cue")
    first, second = spoken(page)
    assert second["text"] == steps[1].spoken
    assert abs((second["t"] - first["t"]) / 1000 - steps[0].seconds) < 0.75
    shot(page, "page-4-lab-spoken-through-busy-kernel")

    # Voice off: Skip changes the step and nothing is said; pause lets the screen sleep
    timer.locator(".bs-voice").click()
    timer.locator(".bs-skip").click()
    expect(countdown).to_have_text("0:05")
    page.wait_for_timeout(500)
    assert len(spoken(page)) == 2
    timer.locator(".bs-pause").click()
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the release on pause")
    timer.locator(".bs-voice").click()  # on again for whoever uses this browser next
    timer.locator(".bs-reset").click()
    assert not page.page_errors, page.page_errors
