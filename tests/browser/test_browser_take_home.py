"""The take-home page (``backstretch follow``) in Chromium, as on a phone with the network cut.

Each page is written by the command a new user runs, opened from ``file://`` at 390x844
with touch, every request but ``file:`` refused (and none may be tried). The page's clock
is Playwright's, paused at ``T0``: it moves only when a test moves it, so a whole routine
plays in a moment and every countdown is read at an exact time. What the page shows is
checked against the routine's own steps, computed here by the package.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import browser_fixtures as bf
import pytest
import yaml

import backstretch
from backstretch.base.language import speaking
from backstretch.guided.timeline import page_steps
from backstretch.log.store import SessionLog
from backstretch.routines.steps import FINISHED_TITLE, clock_text

pytestmark = pytest.mark.browser

T0 = 1_800_000_000  # the page's clock (seconds since 1970), paused; tests move it
PHONE = {"width": 390, "height": 844}
SCRIPT = "<img src=x onerror=alert(1)>"
AXE = bf.REPO / "node_modules" / "axe-core" / "axe.min.js"
BUTTONS = ("Start", "Pause", "Back", "Skip", "Reset")

WATCH = """
window.__csp = [];
window.addEventListener('securitypolicyviolation',
    (e) => window.__csp.push(`${e.violatedDirective} ${e.blockedURI}`), true);
"""

# every control a finger uses (visible ones): its box, and a checkbox's or select's label
CONTROLS = """() => {
    const seen = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
    const name = (e) => `${e.tagName.toLowerCase()}.${e.className} "${(e.textContent || e.value
        || e.getAttribute('aria-label') || '').trim().slice(0, 30)}"`;
    const out = [];
    for (const e of document.querySelectorAll('button, select, input, a[href], label')) {
        if (!seen(e)) continue;
        if (e.tagName === 'LABEL' && !e.querySelector('input, select')) continue;
        // a checkbox is hit through its label (the whole line): that is its target
        const hit = e.matches('input[type=checkbox]') ? e.closest('label') || e : e;
        const r = hit.getBoundingClientRect();
        out.push({ name: name(e), width: r.width, height: r.height });
    }
    return out;
}"""


@dataclass
class Phone:
    """A page in a phone-sized context, and everything it did that it should not."""

    page: object
    routed: list[str] = field(default_factory=list)  # every request the page made
    tried: list[str] = field(default_factory=list)  # requests to anything but file:
    errors: list[str] = field(default_factory=list)  # page errors, console errors
    dialogs: list[str] = field(default_factory=list)

    def violations(self) -> list[str]:
        return self.page.evaluate("() => window.__csp")

    def assert_quiet(self) -> None:
        """Nothing reached for the network, nothing failed, the policy was never hit."""
        assert not self.tried, f"the page reached for the network: {self.tried}"
        assert not self.errors, self.errors
        assert not self.dialogs, self.dialogs
        assert not self.violations(), self.violations()


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> dict[str, Path]:
    """The take-home pages, written by ``backstretch follow`` as a user runs it."""
    bf.require_browser()
    out = tmp_path_factory.mktemp("take-home")
    catalogue = yaml.safe_load((bf.REPO / "data" / "stretches.yaml").read_text("utf-8"))
    for s in catalogue["stretches"]:
        if s["id"] == "chair-side-bend":
            s["name"] = SCRIPT
    (out / "marked.yaml").write_text(yaml.safe_dump(catalogue, allow_unicode=True), "utf-8")
    (out / "evil.yaml").write_text(yaml.safe_dump({
        "version": 1, "name": SCRIPT,
        "items": [{"stretch": "chair-side-bend"}, {"stretch": "standing-rotation"}]}), "utf-8")
    made = {}
    for key, args in (("desk-break", ["follow", "desk-break"]),
                      ("daily-back-care", ["follow", "daily-back-care"]),
                      ("evil", ["--catalogue", str(out / "marked.yaml"), "follow",
                                str(out / "evil.yaml")])):
        target = out / f"{key}.html"
        done = cli(*args, "-o", str(target))
        assert done.returncode == 0 and target.is_file(), done.stderr
        made[key] = target
    return made


def cli(*args: str, data_dir: Path | None = None,
        lang: str | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ)
    if lang is not None:
        env["BACKSTRETCH_LANG"] = lang
    if data_dir is not None:
        env["BACKSTRETCH_DATA_DIR"] = str(data_dir)
    return subprocess.run([str(bf.BIN / "backstretch"), *args], check=False, capture_output=True,
                          text=True, env=env, timeout=120)


@pytest.fixture
def phone(browser, request):  # noqa: F811 - the browser fixture
    """A phone-sized page with touch; ``indirect`` False leaves out Chromium's mobile
    emulation, under which it reports no layout shift at all."""
    mobile = getattr(request, "param", True)
    context = browser.new_context(viewport=PHONE, has_touch=True, is_mobile=mobile,
                                  device_scale_factor=2, accept_downloads=True)
    context.set_default_timeout(bf.UI_TIMEOUT_MS)
    found = Phone(page=None)

    def offline(route):
        url = route.request.url
        found.routed.append(url)
        if url.startswith("file:"):
            return route.continue_()
        found.tried.append(url)
        return route.abort()

    context.route("**/*", offline)
    context.add_init_script(WATCH)
    page = context.new_page()
    page.on("pageerror", lambda exc: found.errors.append(f"page error: {exc}"))
    page.on("console", lambda m: m.type == "error" and found.errors.append(f"console: {m.text}"))

    def dialog(d):
        found.dialogs.append(d.message)
        d.dismiss()

    page.on("dialog", dialog)
    page.clock.install(time=T0 - 1)  # a moment before: pause_at never goes back in time
    page.clock.pause_at(T0)
    found.page = page
    yield found
    bf.shot(page, f"{request.node.name}-zz-last")
    context.close()


def routine(key: str):
    return backstretch.load_routine(key, backstretch.load_catalogue())


def open_page(phone: Phone, path: Path) -> None:
    phone.page.goto(path.as_uri())
    phone.page.locator(".bs-player .bs-countdown").wait_for()


def run(phone: Phone, seconds: float) -> None:
    """Move the page's clock on (its timers fire as they fall due)."""
    phone.page.clock.run_for(round(seconds * 1000))


