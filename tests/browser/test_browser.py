"""Real-browser tests: the workbook's widgets in JupyterLab, the class view in Voila, handouts.

Chromium (Debian's ``/usr/bin/chromium``, or ``$BACKSTRETCH_CHROMIUM``) is driven by
Playwright; every server listens on 127.0.0.1 only. Screenshots of each stage land in
``test-artifacts/``. Without Chromium these tests skip, or fail under
``BACKSTRETCH_REQUIRE_BROWSER=1`` (as in ``.ci/run``).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from pathlib import Path

import browser_fixtures as bf
import pytest
from browser_fixtures import (
    KERNEL_TIMEOUT_MS,
    UI_TIMEOUT_MS,
    open_notebook,
    run_all_cells,
    shot,
    steps_of,
)

from backstretch import load_routine, ready_routines
from backstretch.base.filenames import shown_path

try:
    from playwright.sync_api import expect
except ImportError:  # the fixtures skip (or fail) with the reason
    expect = None


# -- the skipping rule itself -------------------------------------------------------------
def test_missing_chromium_skips_with_advice(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKSTRETCH_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.delenv("BACKSTRETCH_REQUIRE_BROWSER", raising=False)
    with pytest.raises(pytest.skip.Exception) as info:
        bf.require_browser()
    message = str(info.value)
    assert f"Chromium not found at {tmp_path / 'no-chromium'}" in message
    assert "make test" in message and "BACKSTRETCH_CHROMIUM" in message


def test_missing_chromium_fails_when_the_browser_is_required(monkeypatch, tmp_path):
    monkeypatch.setenv("BACKSTRETCH_CHROMIUM", str(tmp_path / "no-chromium"))
    monkeypatch.setenv("BACKSTRETCH_REQUIRE_BROWSER", "1")
    with pytest.raises(pytest.fail.Exception) as info:
        bf.require_browser()
    assert "BACKSTRETCH_REQUIRE_BROWSER" in str(info.value)
    assert "Chromium not found" in str(info.value)


def test_missing_playwright_is_a_reason_too(monkeypatch, tmp_path):
    fake = tmp_path / "chromium"
    fake.write_text("#!/bin/sh\n")
    fake.chmod(0o755)
    monkeypatch.setenv("BACKSTRETCH_CHROMIUM", str(fake))
    monkeypatch.setitem(sys.modules, "playwright.sync_api", None)  # import now fails
    assert "playwright" in (bf.browser_missing_reason() or "")


def test_chromium_is_used_from_the_default_path(monkeypatch):
    monkeypatch.delenv("BACKSTRETCH_CHROMIUM", raising=False)
    assert bf.chromium_path() == Path("/usr/bin/chromium")


# -- 03: the guided session in JupyterLab ----------------------------------------------------
def over(view) -> None:
    """The pointer over a player's countdown (in Lab its keys act only over the view)."""
    view.locator(".bs-countdown").hover()


