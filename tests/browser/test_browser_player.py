"""The page's player (issue 23) in Chromium: spoken cues, beeps, the wake lock, a hidden
tab, a busy and a restarted kernel, keys anywhere, full screen and accessibility (axe-core,
WCAG 2.1 AA), in Voila (the 05 class view) and in JupyterLab (the 03 timer).

The page plays the session on its own clock; here that clock is Playwright's
(``page.clock``), so no test waits for a countdown: the clock is paused, and each test moves
it on exactly (see ``browser_fixtures``). Headless Chromium has no voices, no speakers and
no screen to keep awake, so an init script stands in for ``speechSynthesis``, WebAudio and
``navigator.wakeLock`` and records what the page asks of them, with the page's time; the
tests check those records against the routine's own steps.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time

import browser_fixtures as bf
import pytest
from browser_fixtures import KERNEL_TIMEOUT_MS, open_notebook, run_all_cells, shot, steps_of

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None

serious_violations = bf.serious_violations

STUBS = """
(() => {
  window.__spoken = [];
  window.__wake = [];
  window.__beeps = [];
  class Utterance { constructor(text) { this.text = text; this.rate = 1; this.lang = ''; } }
  const synth = { speak(u) { window.__spoken.push({ text: u.text, rate: u.rate,
                                                    t: performance.now() }); },
                  cancel() {}, getVoices() { return []; },
                  speaking: false, pending: false, paused: false };
  Object.defineProperty(window, 'speechSynthesis', { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;

  // WebAudio: each tone started, by its pitch, with the page's time
  class Audio {
    constructor() { this.state = 'running'; this.currentTime = 0; this.destination = {}; }
    resume() { return Promise.resolve(); }
    createGain() {
      return { gain: { setValueAtTime() {}, linearRampToValueAtTime() {} },
               connect: (next) => next };
    }
    createOscillator() {
      const osc = { frequency: { value: 0 }, connect: (next) => next, stop() {},
                    start() { window.__beeps.push({ hz: osc.frequency.value,
                                                    t: performance.now() }); } };
      return osc;
    }
  }
  window.AudioContext = Audio;
  window.webkitAudioContext = Audio;

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
GO, SWITCH = [880], [660, 880]
"""The beeps' tones (Hz): a stretch begins; switch sides."""


def spoken(page) -> list[dict]:
    return page.evaluate("() => window.__spoken")


def said(page) -> list[str]:
    return [s["text"] for s in spoken(page)]


def wake_ops(page) -> list[str]:
    return [w["op"] for w in page.evaluate("() => window.__wake")]


def tones(page) -> list[int]:
    return [b["hz"] for b in page.evaluate("() => window.__beeps")]


def wait_until(predicate, timeout_s: float = 10.0, what: str = "") -> None:
    """Poll (for the page's promises, or the kernel): never to wait for a countdown."""
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if predicate():
            return
        time.sleep(0.05)
    raise AssertionError(f"timed out waiting for {what}")


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
    """The Voila class view, with speech, beeps and the wake lock stood in for
    (``STUBS``), on Playwright's clock."""
    page.add_init_script(STUBS)
    page.clock.install()
    page.goto(server.url("/" + query))
    view = page.locator(".bs-player.bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    return view


# -- the class view in Voila -------------------------------------------------------------------
@pytest.mark.browser
def test_class_view_speaks_beeps_keeps_awake_and_catches_up_after_a_hidden_tab(
        page, voila_server):
    steps = steps_of("daily-back-care")
    view = open_class_view(page, voila_server)
    progress = view.locator(".bs-class-progress")
    countdown = view.locator(".bs-class-countdown")
    live = view.locator(".bs-live[role=status]")
    live_log(page, ".bs-class-view .bs-live")
    assert page.locator(".bs-class-view .bs-live[aria-live=polite]").count() == 1
    bf.record_drawn(view)
    bf.pause_clock(page)

    # Space with the pointer elsewhere and nothing focused: the class starts and says so
    pointer_elsewhere(page)
    page.keyboard.press(" ")
    began = bf.page_now(page)
    assert said(page) == [steps[0].spoken]
    assert tones(page) == GO
    assert state_of(view) == "running"
    wait_until(lambda: wake_ops(page) == ["request"], 5, "the wake lock")
    expect(view.locator(".bs-wake-note")).to_be_hidden()
    shot(page, "player-1-voila-started-by-space")

    # the next step is said and beeped on the page's clock, exactly at its time
    page.clock.run_for(steps[0].seconds * 1000)
    assert said(page) == [steps[0].spoken, steps[1].spoken]
    first, second = spoken(page)
    assert second["t"] - first["t"] == pytest.approx(steps[0].seconds * 1000, abs=1)
    assert tones(page) == GO + GO
    expect(progress).to_contain_text("step 2 of ")
    expect(live).to_have_text(steps[1].spoken)
    # announced once per step, not every second
    assert page.evaluate("() => window.__live") == [steps[0].spoken, steps[1].spoken]

    # Mute: no beep at the next step, the flash (and the words) all the same
    mute = view.locator(".bs-mute")
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "true")
    page.clock.run_for(steps[1].seconds * 1000)
    assert said(page)[-1] == steps[2].spoken and tones(page) == GO + GO
    expect(view).to_have_class(re.compile(r"\bbs-flash\b"))
    mute.click()
    expect(mute).to_have_attribute("aria-pressed", "false")

    # Space pauses (the lock goes), Space resumes (it comes back)
    pointer_elsewhere(page)
    page.keyboard.press(" ")
    assert state_of(view) == "paused"
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the release on pause")
    page.keyboard.press(" ")
    assert state_of(view) == "running"
    wait_until(lambda: wake_ops(page) == ["request", "release", "request"], 5, "resume")

    # the tab hidden for three minutes: its timers first throttled to one a minute, then
    # stopped; shown again, the page is at the right step and time at once, and says it
    said_before = len(spoken(page))
    page.evaluate("() => window.__setVisibility('hidden')")
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the lock dropped when hidden")
    page.clock.fast_forward(60_000)
    page.clock.set_system_time(bf.page_now(page) + 120)
    elapsed = bf.page_now(page) - began  # paused and resumed at one instant: no time lost
    index, left = bf.step_at(steps, elapsed)
    assert 5 < index < len(steps) - 1, (index, elapsed)
    page.evaluate("() => window.__setVisibility('visible')")
    expect(progress).to_contain_text(f"step {index + 1} of ")
    expect(countdown).to_have_text(left)
    expect(live).to_have_text(steps[index].spoken)
    assert said(page)[-1] == f"Now: {steps[index].spoken}"
    assert len(spoken(page)) - said_before <= 2  # once when throttled, once when shown
    wait_until(lambda: wake_ops(page)[-1:] == ["request"], 5, "the lock re-taken")
    shot(page, "player-2-voila-back-from-a-hidden-tab")

    # typing in a text box is typing, not commands
    box = page.locator(".bs-handout input[type=text]").first
    before_text = box.input_value()
    box.click()
    box.press("End")
    page.keyboard.type(" nbr")
    assert box.input_value() == before_text + " nbr"
    assert state_of(view) == "running"
    expect(progress).to_contain_text(f"step {index + 1} of ")
    box.fill(before_text)

    # Full screen: the class view fills the screen, and the keys still work there
    pointer_elsewhere(page)
    view.locator(".bs-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement?.classList.contains('bs-class-view')")
    expect(view.locator(".bs-fullscreen")).to_have_text("Leave full screen")
    page.mouse.move(2, 2)
    page.keyboard.press("n")
    expect(progress).to_contain_text(f"step {index + 2} of ")
    assert said(page)[-1] == steps[index + 1].spoken
    shot(page, "player-3-voila-full-screen")
    page.keyboard.press("ArrowLeft")
    expect(progress).to_contain_text(f"step {index + 1} of ")
    view.locator(".bs-fullscreen").click()
    page.wait_for_function("() => document.fullscreenElement === null")

    # R resets: the lock is let go, nothing more is said
    pointer_elsewhere(page)
    page.keyboard.press("r")
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the release on reset")
    expect(progress).to_contain_text("step 1 of ")
    assert state_of(view) == "ready"
    seen, frames = bf.drawn(page)
    assert frames > 1000 and not [d for d in seen if d[2] == "0:00"], seen  # never 0:00

    # Voice off is remembered; the beeps stay available (Mute is separate)
    voice = view.locator(".bs-voice")
    expect(voice).to_have_attribute("aria-pressed", "true")
    voice.click()
    expect(voice).to_have_attribute("aria-pressed", "false")
    expect(mute).to_be_enabled()
    count = len(spoken(page))
    pointer_elsewhere(page)
    page.keyboard.press(" ")
    assert state_of(view) == "running"
    page.clock.run_for(steps[0].seconds * 1000)
    expect(progress).to_contain_text("step 2 of ")
    assert len(spoken(page)) == count, "spoke with the Voice off"
    page.keyboard.press("r")
    assert state_of(view) == "ready"
    assert not page.page_errors, page.page_errors
    page.clock.resume()  # a page loading needs its timers
    page.reload()
    view = page.locator(".bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    voice = view.locator(".bs-voice")
    expect(voice).to_have_attribute("aria-pressed", "false")
    voice.click()
    view.locator(".bs-rate select").select_option(label="fast")
    view.locator(".bs-start").click()
    assert [s["rate"] for s in spoken(page)] == [1.5]
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
    const name = [...el.classList].find((c) => c.startsWith('bs-') && c !== 'bs-btn')
        || el.tagName;
    return { name, inView: !!el.closest('.bs-class-view'),
             ring: style.outlineStyle !== 'none' ? parseFloat(style.outlineWidth) : 0 };
}"""


@pytest.mark.browser
def test_class_view_is_accessible_in_every_state_and_by_keyboard(page, voila_server):
    view = open_class_view(page, voila_server)
    progress = view.locator(".bs-class-progress")
    faults = {"ready (whole page)": serious_violations(page)}

    # every control is reached with Tab, in order, and shows a clear focus ring (the
    # disabled ones, Pause and Back before Start, are skipped)
    view.locator(".bs-start").focus()
    reached = []
    for _ in range(12):
        focus = page.evaluate(FOCUS)
        if not focus["inView"]:
            break
        reached.append(focus["name"])
        assert focus["ring"] >= 2, f"no visible focus on {focus['name']}: {focus}"
        page.keyboard.press("Tab")
    assert reached == ["bs-start", "bs-skip", "bs-reset", "bs-mute", "bs-voice",
                       "bs-rate-select", "bs-motion", "bs-fullscreen"], reached

    # and each is usable by keyboard: Enter on Start, Space on Pause acts once, Enter on Skip
    view.locator(".bs-start").focus()
    page.keyboard.press("Enter")
    expect(view.locator(".bs-pause")).to_be_enabled()
    faults["running"] = serious_violations(page, ".bs-class-view")
    view.locator(".bs-pause").focus()
    page.keyboard.press(" ")
    # the page acts on a press at once: a second action (its own Space) would show now
    expect(view.locator(".bs-pause")).to_have_text("Resume")
    faults["paused"] = serious_violations(page, ".bs-class-view")
    view.locator(".bs-skip").focus()
    page.keyboard.press("Enter")
    expect(progress).to_contain_text("step 2 of ")
    view.evaluate("(el) => el.classList.add('bs-flash')")
    expect(view).to_have_css("background-color", "rgb(255, 233, 168)")  # transition over
    faults["flash"] = serious_violations(page, ".bs-class-view")
    view.evaluate("(el) => el.classList.remove('bs-flash')")
    shot(page, "player-4-voila-keyboard")
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


# -- the guided session in Lab: a busy kernel, then a restarted one -----------------------------
BUSY_S = 12


def run_new_cell(page, code: str):
    """Add a cell at the end of the notebook, type ``code`` into it and run it (Ctrl+Enter:
    no empty cell is left after it); the cell."""
    cells = page.locator(".jp-Notebook .jp-Cell")
    cells.last.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    page.keyboard.press("b")
    page.keyboard.press("Enter")
    page.keyboard.type(code)
    cell = cells.nth(cells.count() - 1)
    page.keyboard.press("Control+Enter")
    return cell


def delete_cell(page, cell) -> None:
    cell.locator(".jp-InputPrompt").click()
    page.keyboard.press("Escape")
    count = page.locator(".jp-Notebook .jp-Cell").count()
    page.keyboard.press("d")
    page.keyboard.press("d")
    expect(page.locator(".jp-Notebook .jp-Cell")).to_have_count(count - 1)


def restart_kernel(page) -> None:
    """Kernel > Restart Kernel…, and yes, as a person would."""
    page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Kernel$")).click()
    page.locator(".lm-Menu-item .lm-Menu-itemLabel",
                 has_text=re.compile(r"^Restart Kernel")).first.click()
    page.locator(".jp-Dialog .jp-mod-accept").click()


NO_COMMS_OVER_SUBSHELLS = ("@jupyterlab/apputils-extension:kernels-settings",
                           {"commsOverSubshells": "disabled"})
"""Lab 4.6 sends widget messages to a kernel subshell (ipykernel 7), where a busy cell
does not hold them back; without it (older Lab or kernels) they wait for the cell."""


@pytest.mark.browser
def test_guided_session_goes_on_through_a_busy_and_a_restarted_kernel_in_lab(page, lab):
    # the worst case: the page's events wait behind the cell, as without kernel subshells
    with bf.lab_setting(lab, *NO_COMMS_OVER_SUBSHELLS):
        busy_and_restarted_kernel(page, lab)


def busy_and_restarted_kernel(page, lab) -> None:
    steps = steps_of("source-article")
    page.add_init_script(STUBS)
    page.clock.install()
    open_notebook(page, lab, "03_guided_session.ipynb", "busy03")
    run_all_cells(page)
    timer = page.locator(".bs-player.bs-timer")
    expect(timer).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    current, countdown = timer.locator(".bs-current"), timer.locator(".bs-countdown")
    notice = timer.locator(".bs-log-notice")
    boxes = page.locator(".bs-checklist .bs-check input[type=checkbox]")
    status = page.locator(".bs-log-panel .bs-log-status")
    bf.pause_clock(page)

    timer.locator(".bs-start").click()
    assert said(page) == [steps[0].spoken]
    expect(timer.locator(".bs-live")).to_have_text(steps[0].spoken)
    wait_until(lambda: wake_ops(page) == ["request"], 5, "the wake lock")
    page.clock.run_for(steps[0].seconds * 1000)
    expect(current).to_have_text(steps[1].title)  # the first hold: its box at its end

    # a cell keeps the kernel busy for 12 s across the step change: the page counts down a
    # second at a time and changes step on time; the kernel hears it when it is free
    cell = run_new_cell(page, f"import time\ntime.sleep({BUSY_S})")
    prompt = cell.locator(".jp-InputPrompt")
    expect(prompt).to_have_text(re.compile(r"\[\*\]"))
    busy_since = time.monotonic()
    bf.record_drawn(timer)
    for _ in range(steps[1].seconds):
        page.clock.run_for(1000)
    expect(current).to_have_text(steps[2].title)
    seen, _ = bf.drawn(page)
    assert [d[2] for d in seen if d[0] == "dom"] == ["0:04", "0:03", "0:02", "0:01", "0:05"]
    change = page.evaluate("() => window.backstretchSteps").pop()
    assert change["index"] == 2 and change["shown"] - change["due"] < 20, change
    assert said(page)[-1] == steps[2].spoken
    page.clock.run_for(steps[2].seconds * 1000)
    expect(current).to_have_text(steps[3].title)
    expect(notice).to_have_text("The kernel is busy: the log catches up when it is free.")
    assert time.monotonic() - busy_since < BUSY_S - 1, "the page was too slow to test this"
    assert not boxes.nth(0).is_checked()  # the kernel has not heard yet
    shot(page, "player-5-lab-busy-kernel")
    expect(prompt).to_have_text(re.compile(r"\[\d+\]"), timeout=BUSY_S * 1000 + 30_000)
    expect(boxes.nth(0)).to_be_checked()  # caught up: nothing lost
    expect(notice).to_be_hidden()
    expect(status).to_contain_text("1 stretch side done")
    page.clock.run_for(steps[3].seconds * 1000)
    expect(current).to_have_text(steps[4].title)
    expect(boxes.nth(1)).to_be_checked()
    expect(notice).to_be_hidden()  # every event heard

    # the kernel restarted mid-session: the page goes on, and says the log could not follow
    # after the last step it heard; ipywidgets keeps every view on the page (disconnected)
    restart_kernel(page)
    expect(notice).to_have_text(re.compile(
        r"^The kernel stopped or restarted: the session goes on here, but the log could not "
        r"follow after " + re.escape(f'"{steps[4].title}".')))
    expect(page.locator(".bs-timer-box.jupyter-widgets-disconnected")).to_have_count(1)
    expect(boxes).to_have_count(9)
    page.clock.run_for(steps[4].seconds * 1000)
    expect(current).to_have_text(steps[5].title)
    expect(countdown).to_have_text(bf.clock_text(steps[5].seconds))
    assert said(page)[-1] == steps[5].spoken
    expect(notice).to_contain_text("could not follow")
    shot(page, "player-6-lab-kernel-restarted")

    # the notebook run again: a new timer, and the old one, its view gone, falls silent
    delete_cell(page, cell)
    page.clock.resume()
    run_all_cells(page)
    expect(page.locator(".bs-player")).to_have_count(1)
    expect(timer.locator(".bs-start")).to_be_enabled()
    bf.pause_clock(page)
    before = (len(spoken(page)), len(tones(page)),
              len(page.evaluate("() => window.backstretchSteps")))
    page.clock.run_for(60_000)
    assert (len(spoken(page)), len(tones(page)),
            len(page.evaluate("() => window.backstretchSteps"))) == before
    wait_until(lambda: wake_ops(page)[-1:] == ["release"], 5, "the old lock let go")
    assert not page.page_errors, page.page_errors