def shown(phone: Phone) -> tuple[str, str]:
    """The current step's heading and the countdown, as read by a screen reader's roles."""
    page = phone.page
    heading = page.locator(".bs-player").get_by_role("heading")
    return heading.inner_text().strip(), page.get_by_role("timer").inner_text().strip()


def button(phone: Phone, name: str):
    return phone.page.get_by_role("button", name=name, exact=True)


def ticked(phone: Phone) -> list[str]:
    return phone.page.evaluate("""() => [...document.querySelectorAll('#bs-checklist input')]
        .filter((c) => c.checked).map((c) => c.closest('label').textContent.trim())""")


def sideways_scroll(phone: Phone) -> int:
    """How far the page scrolls sideways (0: not at all)."""
    return phone.page.evaluate(
        "() => document.documentElement.scrollWidth - document.documentElement.clientWidth")


def serious_violations(phone: Phone) -> list[str]:
    """axe-core's serious or critical WCAG 2.1 A/AA violations. axe runs on the page's
    own (paused) clock, which is moved on in small steps until it has answered; the
    policy forbids adding its script as an element, so it is evaluated directly."""
    if not AXE.is_file():
        missing = f"{AXE} is missing: run `make test` (it installs axe-core with npm)"
        if os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    page = phone.page
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE.read_text(encoding="utf-8"))
    page.evaluate("""() => {
        window.__axe = null;
        axe.run(document, { runOnly: { type: 'tag',
                                       values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
          .then((r) => { window.__axe = r.violations
              .filter((v) => ['serious', 'critical'].includes(v.impact))
              .map((v) => `${v.id} (${v.impact}): ${v.help}: ` +
                   v.nodes.slice(0, 4).map((n) => n.target.join(' ')).join(' | ')); },
                (e) => { window.__axe = [`axe failed: ${e}`]; });
    }""")
    for _ in range(400):
        found = page.evaluate("() => window.__axe")
        if found is not None:
            return found
        page.clock.run_for(50)
    raise AssertionError("axe-core gave no answer")