@pytest.mark.browser
def test_guided_session_timer_in_lab(page, lab):
    """Issue 23, in Lab: the page plays the 03 timer on its own clock (Playwright's, so
    nothing here waits for a countdown); the buttons and keys act at once; no 0:00 is drawn
    between two steps; the kernel hears it all: the checklist ticks and the log."""
    steps = steps_of("source-article")
    page.clock.install()
    open_notebook(page, lab, "03_guided_session.ipynb", "t03")
    shot(page, "03-1-opened")
    run_all_cells(page)

    timer = page.locator(".bs-player.bs-timer")
    expect(timer).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    timer.scroll_into_view_if_needed()
    countdown = timer.locator(".bs-countdown[role=timer]")
    current = timer.locator(".bs-current")
    start, pause = timer.locator(".bs-start"), timer.locator(".bs-pause")
    status = page.locator(".bs-log-panel .bs-log-status")
    boxes = page.locator(".bs-checklist .bs-check input[type=checkbox]")
    expect(current).to_have_text(steps[0].title)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds))
    expect(boxes).to_have_count(9)
    cells = page.locator(".jp-Notebook .jp-Cell").count()
    shot(page, "03-2-ran-all")

    # clear states: the voice speed is the buttons' height; Start, once pressed, looks off
    bf.assert_controls_one_height(timer)
    ready_look = bf.look(start)
    bf.record_drawn(timer)
    bf.pause_clock(page)

    # Start acts at once (the page's clock has not moved), and the kernel hears it
    start.click()
    expect(start).to_be_disabled()
    expect(pause).to_be_enabled()
    running_look = bf.look(start)
    assert all(running_look[k] != ready_look[k] for k in ready_look), (ready_look, running_look)
    expect(status).to_contain_text("In your log")
    assert countdown.evaluate(DIGITS_COLOUR) == "rgb(31, 78, 121)"  # running: blue
    page.clock.run_for(1000)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds - 1))
    page.clock.run_for(3000)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds - 4))
    shot(page, "03-3-running")

    # Pause: Resume is the way on; the time holds however long the page's clock runs
    pause.click()
    expect(pause).to_have_text("Resume")
    expect(countdown).to_have_class(re.compile(r"\bbs-paused\b"))
    assert countdown.evaluate(DIGITS_COLOUR) == "rgb(102, 102, 102)"  # #666: 5.7:1 on white
    expect(start).to_be_disabled()
    assert all(bf.look(start)[k] != ready_look[k] for k in ready_look)
    held = countdown.inner_text()
    page.clock.run_for(5000)
    expect(countdown).to_have_text(held)
    with bf.clock_flowing(page):  # paused: nothing moves meanwhile
        assert not bf.serious_violations(page, ".bs-timer")
    expect(countdown).to_have_text(held)
    shot(page, "03-4-paused")
    pause.click()
    expect(pause).to_have_text("Pause")
    page.clock.run_for(1000)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds - 5))

    # Skip: the next step at its full length; Back: the first again, in full
    timer.locator(".bs-skip").click()
    expect(current).to_have_text(steps[1].title)
    expect(countdown).to_have_text(bf.clock_text(steps[1].seconds))
    shot(page, "03-5-skipped")
    timer.locator(".bs-back").click()
    expect(current).to_have_text(steps[0].title)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds))

    # the keys, in Lab only with the pointer over the view: elsewhere they are Lab's
    page.locator(".jp-MarkdownCell").first.click()
    page.keyboard.press("Escape")
    page.keyboard.press(" ")
    expect(pause).to_have_text("Pause")
    over(timer)
    for key, title, label in ((" ", 0, "Resume"), (" ", 0, "Pause"), ("n", 1, "Pause"),
                              ("ArrowRight", 2, "Pause"), ("b", 1, "Pause"),
                              ("ArrowLeft", 0, "Pause"), ("Shift+N", 1, "Pause"),
                              ("Shift+B", 0, "Pause")):
        page.keyboard.press(key)
        expect(current).to_have_text(steps[title].title)
        expect(pause).to_have_text(label)
    expect(page.locator(".jp-Notebook .jp-Cell")).to_have_count(cells)  # not Lab's B
    page.keyboard.press("r")
    expect(start).to_be_enabled()
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds))
    expect(status).to_contain_text("Recorded")  # Reset ends the session in the log
    page.keyboard.press("Shift+R")
    expect(start).to_be_enabled()

    # the whole routine on the page's clock: each step begins at its deadline, and the
    # checklist box of each side is ticked by the kernel as its hold ends
    page.keyboard.press(" ")
    began = bf.page_now(page)
    done = 0
    for i, step in enumerate(steps[:8]):
        page.clock.run_for(step.seconds * 1000 - 1)
        expect(current).to_have_text(step.title)
        expect(countdown).to_have_text("0:01")
        page.clock.run_for(1)
        expect(current).to_have_text(steps[i + 1].title)
        expect(countdown).to_have_text(bf.clock_text(steps[i + 1].seconds))
        done += step.completes is not None
        expect(page.locator(".bs-checklist .bs-check input:checked")).to_have_count(done)
    assert boxes.nth(0).is_checked() and boxes.nth(1).is_checked()  # left, then right
    page.clock.run_for(sum(s.seconds for s in steps[8:]) * 1000)
    expect(current).to_have_text("Well done: the routine is complete.")
    expect(countdown).to_have_text("0:00")
    assert bf.page_now(page) - began == pytest.approx(sum(s.seconds for s in steps), abs=0.01)
    for i in range(9):
        expect(boxes.nth(i)).to_be_checked()
    expect(status).to_contain_text("Recorded: The five from the article, 4 min 10 s, "
                                   "9 stretch sides done")
    timer.scroll_into_view_if_needed()
    shot(page, "03-6-finished")

    # no 0:00 between two steps: sampled at every frame and at every change of the digits
    seen, frames = bf.drawn(page)
    zeros = [d for d in seen if d[2] == "0:00" and not d[3].startswith("Well done")]
    assert frames > 10_000 and not zeros, zeros[:5]
    changes = page.evaluate("() => window.backstretchSteps")
    assert len(changes) >= len(steps) - 1
    assert all(c["shown"] - c["due"] < 20 for c in changes), changes

    # a box ticked by hand shows ticked and is saved under BACKSTRETCH_DATA_DIR
    page.clock.resume()
    timer.locator(".bs-reset").click()
    page.locator(".bs-checklist button", has_text="Clear the checklist").click()
    expect(page.locator(".bs-checklist .bs-check input:checked")).to_have_count(0)
    boxes.first.click()
    expect(boxes.first).to_be_checked()
    saved = wait_for_file(lab.data_dir / "checklists", "*.json")
    data = wait_for_json(saved, lambda d: len(d["ticked"]) == 1)
    assert data["routine"] == "The five from the article"

    # beside the countdown, the figure of the stretch and side now worked; it follows the step
    figure = timer.locator(".bs-figure svg.bs-pose")
    expect(figure).to_be_visible()
    expect(figure).to_have_attribute("aria-label", "Single knee to chest, left side")
    assert figure.bounding_box()["width"] >= 200
    for _ in range(3):
        timer.locator(".bs-skip").click()
    expect(figure).to_have_attribute("aria-label", "Single knee to chest, right side")
    shot(page, "03-7-figure-right-side")
    assert not page.page_errors, page.page_errors


