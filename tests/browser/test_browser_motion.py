"""The figure moves in time with the session (issue 35), in the take-home page on a phone:
from its start into the hold as the get-ready ends, still in the hold, at the repetitions'
pace, out on one side and in on the other; on the player's own clock (Playwright's, paused
and moved by the tests), so Pause stops it, Skip and Back place it and a hidden tab catches
up; stills, and nothing moving, for people who ask for less motion.

What the page draws is checked against the frames the package computed (the timeline's
``motions``): the page only blends two neighbouring frames.
"""

from __future__ import annotations

import math

import pytest
import yaml
from test_browser_take_home import T0, Phone, button, open_page, run, serious_violations

import backstretch
from backstretch.guided.timeline import WAY_SECONDS, page_timeline

pytestmark = pytest.mark.browser

HIDE = """
(() => {
  let shown = 'visible';
  Object.defineProperty(Document.prototype, 'visibilityState',
                        { get() { return shown; }, configurable: true });
  Object.defineProperty(Document.prototype, 'hidden',
                        { get() { return shown !== 'visible'; }, configurable: true });
  window.__show = (visible) => {
    shown = visible ? 'visible' : 'hidden';
    document.dispatchEvent(new Event('visibilitychange'));
  };
})();
"""
FIGURE = """() => {
    const f = document.querySelector('#bs-player .bs-figure');
    return { run: f.dataset.run || '', share: f.dataset.share ? Number(f.dataset.share) : null,
             side: f.dataset.side || '', stills: f.querySelectorAll('.bs-still').length,
             svgs: f.querySelectorAll('svg').length,
             mirrored: !!f.querySelector('svg > g[transform]'),
             points: [...f.querySelectorAll('svg')].map((s) => s.querySelector('polyline')
                                                        .getAttribute('points')) };
}"""
ROUTINE = {"version": 1, "name": "Moving figures",
           "settings": {"get_ready": 10, "switch_sides": 6},
           "items": [{"stretch": "knee-to-chest", "hold": 20, "reps": 1, "sides": "both"},
                     {"stretch": "cat-cow", "hold": 4, "reps": 3}]}


@pytest.fixture(scope="module")
def routine(tmp_path_factory):
    path = tmp_path_factory.mktemp("motion") / "moving.yaml"
    path.write_text(yaml.safe_dump(ROUTINE), "utf-8")
    return backstretch.load_routine(str(path), backstretch.load_catalogue())


@pytest.fixture(scope="module")
def page_file(routine, tmp_path_factory):
    from backstretch.handouts.take_home import save_take_home

    return save_take_home(routine, tmp_path_factory.mktemp("motion-page") / "moving.html")


@pytest.fixture
def phone(browser, request, page_file):
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True,
                                  is_mobile=True)
    context.add_init_script(HIDE)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.clock.install(time=T0 - 1)
    page.clock.pause_at(T0)
    if getattr(request, "param", None) == "reduce":
        page.emulate_media(reduced_motion="reduce")
    found = Phone(page=page)
    open_page(found, page_file)
    yield found
    assert errors == []
    context.close()


def figure(phone: Phone) -> dict:
    return phone.page.evaluate(FIGURE)


def numbers(points: str) -> list[float]:
    return [float(v) for pair in points.split() for v in pair.split(",")]


def drawn(frames: list[list[float]], share: float, count: int) -> list[float]:
    """The first polyline's points a share of the way along ``frames``, as the page blends."""
    at = min(max(share, 0), 1) * (len(frames) - 1)
    i = min(math.floor(at), len(frames) - 2)
    k = at - i
    a, b = frames[i], frames[i + 1]
    return [a[j] + k * (b[j] - a[j]) for j in range(2 * count)]


def assert_at(phone: Phone, motion: dict, run_: str, share: float, side: str) -> None:
    now = figure(phone)
    assert (now["run"], now["side"]) == (run_, side), now
    assert now["share"] == pytest.approx(share, abs=0.002), now
    count = motion["shapes"][0][3]
    assert numbers(now["points"][0]) == pytest.approx(drawn(motion[run_], share, count), abs=0.06)
    assert now["mirrored"] == (side == "left")