# -- on a phone, offline: whole, named, big enough -----------------------------------------
def test_on_a_phone_offline_the_page_is_whole_named_big_enough_and_accessible(phone, files):
    r = routine("desk-break")
    steps = page_steps(r)
    open_page(phone, files["desk-break"])
    page = phone.page

    assert shown(phone) == (steps[0]["title"], clock_text(steps[0]["seconds"]))
    assert page.get_by_role("heading", name=steps[0]["title"], exact=True).is_visible()
    for name in BUTTONS:
        named = button(phone, name)
        assert named.count() == 1 and named.is_visible(), name
    boxes = [r.box_label(b) for b in r.checklist_boxes()]
    assert page.get_by_role("checkbox").count() == len(boxes)
    for label in boxes:
        assert page.get_by_role("checkbox", name=label, exact=True).count() == 1, label
    assert any(", left side" in b for b in boxes)  # labelled by stretch and side

    assert sideways_scroll(phone) == 0
    sizes = page.evaluate("""() => {
        const w = (e) => e.getBoundingClientRect().width;
        const c = document.querySelector('.bs-countdown');
        const digits = document.createRange();
        digits.selectNodeContents(c);
        return { view: document.documentElement.clientWidth, countdown: w(c),
                 digits: digits.getBoundingClientRect().width,
                 figure: w(document.querySelector('.bs-figure svg')) };
    }""")
    view = sizes["view"]
    assert sizes["countdown"] >= 0.85 * view and sizes["figure"] >= 0.85 * view, sizes
    assert sizes["digits"] >= 0.6 * view, sizes  # digits read from the floor, not a strip
    small = [c for c in page.evaluate(CONTROLS) if c["width"] < 44 or c["height"] < 44]
    assert not small, f"controls under 44x44 CSS px: {small}"

    # a checkbox is hit by a tap anywhere on its line (its label), and untapped again
    line = page.locator("#bs-checklist label").last
    line.scroll_into_view_if_needed()
    box = line.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 10, box["y"] + box["height"] / 2)
    assert ticked(phone) == [boxes[-1]]
    line.tap()
    assert ticked(phone) == []

    assert serious_violations(phone) == []
    button(phone, "Start").tap()
    run(phone, 2)
    button(phone, "Pause").tap()
    assert button(phone, "Resume").is_visible()
    assert serious_violations(phone) == []  # paused, mid-step: the greyed Start too
    assert not [c for c in page.evaluate(CONTROLS) if c["width"] < 44 or c["height"] < 44]
    phone.assert_quiet()