def wait_for_json(path: Path, ready, timeout_s: float = 20.0) -> dict:
    """The JSON in ``path`` once ``ready(data)`` holds (the kernel writes it meanwhile)."""
    deadline = time.monotonic() + timeout_s
    data = None
    while time.monotonic() < deadline:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError):
            data = None
        if data is not None and ready(data):
            return data
        time.sleep(0.1)
    raise AssertionError(f"{path} never held what was expected: {data}")


def wait_for_file(folder: Path, pattern: str, timeout_s: float = 20.0) -> Path:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        found = sorted(folder.glob(pattern)) if folder.is_dir() else []
        if found:
            return found[0]
        time.sleep(0.1)
    raise AssertionError(f"nothing matching {pattern} appeared in {folder}")


# -- 02: the routine builder in JupyterLab ---------------------------------------------------
CHART_DIGEST = """async (img) => {
    const bytes = new Uint8Array(await (await fetch(img.src)).arrayBuffer());
    const digest = await crypto.subtle.digest('SHA-256', bytes);
    return [...new Uint8Array(digest)].map(b => b.toString(16).padStart(2, '0')).join('');
}"""


@pytest.mark.browser
def test_builder_updates_total_and_chart_in_lab(page, lab):
    open_notebook(page, lab, "02_build_a_routine.ipynb", "t02")
    run_all_cells(page)

    builder = page.locator(".bs-builder")
    expect(builder).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    builder.scroll_into_view_if_needed()
    total = builder.locator(".bs-total")
    expect(total).to_contain_text("Total")
    chart = builder.locator(".bs-charts img").first
    expect(chart).to_be_visible()
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    total_before = total.inner_text().strip()
    src_before = chart.get_attribute("src")
    digest_before = chart.evaluate(CHART_DIGEST)
    shot(page, "02-1-builder")

    hold = builder.locator(".bs-hold input").first
    old_hold = int(hold.input_value())
    new_hold = old_hold + 20
    hold.fill(str(new_hold))
    hold.press("Enter")

    expect(total).not_to_have_text(total_before, timeout=UI_TIMEOUT_MS)
    total_after = total.inner_text().strip()
    m_before = re.search(r"\((\d+) s", total_before)
    m_after = re.search(r"\((\d+) s", total_after)
    assert m_before and m_after, (total_before, total_after)
    assert int(m_after.group(1)) > int(m_before.group(1)), (total_before, total_after)
    expect(chart).not_to_have_attribute("src", src_before or "")
    page.wait_for_function("(img) => img.complete && img.naturalWidth > 0", arg=chart.element_handle())
    assert chart.evaluate(CHART_DIGEST) != digest_before, "the chart image did not change"
    assert int(hold.input_value()) == new_hold
    shot(page, "02-2-hold-changed")

    # a description of one's own, saved in the data folder (as on a hub: outside the
    # workbook); the message says where, in words; the list by name
    description = builder.locator(".bs-description textarea")
    assert "Made from the ready routine" in description.input_value()
    description.fill("Mornings, before work.")
    description.press("Tab")
    builder.locator(".bs-save").click()
    status = builder.locator(".bs-status")
    routines = lab.data_dir / "my-routines"
    expect(status).to_contain_text("Saved “The five from the article” as "
                                   "the-five-from-the-article.yaml in the folder "
                                   f"{shown_path(routines)}.")
    expect(builder.locator(".bs-saved-list")).to_contain_text(
        "The five from the article (the-five-from-the-article.yaml)")
    saved = routines / "the-five-from-the-article.yaml"
    assert "Mornings, before work." in saved.read_text()
    status.scroll_into_view_if_needed()
    shot(page, "02-3-saved")

    # a handout saved, then another routine started from: the panel says whose it was,
    # and names the file, never the server's folders
    panel = page.locator(".bs-handout")
    panel.locator(".bs-handout-html").click()
    handout_status = panel.locator(".bs-handout-status")
    handout = lab.data_dir / "handouts" / "the-five-from-the-article.html"
    expect(handout_status).to_contain_text(f"Saved {shown_path(handout)}",
                                           timeout=KERNEL_TIMEOUT_MS)
    assert handout.is_file()
    assert str(lab.root) not in handout_status.inner_text()
    builder.locator(".bs-start-from select").select_option(label="Desk break")
    builder.locator(".bs-start-from-button").click()
    expect(handout_status).to_contain_text("is of “The five from the article” as it was before",
                                           timeout=UI_TIMEOUT_MS)
    expect(status).not_to_contain_text(str(lab.root))
    handout_status.scroll_into_view_if_needed()
    shot(page, "02-4-handout-of-the-routine-before")
    assert not page.page_errors, page.page_errors