@pytest.fixture(scope="module")
def timeline(routine):
    return page_timeline(routine)


def test_the_figure_moves_from_its_start_into_the_hold_as_the_get_ready_ends(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    ready = timeline["steps"][0]["seconds"]
    assert_at(phone, knee, "way", 0, "left")  # before Start: where you start
    button(phone, "Start").tap()
    assert_at(phone, knee, "way", 0, "left")
    run(phone, ready - WAY_SECONDS - 0.5)
    assert_at(phone, knee, "way", 0, "left")  # the start, still, while you get there
    run(phone, 0.5 + WAY_SECONDS / 2)
    assert_at(phone, knee, "way", 0.5, "left")  # mid-way
    run(phone, WAY_SECONDS / 2)
    assert phone.page.get_by_role("timer").inner_text() == "0:20"  # the hold begins ...
    assert_at(phone, knee, "way", 1, "left")  # ... as the figure reaches it
    run(phone, 9.3)
    assert_at(phone, knee, "way", 1, "left")  # still through the hold


def test_pause_stops_the_figure_and_skip_and_back_place_it(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    ready = timeline["steps"][0]["seconds"]
    button(phone, "Start").tap()
    run(phone, ready - WAY_SECONDS / 2)
    button(phone, "Pause").tap()
    assert_at(phone, knee, "way", 0.5, "left")
    run(phone, 5)
    assert_at(phone, knee, "way", 0.5, "left")  # paused: nothing moves
    button(phone, "Resume").tap()
    run(phone, WAY_SECONDS / 4)
    assert_at(phone, knee, "way", 0.84375, "left")  # on from where it stopped (eased)
    button(phone, "Skip").tap()
    assert_at(phone, knee, "way", 1, "left")  # the hold: there at once
    button(phone, "Back").tap()
    assert_at(phone, knee, "way", 0, "left")  # the get-ready again, from the start
    run(phone, ready)
    assert_at(phone, knee, "way", 1, "left")


def test_a_hidden_tab_catches_up(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    ready = timeline["steps"][0]["seconds"]
    button(phone, "Start").tap()
    run(phone, 1)
    phone.page.evaluate("() => window.__show(false)")
    run(phone, ready - 1 - WAY_SECONDS / 2)
    phone.page.evaluate("() => window.__show(true)")
    assert_at(phone, knee, "way", 0.5, "left")
    phone.page.evaluate("() => window.__show(false)")
    hold, switch = timeline["steps"][1:3]
    assert switch["kind"] == "switch" and switch["seconds"] == 6
    run(phone, WAY_SECONDS / 2 + hold["seconds"] + 2)  # hidden till 2 s into the switch
    phone.page.evaluate("() => window.__show(true)")
    k = 2 / 3  # of the way out, on the side just done
    assert_at(phone, knee, "way", 1 - k * k * (3 - 2 * k), "left")


def test_switching_sides_goes_out_on_one_side_and_in_on_the_other(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    steps = timeline["steps"]
    button(phone, "Start").tap()
    run(phone, steps[0]["seconds"] + steps[1]["seconds"])
    switch = steps[2]["seconds"]
    assert_at(phone, knee, "way", 1, "left")
    run(phone, switch / 2 - 0.01)
    assert figure(phone)["side"] == "left" and figure(phone)["share"] < 0.01  # at the start
    run(phone, 0.02)
    assert figure(phone)["side"] == "right" and figure(phone)["share"] < 0.01  # the other side
    run(phone, switch / 2 - 0.01)
    assert_at(phone, knee, "way", 1, "right")
    assert "RIGHT SIDE" in phone.page.locator("#bs-player .bs-figure").inner_html()
    named = phone.page.locator("#bs-player .bs-figure svg").get_attribute("aria-label")
    assert named == "Single knee to chest, right side"


def test_a_moving_stretch_moves_at_its_repetitions_pace(phone, timeline):
    cat = timeline["motions"]["cat-cow"]
    steps = timeline["steps"]
    move = next(i for i, s in enumerate(steps) if s["kind"] == "move")
    button(phone, "Start").tap()
    run(phone, sum(s["seconds"] for s in steps[:move]))
    assert_at(phone, cat, "cycle", 0, "")
    run(phone, 1)
    assert_at(phone, cat, "cycle", 0.5, "")  # a quarter of the 4 s repetition
    run(phone, 1)
    assert_at(phone, cat, "cycle", 1, "")  # the far end at half way
    run(phone, 2)
    assert_at(phone, cat, "cycle", 0, "")  # back at the start of the next


@pytest.mark.parametrize("phone", ["reduce"], indirect=True)
def test_less_motion_shows_the_start_and_the_hold_still(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    motion_button = button(phone, "Motion")
    assert motion_button.is_disabled() and motion_button.get_attribute("aria-pressed") == "false"
    button(phone, "Start").tap()
    count = knee["shapes"][0][3]
    seen = []
    for _ in range(4):
        now = figure(phone)
        assert (now["stills"], now["svgs"], now["run"]) == (2, 2, "still"), now
        assert numbers(now["points"][0]) == pytest.approx(knee["way"][0][:2 * count], abs=0.06)
        assert numbers(now["points"][1]) == pytest.approx(knee["way"][-1][:2 * count], abs=0.06)
        seen.append(now["points"])
        run(phone, 3)
    assert all(s == seen[0] for s in seen)  # nothing moved
    named = phone.page.get_by_role("img", name="Single knee to chest, left side: where you start")
    assert named.count() == 1
    assert serious_violations(phone) == []


def test_the_motion_button_turns_the_movement_off_and_on(phone, timeline):
    knee = timeline["motions"]["knee-to-chest"]
    ready = timeline["steps"][0]["seconds"]
    motion_button = button(phone, "Motion")
    assert motion_button.get_attribute("aria-pressed") == "true"
    button(phone, "Start").tap()
    run(phone, ready - WAY_SECONDS / 2)
    assert_at(phone, knee, "way", 0.5, "left")
    motion_button.tap()
    assert motion_button.get_attribute("aria-pressed") == "false"
    assert figure(phone)["stills"] == 2 and figure(phone)["run"] == "still"
    phone.page.reload()
    phone.page.locator(".bs-player .bs-countdown").wait_for()
    assert figure(phone)["stills"] == 2  # remembered
    button(phone, "Motion").tap()
    assert figure(phone)["stills"] == 0
    assert serious_violations(phone) == []


def test_a_card_plays_the_movement_only_when_asked_and_never_for_less_motion(browser):
    from backstretch.figures.flipbook import FLIP_SECONDS, stretch_moves_html

    html = stretch_moves_html(backstretch.load_catalogue(), "childs-pose")
    context = browser.new_context(viewport={"width": 500, "height": 700})
    page = context.new_page()
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>A card</title></head>'
                     f'<body><main style="width:460px">{html}</main></body></html>')
    frames = page.locator("svg.bs-flip g.bs-flip-f")
    count = frames.count()
    assert count >= 3 and page.locator(".bs-moves-stills svg").count() == 2
    assert not page.locator("svg.bs-flip").is_visible()  # shut: nothing plays on its own
    play = page.get_by_text("Play the movement")
    play.click()

    def at(seconds: float) -> list[int]:
        """The frames shown ``seconds`` into the play (the page's animations, held there)."""
        return page.evaluate("""(t) => {
            for (const a of document.getAnimations()) { a.pause(); a.currentTime = t; }
            return [...document.querySelectorAll('svg.bs-flip g.bs-flip-f')]
                .map((g, i) => getComputedStyle(g).visibility === 'visible' ? i : -1)
                .filter((i) => i >= 0);
        }""", seconds * 1000)

    assert at(FLIP_SECONDS / 2) == [0]  # the start first, one frame at a time ...
    assert at(1.5 * FLIP_SECONDS) == [1]
    assert at(count * FLIP_SECONDS + 1) == [count - 1]  # ... and it ends on the hold
    assert count * FLIP_SECONDS <= 5  # shorter than 5 s: no pause needed (WCAG 2.2.2)
    assert serious_violations(Phone(page=page)) == []
    page.emulate_media(reduced_motion="reduce")
    assert not play.is_visible()  # less motion: the two stills are the figure
    assert page.locator(".bs-moves-stills svg").first.is_visible()
    context.close()