# -- a whole routine by touch: pain, a note, a reload, the download, the import -----------
def test_desk_break_by_touch_with_pain_a_note_a_reload_and_back_into_the_log(phone, files,
                                                                               tmp_path):
    r = routine("desk-break")
    steps = page_steps(r)
    boxes = [r.box_label(b) for b in r.checklist_boxes()]
    open_page(phone, files["desk-break"])
    page = phone.page
    page.locator("#bs-pain-before").select_option("3")

    button(phone, "Start").tap()
    run(phone, 3)
    assert shown(phone) == (steps[0]["title"], clock_text(steps[0]["seconds"] - 3))
    button(phone, "Pause").tap()
    run(phone, 30)  # paused: the time stands still
    assert shown(phone)[1] == clock_text(steps[0]["seconds"] - 3)
    button(phone, "Resume").tap()
    button(phone, "Skip").tap()
    assert shown(phone) == (steps[1]["title"], clock_text(steps[1]["seconds"]))
    button(phone, "Back").tap()
    assert shown(phone) == (steps[0]["title"], clock_text(steps[0]["seconds"]))

    # every step in turn, on time, and the page never wider than the phone
    half = len(steps) // 2
    for n, step in enumerate(steps[:half]):
        assert shown(phone) == (step["title"], clock_text(step["seconds"])), n
        assert sideways_scroll(phone) == 0, step["title"]
        run(phone, step["seconds"])
    run(phone, 1)
    before = (shown(phone), ticked(phone))
    assert before[0] == (steps[half]["title"], clock_text(steps[half]["seconds"] - 1))
    assert before[1] and len(before[1]) < len(boxes)  # some holds done, not all

    page.reload()  # mid-session: where it was, to the second, with its ticks and pain
    page.locator(".bs-player .bs-countdown").wait_for()
    assert (shown(phone), ticked(phone)) == before
    assert page.locator("#bs-pain-before").input_value() == "3"
    assert button(phone, "Pause").is_enabled()  # still running
    run(phone, steps[half]["seconds"] - 2)
    assert shown(phone)[0] == steps[half]["title"]  # not early ...
    run(phone, 1)
    assert shown(phone)[0] == steps[half + 1]["title"]  # ... nor late
    for step in steps[half + 1:]:
        assert sideways_scroll(phone) == 0, step["title"]
        run(phone, step["seconds"])
    assert shown(phone)[0] == FINISHED_TITLE
    assert ticked(phone) == boxes  # every hold held to its end is ticked

    page.locator("#bs-pain-after").select_option("1")
    page.locator("#bs-note").tap()
    page.locator("#bs-note").fill("Looser after")
    assert page.locator("#bs-sessions").inner_text().startswith("1 session done")
    assert serious_violations(phone) == []
    page.reload()
    page.locator(".bs-player .bs-countdown").wait_for()
    assert shown(phone)[0] == FINISHED_TITLE and ticked(phone) == boxes
    assert page.locator("#bs-pain-after").input_value() == "1"
    assert page.locator("#bs-note").input_value() == "Looser after"

    with page.expect_download() as info:
        button(phone, "Download your sessions").tap()
    download = info.value
    assert download.suggested_filename.endswith(".json")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text("utf-8"))
    (session,) = data["sessions"]
    assert (session["pain_before"], session["pain_after"], session["note"]) == \
        (3, 1, "Looser after")
    assert session["events"][0]["event"] == "start" and session["events"][0]["at"] == T0

    data_dir = tmp_path / "data"
    first = cli("log", "import", str(saved), data_dir=data_dir)
    assert first.returncode == 0 and "1 session added" in first.stdout, first
    again = cli("log", "import", str(saved), data_dir=data_dir)
    assert again.returncode == 0, again
    assert "0 sessions added" in again.stdout and "1 session already there" in again.stdout
    with SessionLog(data_dir / "sessions.sqlite") as log:
        (rec,) = log.sessions()
    assert (rec.routine, rec.pain_before, rec.pain_after, rec.note) == \
        (r.name, 3, 1, "Looser after")
    assert rec.steps_completed == len(boxes) and rec.started_at.timestamp() == T0
    phone.assert_quiet()


# -- a fifteen-minute routine by keyboard --------------------------------------------------
def test_a_fifteen_minute_routine_by_keyboard_ends_with_every_hold_ticked(phone, files):
    r = routine("daily-back-care")
    assert 13 * 60 <= r.duration <= 17 * 60, r.duration  # about fifteen minutes
    steps = page_steps(r)
    boxes = [r.box_label(b) for b in r.checklist_boxes()]
    open_page(phone, files["daily-back-care"])
    page = phone.page
    kb = page.keyboard

    # Tab reaches a checkbox, Space ticks it and untick it; then back out of the list
    page.get_by_role("checkbox", name=boxes[0], exact=True).focus()
    kb.press("Space")
    assert ticked(phone) == [boxes[0]]
    kb.press("Space")
    assert ticked(phone) == []
    page.evaluate("() => document.activeElement.blur()")

    top = page.evaluate("() => scrollY")
    kb.press("Space")  # start
    assert button(phone, "Pause").is_enabled()
    run(phone, 2)
    kb.press("Space")  # pause
    assert button(phone, "Resume").is_visible()
    kb.press("Space")  # resume
    kb.press("ArrowRight")
    assert shown(phone)[0] == steps[1]["title"]
    kb.press("ArrowLeft")
    assert shown(phone) == (steps[0]["title"], clock_text(steps[0]["seconds"]))
    kb.press("n")
    kb.press("b")
    kb.press("r")  # reset: back to the start, ready
    assert button(phone, "Start").is_enabled() and not button(phone, "Pause").is_enabled()
    assert page.evaluate("() => scrollY") == top  # the keys never scrolled the page

    # Tab to Start, Enter presses it; then the whole routine on the clock
    for _ in range(40):
        kb.press("Tab")
        if page.evaluate("() => document.activeElement.textContent") == "Start":
            break
    kb.press("Enter")
    assert button(phone, "Pause").is_enabled()
    run(phone, r.duration)
    assert shown(phone)[0] == FINISHED_TITLE
    assert ticked(phone) == boxes and len(boxes) == len(r.checklist_boxes())
    phone.assert_quiet()