MIN_TEXT_PX = 9
SHOWN_TEXT_HEIGHTS = """() => [...document.querySelectorAll("svg.bs-pose text")]
    .map((t) => t.getBoundingClientRect())
    .filter((r) => r.width > 0 && r.bottom > 0 && r.top < innerHeight)
    .map((r) => r.height)"""


@pytest.mark.browser
def test_builder_names_routines_by_name_and_its_small_figures_carry_no_tiny_text(page, lab):
    open_notebook(page, lab, "02_build_a_routine.ipynb", "t02b")
    run_all_cells(page)
    builder = page.locator(".bs-builder")
    expect(builder).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    builder.scroll_into_view_if_needed()
    choices = [c.replace("\xa0", " ")  # ipywidgets shows spaces as no-break spaces
               for c in builder.locator(".bs-start-from select option").all_inner_texts()]
    ready = [load_routine(key).name for key in ready_routines()]
    assert set(ready) <= set(choices), choices
    assert not set(ready_routines()) & set(choices), f"a file slug is shown: {choices}"
    expect(builder.locator(".bs-start-from select option:checked")).to_have_text(
        "The five from the article")

    rows = builder.locator(".bs-item")
    stills = rows.first.locator(".bs-moves-stills svg.bs-pose")
    expect(stills).to_have_count(2)  # the start and the hold
    expect(stills.first).to_be_visible()
    expect(stills.last).to_be_visible()
    play = rows.first.locator("summary", has_text="Play the movement")
    moving = rows.first.locator("svg.bs-flip")
    expect(moving).to_be_hidden()  # nothing plays on its own
    play.click()
    expect(moving).to_be_visible()
    play.click()
    expect(rows.first).to_contain_text("left side first")
    rows.first.locator(".bs-sides select").select_option("right")
    expect(rows.first).to_contain_text("right side only", timeout=UI_TIMEOUT_MS)
    rows.first.scroll_into_view_if_needed()
    shot(page, "02-5-row-figures")
    heights = page.evaluate(SHOWN_TEXT_HEIGHTS)
    small = [h for h in heights if h < MIN_TEXT_PX]
    assert not small, f"figure text drawn {small} px high; at least {MIN_TEXT_PX} px, or none"
    assert not page.page_errors, page.page_errors