# -- safe: names are text; the policy holds ------------------------------------------------
def test_markup_in_a_routine_and_a_stretch_name_is_shown_literally_and_runs_nothing(phone,
                                                                                     files):
    open_page(phone, files["evil"])
    page = phone.page
    assert page.locator("h1").inner_text() == SCRIPT
    assert page.title().startswith(SCRIPT)
    assert page.get_by_role("heading", name=f"Get ready: {SCRIPT}", exact=True).is_visible()
    assert page.get_by_role("checkbox", name=f"{SCRIPT}, left side", exact=True).count() == 1
    button(phone, "Start").tap()
    seen = set()
    for _ in range(60):  # every step drawn, its text and figure
        seen.add(shown(phone)[0])
        if shown(phone)[0] == FINISHED_TITLE:
            break
        button(phone, "Skip").tap()
    assert any(SCRIPT in title and "left side" in title for title in seen), seen
    assert page.locator("img").count() == 0
    assert page.evaluate("() => document.querySelectorAll('[onerror], [onload]').length") == 0
    phone.assert_quiet()  # no dialog, no error, nothing the policy had to stop


def test_the_policy_allows_no_remote_source_and_is_enforced(phone, files):
    open_page(phone, files["desk-break"])
    page = phone.page
    policy = page.locator('meta[http-equiv="Content-Security-Policy"]').get_attribute("content")
    rules = {d.split()[0]: d.split()[1:] for d in policy.split(";") if d.strip()}
    assert rules["default-src"] == ["'none'"] and rules["connect-src"] == ["'none'"]
    assert rules["script-src"] and all(re.fullmatch(r"'sha256-[A-Za-z0-9+/=]+'", s)
                                       for s in rules["script-src"])
    assert not re.search(r"https?:|\*|//|'self'|blob:|data:|'unsafe-eval'", policy), policy
    assert phone.violations() == []

    # markup slipped into the page would run nothing and load nothing
    page.evaluate("""() => {
        const d = document.createElement('div');
        d.innerHTML = '<img src="x" onerror="window.__ran = 1">';
        document.body.append(d);
        const s = document.createElement('script');
        s.textContent = 'window.__ran = 2';
        document.body.append(s);
        return fetch('https://example.org/x').catch(() => null);
    }""")
    run(phone, 1)
    assert page.evaluate("() => window.__ran") is None
    hit = " ".join(phone.violations())
    for directive in ("script-src", "img-src", "connect-src"):
        assert directive in hit, (directive, hit)
    assert not phone.tried, phone.tried
    assert phone.routed == [files["desk-break"].as_uri()]  # the file itself, and nothing else


# -- sessions are never lost: two tabs of one file, Back from the end -----------------------
def test_two_tabs_of_the_page_keep_both_sessions_and_back_from_the_end_goes_on(phone, files):
    r = routine("desk-break")
    steps = page_steps(r)
    open_page(phone, files["desk-break"])
    other = Phone(page=phone.page.context.new_page())  # the same file, opened twice
    other.page.on("pageerror", lambda exc: phone.errors.append(f"other tab: {exc}"))
    other.page.goto(files["desk-break"].as_uri())
    other.page.locator(".bs-player .bs-countdown").wait_for()

    button(phone, "Start").tap()
    run(phone, r.duration)
    assert shown(phone)[0] == FINISHED_TITLE
    button(other, "Start").tap()  # this tab never saw the first session
    run(phone, r.duration)
    assert shown(other)[0] == FINISHED_TITLE
    button(other, "Back").tap()  # from the end: the last step again, the same session
    assert shown(other) == (steps[-1]["title"], clock_text(steps[-1]["seconds"]))
    button(other, "Resume").tap()
    run(phone, steps[-1]["seconds"])
    assert shown(other)[0] == FINISHED_TITLE
    for tab in (other, phone):
        tab.page.reload()
        assert tab.page.locator("#bs-sessions").inner_text().startswith("2 sessions done")

    with phone.page.expect_download() as info:
        button(phone, "Download your sessions").tap()
    data = json.loads(Path(info.value.path()).read_text("utf-8"))
    starts = [s["events"][0]["at"] for s in data["sessions"]]
    assert starts == [T0, T0 + r.duration]
    assert [e["event"] for e in data["sessions"][1]["events"][-3:]] == ["back", "resume", "tick"]
    phone.assert_quiet()


# -- nothing moves as the page loads ---------------------------------------------------------
SHIFTS = """
window.__shifts = [];
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
        if (!e.hadRecentInput) window.__shifts.push(
            {value: e.value, moved: e.sources.map((s) => s.node ? s.node.nodeName + '.' +
                                                   (s.node.className || '') : '?')});
    }
}).observe({type: 'layout-shift', buffered: true});
"""
# every element of the page but a figure's insides: its tag, class, box and own words
LAYOUT = """() => [...document.querySelectorAll('main *')]
    .filter((e) => !e.closest('svg') || e.tagName === 'svg')
    .map((e) => { const r = e.getBoundingClientRect();
                  const words = [...e.childNodes].filter((n) => n.nodeType === 3)
                      .map((n) => n.textContent).join('');
                  return [e.tagName, e.getAttribute('class') || '', words,
                          ...[r.x, r.y, r.width, r.height].map((v) => Math.round(v * 10) / 10)];
                })"""


def _script_after_a_paint(html: str) -> str:
    """The page with its script held back until the page's clock moves on, so the page is
    painted first as a slow phone paints it (the policy's hash follows the script)."""
    body = re.search(r'<script type="module">(.*?)</script>', html, re.DOTALL).group(1)
    late = "await new Promise((go) => setTimeout(go, 200));\n" + body
    digest = base64.b64encode(hashlib.sha256(late.encode("utf-8")).digest()).decode("ascii")
    old = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
    return html.replace(body, late).replace(f"'sha256-{old}'", f"'sha256-{digest}'")


def _layout_shift(phone: Phone, html: str, folder: Path, moves: bool = False
                  ) -> tuple[float, list]:
    """The cumulative layout shift of the page ``html`` loading, its script run after a
    first paint, with every shift (its size and what moved)."""
    path = folder / "page.html"
    path.write_text(_script_after_a_paint(html), "utf-8")
    phone.page.context.add_init_script(SHIFTS)
    phone.page.goto(path.as_uri())
    phone.page.wait_for_timeout(300)  # real time: the page is laid out ...
    phone.page.screenshot()  # ... and painted (headless Chromium paints when asked)
    run(phone, 0.5)  # the script runs and draws
    phone.page.locator(".bs-player .bs-countdown").wait_for()
    phone.page.wait_for_timeout(300)
    phone.page.screenshot()  # a frame with what it drew
    phone.page.wait_for_timeout(500)  # the observer reports
    if moves:  # it reports as it can: a busy machine is given time
        phone.page.wait_for_function("() => window.__shifts.length", timeout=10_000)
    shifts = phone.page.evaluate("() => window.__shifts")
    return sum(s["value"] for s in shifts), shifts


MEASURED = pytest.mark.parametrize("phone", [False], indirect=True, ids=["390x844"])
"""Layout shift is measured at a phone's size without mobile emulation (which reports none)."""