# -- 05: the class view, served by Voila (no code shown) -------------------------------------
def code_lines(notebook: Path) -> list[str]:
    book = json.loads(notebook.read_text())
    lines = []
    for cell in book["cells"]:
        if cell["cell_type"] == "code":
            src = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            lines += [ln.strip() for ln in src.splitlines() if len(ln.strip()) >= 12]
    return lines


def shot_view(page, view, name: str) -> None:
    """A screenshot with the class view's top edge at the top of the window."""
    view.evaluate("(el) => el.scrollIntoView({block: 'start'})")
    shot(page, name)


def press_key(page, key: str) -> None:
    """Press a key as a presenter would, anywhere on the page: the pointer on plain text
    outside the class view (the picker's status line), nothing focused."""
    status = page.locator(".bs-pick-status").first
    status.click()
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    assert not status.evaluate("(el) => !!el.closest('.bs-class-view')")
    page.keyboard.press(key)


@pytest.mark.browser
def test_class_view_in_voila(page, voila_server, workdir):
    """Issue 23, in Voila: the class view plays on the page's clock (Playwright's), the
    keys work anywhere on the page, no empty band where a step has no side, clear states."""
    steps = steps_of("daily-back-care")
    page.clock.install()
    page.goto(voila_server.url("/"))
    view = page.locator(".bs-player.bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    countdown = view.locator(".bs-class-countdown.bs-countdown[role=timer]")
    current = view.locator(".bs-class-current")
    progress = view.locator(".bs-class-progress")
    side = view.locator(".bs-class-side")
    start, pause = view.locator(".bs-start"), view.locator(".bs-pause")
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds))
    for part in ("bs-class-next", "bs-class-progress", "bs-class-side"):
        expect(view.locator(f".{part}")).to_be_attached()
    shot_view(page, view, "05-1-voila-class-view")

    # no code: no editors or input areas, and none of the notebook's code as text
    assert page.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0
    text = page.locator("body").inner_text()
    shown = [ln for ln in code_lines(workdir / "notebooks" / "05_class_mode.ipynb") if ln in text]
    assert not shown, f"code is visible in the class view: {shown}"

    # the countdown is readable across a room
    size = countdown.evaluate("""(el) => Math.max(...[el, ...el.querySelectorAll('*')]
        .filter(e => e.textContent.trim()).map(e => parseFloat(getComputedStyle(e).fontSize)))""")
    assert size >= 100, f"countdown font-size {size}px"

    # the stretch's figure is large beside it, and names the stretch shown
    figure = view.locator(".bs-figure svg.bs-pose")
    expect(figure).to_be_visible()
    assert figure.bounding_box()["width"] >= 0.35 * page.viewport_size["width"]
    expect(figure).to_have_attribute("aria-label", re.compile(
        "^" + re.escape(current.inner_text().strip())))

    # clear states: a step with no side (Pelvic tilt) leaves no band for it; the voice
    # speed is the buttons' height; a full-screen button is there
    assert steps[0].side is None
    expect(side).to_be_hidden()
    assert side.evaluate("(el) => el.getBoundingClientRect().height") == 0
    bf.assert_controls_one_height(view)
    expect(view.locator(".bs-fullscreen")).to_be_visible()
    expect(view.locator(".bs-fullscreen")).to_be_enabled()
    ready_look = bf.look(start)

    # Start by mouse, on the page's clock
    bf.record_drawn(view)
    bf.pause_clock(page)
    start.click()
    expect(start).to_be_disabled()
    assert all(bf.look(start)[k] != ready_look[k] for k in ready_look)
    page.clock.run_for(2000)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds - 2))
    shot_view(page, view, "05-2-voila-running")

    # Space pauses, anywhere on the page: the time holds; Space resumes
    press_key(page, " ")
    expect(pause).to_have_text("Resume")
    assert all(bf.look(start)[k] != ready_look[k] for k in ready_look)
    held = countdown.inner_text()
    page.clock.run_for(5000)
    expect(countdown).to_have_text(held)
    shot_view(page, view, "05-3-voila-paused-by-space")
    press_key(page, " ")
    expect(pause).to_have_text("Pause")
    page.clock.run_for(1000)
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds - 3))

    # the steps change on the page's clock; ArrowRight (or N) skips, ArrowLeft (or B) back
    page.clock.run_for((steps[0].seconds - 3) * 1000)
    expect(progress).to_contain_text("step 2 of ")
    expect(countdown).to_have_text(bf.clock_text(steps[1].seconds))
    for forward, backward in (("ArrowRight", "ArrowLeft"), ("n", "b")):
        press_key(page, forward)
        expect(progress).to_contain_text("step 3 of ")
        if forward == "ArrowRight":
            shot_view(page, view, "05-4-voila-skipped-by-arrow")
        press_key(page, backward)
        expect(progress).to_contain_text("step 2 of ")
    # a step with a side shows it, big; the step after it without one hides it again
    sided = next(i for i, s in enumerate(steps) if s.side)
    for _ in range(sided - 1):
        press_key(page, "N")
    expect(progress).to_contain_text(f"step {sided + 1} of ")
    expect(side).to_be_visible()
    expect(side).to_have_text(re.compile(steps[sided].side, re.I))
    shot_view(page, view, "05-5-voila-a-side")

    # R resets to the very start: the first step, at its full length, ready to start again
    press_key(page, "r")
    expect(countdown).to_have_text(bf.clock_text(steps[0].seconds))
    expect(start).to_be_enabled()
    expect(side).to_be_hidden()
    seen, frames = bf.drawn(page)
    assert frames > 500 and not [d for d in seen if d[2] == "0:00"], seen
    page.clock.resume()
    shot_view(page, view, "05-6-voila-reset")

    # the handout buttons write the files in the data folder (as on a hub: outside the
    # workbook), shown by name or from the home, never by the server's folders
    panel = page.locator(".bs-handout")
    status = panel.locator(".bs-handout-status")
    for css, suffix in (("bs-handout-html", ".html"), ("bs-handout-pdf", ".pdf")):
        panel.locator(f".{css}").click()
        # this file's "Saved", not the one before it
        expect(status).to_contain_text(re.compile(r"Saved .*" + re.escape(suffix)),
                                       timeout=KERNEL_TIMEOUT_MS)
        shown = status.locator("code").first.inner_text().strip()
        assert not Path(shown).is_absolute(), f"the page shows a server path: {shown}"
        written = voila_server.data_dir / "handouts" / Path(shown).name
        assert written.is_file() and shown == shown_path(written), (written, shown)
        head = written.read_bytes()[:64]
        assert head.startswith(b"%PDF") if suffix == ".pdf" else b"<" in head, head
        written.unlink()  # the next click must write it again to pass
        status.evaluate("(el) => el.scrollIntoView({block: 'center'})")
        shot(page, f"05-7-voila-handout{suffix.replace('.', '-')}")

    # picking another routine in the page (no code) changes what the class view teaches
    page.locator(".bs-pick select").select_option(label="Desk break (ready)")
    expect(page.locator(".bs-pick-status")).to_contain_text("Desk break")
    expect(view.locator(".bs-class-title")).to_contain_text("Desk break")
    expect(countdown).to_have_text("0:10")
    handouts = voila_server.data_dir / "handouts"
    expect(panel.locator("input")).to_have_value(shown_path(handouts / "desk-break", handouts))
    expect(figure).to_have_attribute("aria-label", re.compile(
        "^" + re.escape(current.inner_text().strip())))
    shot_view(page, view, "05-8-voila-picked-desk-break")
    assert not page.page_errors, page.page_errors