@MEASURED
@pytest.mark.parametrize("key", ["desk-break", "daily-back-care"])
def test_the_page_loads_with_its_first_step_drawn_and_nothing_moves(phone, files, key,
                                                                     tmp_path):
    shift, shifts = _layout_shift(phone, files[key].read_text("utf-8"), tmp_path)
    assert shift == 0, shifts
    assert shown(phone) == (routine(key).steps()[0].title,
                            clock_text(routine(key).steps()[0].seconds))
    phone.assert_quiet()


@MEASURED
def test_the_shift_is_measured_a_page_drawn_late_moves(phone, files, tmp_path):
    """The measure can fail: the same page with the player's box left empty, as it was."""
    html = files["desk-break"].read_text("utf-8")
    keys = re.search(r'<div class="bs-class-keys bs-keys">.*?</div>', html).group(0)
    empty = re.sub(r'(<div id="bs-player"[^>]*>).*?(</div><section class="bs-th-after")',
                   lambda m: m.group(1) + keys + m.group(2), html, count=1, flags=re.DOTALL)
    assert empty != html
    shift, shifts = _layout_shift(phone, empty, tmp_path, moves=True)
    assert shift > 0.1, shifts


@pytest.mark.parametrize("viewport", [PHONE, {"width": 1280, "height": 800}])
def test_the_page_as_written_is_the_page_its_script_draws(browser, files, viewport):  # noqa: F811
    """Element by element, the HTML as loaded (no script run) and the page once its script
    has drawn it: the same tags, classes, words and boxes."""
    first_paint_is_drawn(browser, files["daily-back-care"], viewport)


def test_in_spanish_the_page_as_written_is_the_page_its_script_draws(browser, spanish):
    """The first paint and the player read one table of words: in Spanish too."""
    first_paint_is_drawn(browser, spanish, PHONE)


def first_paint_is_drawn(browser, path: Path, viewport: dict) -> None:
    seen = {}
    for script in (False, True):
        context = browser.new_context(viewport=viewport, java_script_enabled=script,
                                      device_scale_factor=2)
        page = context.new_page()
        page.clock.install(time=T0)
        page.clock.pause_at(T0 + 1)
        page.goto(path.as_uri())
        page.locator(".bs-player .bs-countdown").wait_for()
        if script:
            page.wait_for_function("() => document.querySelector('.bs-current').dataset.text")
        seen[script] = page.evaluate(LAYOUT)
        bf.shot(page, f"take-home-first-paint-{path.stem}-{viewport['width']}-"
                f"{'script' if script else 'html'}")
        context.close()
    assert len(seen[False]) == len(seen[True]) > 100
    for before, after in zip(seen[False], seen[True]):
        assert before == after


# -- in Spanish: the page's words, its language and its voice (issue 34) -------------------


@pytest.fixture(scope="module")
def spanish(tmp_path_factory) -> Path:
    """The desk-break page as ``backstretch follow`` writes it for a Spanish speaker."""
    bf.require_browser()
    target = tmp_path_factory.mktemp("take-home-es") / "pausa.html"
    done = cli("follow", "desk-break", "-o", str(target), lang="es")
    assert done.returncode == 0 and target.is_file(), done.stderr
    return target


def spanish_steps() -> list[dict]:
    with speaking("es"):
        return page_steps(routine("desk-break"))