# -- handouts: user text is shown literally, never run -----------------------------------------
NASTY_NAME = '<img src=x onerror="window.__pwned=1">'
NASTY_DESCRIPTION = "Before <script>window.__pwned=2</script> after"


@pytest.mark.browser
def test_handout_shows_user_text_literally(page, tmp_path):
    routine = tmp_path / "nasty.yaml"
    routine.write_text(
        "version: 1\n"
        f"name: {json.dumps(NASTY_NAME)}\n"
        f"description: {json.dumps(NASTY_DESCRIPTION)}\n"
        "items:\n  - stretch: knee-to-chest\n  - stretch: figure-four-glute\n    hold: 20\n",
        encoding="utf-8")
    out = tmp_path / "handout.html"
    result = subprocess.run([sys.executable, "-m", "backstretch", "handout", str(routine),
                             "-o", str(out)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr
    assert out.is_file()

    requests: list[str] = []
    page.on("request", lambda req: requests.append(req.url))
    page.goto(out.as_uri())
    page.wait_for_load_state("load")
    # a probe image that fails to load, like the user's: once its onerror has fired,
    # any onerror smuggled in through the name would have fired too
    page.evaluate("""() => new Promise((resolve) => {
        const probe = new Image();
        probe.onerror = probe.onload = () => resolve(true);
        probe.src = 'x-probe-' + Date.now();
        document.body.appendChild(probe);
        setTimeout(() => resolve(false), 5000);
    })""")
    assert page.evaluate("() => typeof window.__pwned") == "undefined"

    body = page.locator("body")
    expect(body).to_contain_text(NASTY_NAME)
    expect(page.get_by_text(NASTY_NAME).first).to_be_visible()
    expect(body).to_contain_text("window.__pwned=2")
    scripts = page.evaluate("""() => [...document.querySelectorAll('script')]
        .filter(s => s.textContent.includes('__pwned')).length""")
    assert scripts == 0, "user text became a <script> element"
    assert page.locator("img[onerror], [onerror]").count() == 0
    # self-contained: nothing but the file itself (and inline data) was fetched
    outside = [u for u in requests if not u.startswith(("file://", "data:", "blob:"))]
    assert not outside, outside
    shot(page, "handout-1-literal-user-text")
    assert not page.page_errors, page.page_errors


# -- issue 13: paused look, every notebook link, the presented class page --------------------
MARKDOWN_LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
DIGITS_COLOUR = """(el) => getComputedStyle([el, ...el.querySelectorAll('*')].find(
    e => [...e.childNodes].some(n => n.nodeType === 3 && /\\d:\\d\\d/.test(n.textContent)))).color"""
"""The colour the countdown's digits are drawn in (whatever element holds them)."""


def markdown_links(notebook: Path) -> list[str]:
    """The targets of every Markdown link in a notebook's text cells, in order."""
    book = json.loads(notebook.read_text())
    return [m.group(1) for cell in book["cells"] if cell["cell_type"] == "markdown"
            for m in MARKDOWN_LINK.finditer("".join(cell["source"]))]


def heading_anchor(line: str) -> str:
    """A Markdown heading's anchor as GitHub makes it: lower case, spaces to hyphens,
    other punctuation dropped."""
    text = line.lstrip("#").strip().lower()
    return re.sub(r"[^\w\- ]", "", text).replace(" ", "-")


@pytest.mark.browser
def test_every_link_of_every_notebook_opens_in_lab(page, lab, workdir):
    notebooks = sorted((workdir / "notebooks").glob("*.ipynb"))
    current = page.locator("#jp-main-dock-panel .lm-TabBar-tab.lm-mod-current")
    opened = []
    for notebook in notebooks:
        expected = markdown_links(notebook)
        tab = page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=notebook.name)
        if tab.count():  # opened by an earlier notebook's link: no need to reload Lab
            tab.click()
        else:
            page.goto(lab.url(f"lab/workspaces/links/tree/notebooks/{notebook.name}"))
        expect(current).to_contain_text(notebook.name, timeout=KERNEL_TIMEOUT_MS)
        links = page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-RenderedMarkdown "
                            "a[href]:not(.jp-InternalAnchorLink)")
        expect(links).to_have_count(len(expected), timeout=UI_TIMEOUT_MS)
        for i, target in enumerate(expected):
            path, _, section = target.partition("#")
            name = Path(path).name
            links.nth(i).scroll_into_view_if_needed()
            links.nth(i).click()
            expect(current).to_contain_text(name)  # opened in Lab, in its own tab
            assert page.locator(".jp-Dialog").count() == 0, f"{notebook.name} -> {target}"
            if name.endswith(".md"):  # the document itself, shown as a page
                doc = (notebook.parent / path).read_text()
                if section:  # a heading of that document (as GitHub names its anchors)
                    assert section in {heading_anchor(ln) for ln in doc.splitlines()
                                       if ln.startswith("#")}, target
                title = next(ln[2:].strip() for ln in doc.splitlines() if ln.startswith("# "))
                expect(page.locator("h1:visible").filter(has_text=title).first).to_be_visible()
                shot(page, f"links-{notebook.stem}-{Path(target).stem}")
            opened.append((notebook.name, target))
            page.locator("#jp-main-dock-panel .lm-TabBar-tab", has_text=notebook.name).click()
            expect(current).to_contain_text(notebook.name)
    assert len(opened) >= 15, opened  # the workbook's map and "what's next" links
    assert any(t.startswith("../docs/") for _, t in opened)
    assert not page.page_errors, page.page_errors


@pytest.mark.browser
def test_the_presented_class_page_opens_on_the_class_view(page, voila_server, workdir):
    page.goto(voila_server.url("/"))
    view = page.locator(".bs-class-view")
    expect(view).to_be_visible(timeout=KERNEL_TIMEOUT_MS)
    page.evaluate("() => window.scrollTo(0, 0)")
    top = view.bounding_box()["y"]
    above = view.evaluate("""(view) => [...document.querySelectorAll('body *')]
        .filter(e => !view.contains(e) && e.checkVisibility() && [...e.childNodes].some(
            n => n.nodeType === 3 && n.textContent.trim()))
        .filter(e => { const r = e.getBoundingClientRect();
                       return r.width > 0 && r.height > 0
                           && r.bottom <= view.getBoundingClientRect().top + 1; })
        .map(e => e.textContent.trim().slice(0, 60))""")
    shot(page, "13-voila-first-screen")
    assert top < 60 and not above, (top, above)

    # nothing meant for the notebook's author: rehearsal, escaping demo, terminal commands
    text = page.locator("body").inner_text()
    book = json.loads((workdir / "notebooks" / "05_class_mode.ipynb").read_text())
    hidden = [cell for cell in book["cells"] if "author-only" in cell["metadata"].get("tags", [])]
    assert len(hidden) >= 5
    for cell in hidden:
        if cell["cell_type"] == "markdown":
            lines = [re.sub(r"[#*`\[\]]|\(\S+\)", "", ln).strip()
                     for ln in "".join(cell["source"]).splitlines()]
            line = max(lines, key=len)
            assert line and line not in text, f"author-only text shows: {line!r}"
    for phrase in ("pretend clock", "make present", "backstretch handout", "class-link",
                   "alert(1)"):
        assert phrase not in text, phrase
    # the rest of the lesson does show: pick, safety, handouts
    for heading in ("Pick a routine", "Safety first", "Handouts"):
        assert heading in text, heading

    # every link the page shows answers (links it could not follow are left out)
    hrefs = page.evaluate("""() => [...document.querySelectorAll('a[href]')]
        .filter(a => a.offsetParent !== null).map(a => a.href)""")
    for href in hrefs:
        if href.startswith(voila_server.base):
            sep = "&" if "?" in href else "?"
            reply = page.request.get(f"{href}{sep}token={voila_server.token}")
            assert reply.status == 200, (href, reply.status)
        else:
            assert href.startswith("https://"), href  # a source, opened on the web
    assert not page.page_errors, page.page_errors