def test_in_spanish_the_page_speaks_spanish_with_a_spanish_voice(phone, spanish):
    page = phone.page
    page.context.add_init_script(bf.VOICES)
    open_page(phone, spanish)
    steps = spanish_steps()
    assert page.evaluate("() => document.documentElement.lang") == "es"
    assert page.locator("#bs-player").get_attribute("lang") == "es"
    for name in ("Empezar", "Pausa", "Atrás", "Saltar", "Reiniciar", "Voz"):
        assert button(phone, name).count() == 1, name
    for name in BUTTONS:  # no English button is left
        assert button(phone, name).count() == 0, name
    assert page.get_by_role("timer").get_attribute("aria-label") == "Tiempo restante de este paso"
    assert page.locator(".bs-keys").inner_text().startswith("Teclas:")
    assert page.locator(".bs-where").inner_text().startswith("Estiramiento 1 de 6 · paso 1 de")

    button(phone, "Empezar").tap()
    assert page.evaluate("() => window.__spoken") == []  # no voice listed yet: it waits
    page.evaluate("() => window.__setVoices([['en-US', 'Samantha'], ['es-ES', 'Mónica']])")
    assert page.evaluate("() => window.__spoken") == [
        {"text": steps[0]["spoken"], "lang": "es", "voice": "Mónica"}]
    run(phone, steps[0]["seconds"])
    assert page.evaluate("() => window.__spoken")[-1] == {
        "text": steps[1]["spoken"], "lang": "es", "voice": "Mónica"}
    assert page.locator(".bs-voice-note").is_hidden()
    assert page.locator(".bs-live").inner_text() == steps[1]["spoken"]
    button(phone, "Pausa").tap()
    assert button(phone, "Seguir").is_visible()
    assert serious_violations(phone) == []
    button(phone, "Reiniciar").tap()  # the session so far is kept, and counted in Spanish
    assert page.locator("#bs-sessions").inner_text() == "1 sesión hecha con esta página."
    phone.assert_quiet()


@pytest.mark.parametrize("voices", [[], [["en-US", "Samantha"], ["de-DE", "Anna"]]],
                         ids=["no-voice-at-all", "no-spanish-voice"])
def test_in_spanish_without_a_spanish_voice_it_says_so_once_and_goes_on(phone, spanish,
                                                                        voices):
    page = phone.page
    page.context.add_init_script(bf.VOICES)
    open_page(phone, spanish)
    steps = spanish_steps()
    if voices:
        page.evaluate("(v) => window.__setVoices(v)", voices)
    note = page.locator(".bs-voice-note")
    # a list without Spanish: said at once; no list at all: said once a moment has passed
    assert note.is_visible() if voices else note.is_hidden()
    button(phone, "Empezar").tap()
    run(phone, 2)  # the list stays as it is: no voice for Spanish
    assert note.is_visible()
    assert "español" in note.inner_text() and "voz" in note.inner_text()
    run(phone, steps[0]["seconds"] - 2)
    for n in range(1, 4):  # the steps go on, shown and announced, never spoken
        assert shown(phone) == (steps[n]["title"], clock_text(steps[n]["seconds"]))
        assert page.locator(".bs-live").inner_text() == steps[n]["spoken"]
        run(phone, steps[n]["seconds"])
    assert page.evaluate("() => window.__spoken") == []  # no Spanish words in another voice
    said_once = page.evaluate("""(text) => [...document.querySelectorAll('body *')]
        .filter((e) => e.children.length === 0 && e.textContent === text).length""",
                              note.inner_text())
    assert said_once == 1 and note.is_visible()
    phone.assert_quiet()


@pytest.mark.parametrize("voices", [[], [["de-DE", "Anna"]]], ids=["none-listed", "no-english"])
def test_in_english_no_voice_listed_is_the_default_voice_and_a_list_without_english_is_said(
        phone, files, voices):
    """English where the browser lists no voice at all (Chromium on Linux) goes to its
    default voice, as it always did; a list with no English voice is said once, as for
    any language, and nothing is spoken in another language's voice."""
    page = phone.page
    page.context.add_init_script(bf.VOICES)
    open_page(phone, files["desk-break"])
    steps = page_steps(routine("desk-break"))
    if voices:
        page.evaluate("(v) => window.__setVoices(v)", voices)
    button(phone, "Start").tap()
    run(phone, 2)
    note = page.locator(".bs-voice-note")
    if voices:
        assert page.evaluate("() => window.__spoken") == []
        assert note.is_visible() and note.inner_text().startswith(
            "This device has no voice for English:")
    else:
        assert page.evaluate("() => window.__spoken") == [
            {"text": steps[0]["spoken"], "lang": "en", "voice": None}]
        assert note.is_hidden()
    phone.assert_quiet()
