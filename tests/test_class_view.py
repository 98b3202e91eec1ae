"""The class view, driven by keys and buttons on a fake clock, as an instructor would."""

from __future__ import annotations

import asyncio

import pytest
import yaml

from backstretch import Catalogue, Routine, RoutineItem, Settings, load_routine
from backstretch.base.resources import data_dir

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")
from fakes import FakeClock  # noqa: E402

from backstretch.widgets import ClassView  # noqa: E402

SCRIPT = "<script>alert(1)</script>"


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def _classes(widget) -> set[str]:
    return set(widget._dom_classes)


def _press(view: ClassView, key: str) -> None:
    """A key as the page sends it (page_side.js: pressed anywhere, not while typing)."""
    view.page._handle_custom_msg({"key": key}, [])


def _in_state(routine, state: str) -> tuple[ClassView, FakeClock]:
    clock = FakeClock()
    view = ClassView(routine, clock)
    if state in ("running", "paused"):
        view.start()
        clock.now = 12.0
        view.tick()  # in the first hold, 3 s into it
    if state == "paused":
        view.toggle()
    if state == "finished":
        view.start()
        clock.now = 10_000.0
        view.tick()
    assert view.session.state == state
    return view, clock


def _seen(view: ClassView) -> tuple:
    s = view.session
    return (s.state, s.index, round(s.remaining, 3), view.countdown.value, view.current.value,
            view.side.value, view.progress_text.value, view.pause_button.description)


def test_the_stable_css_classes(article):
    v = ClassView(article, FakeClock())
    assert "bs-class-view" in _classes(v.widget)
    for part, css in ((v.countdown, "bs-class-countdown"), (v.current, "bs-class-current"),
                      (v.side, "bs-class-side"), (v.next_label, "bs-class-next"),
                      (v.progress, "bs-class-progress")):
        assert css in _classes(part)
    for name in ("start", "pause", "skip", "back", "reset"):
        assert f"bs-{name}" in _classes(getattr(v, f"{name}_button"))
    assert v.page.presenter and v.page in v.controls.children


def test_a_class_runs_through_on_a_fake_clock(article):
    clock = FakeClock()
    v = ClassView(article, clock)
    assert v.countdown.value == "0:10" and v.current.value == "Single knee to chest"
    assert v.side.value == "start on the left side" and v.cue.value == "Get into position"
    assert v.progress_text.value == "Stretch 1 of 5 · step 1 of 18 · 0:00 of 4:10"
    assert "call 999, 112 or 911" in v.reminder.value
    _press(v, " ")
    clock.now = 11.2
    v.tick()
    assert v.countdown.value == "0:04" and v.side.value == "left side" and v.cue.value == "Hold"
    assert v.next_label.value == "Next: Single knee to chest: Hold, right side"
    assert bytes(v.cues.audio.value).startswith(b"RIFF") and "bs-flash" in _classes(v.widget)
    clock.now = 1000.0
    v.tick()
    assert v.session.state == "finished" and v.countdown.value == "0:00"
    assert v.session.completed == article.checklist_boxes()
    assert "complete" in v.current.value and v.next_label.value == "Next: the end"
    assert v.progress_text.value == "Stretch 5 of 5 · step 18 of 18 · 4:10 of 4:10"
    assert v.start_button.disabled and v.pause_button.disabled and v.skip_button.disabled


KEYS = {" ": "toggle", "ArrowRight": "skip", "n": "skip", "N": "skip", "ArrowLeft": "back",
        "b": "back", "B": "back", "r": "reset", "R": "reset"}
BUTTONS = {"toggle": None, "skip": "skip_button", "back": "back_button", "reset": "reset_button"}


@pytest.mark.parametrize("state", ["ready", "running", "paused", "finished"])
@pytest.mark.parametrize("key", list(KEYS))
def test_every_key_matches_its_button_in_every_state(article, state, key):
    by_key, _ = _in_state(article, state)
    by_button, _ = _in_state(article, state)
    _press(by_key, key)
    action = KEYS[key]
    if action == "toggle":  # Space is Start when ready, Pause when running, Resume when paused
        button = by_button.pause_button if state in ("running", "paused") else \
            by_button.start_button
        if not button.disabled:
            button.click()
    else:
        getattr(by_button, BUTTONS[action]).click()
    assert _seen(by_key) == _seen(by_button)


@pytest.mark.parametrize(("state", "key", "expected"), [
    ("ready", " ", ("running", 0)),
    ("ready", "ArrowRight", ("ready", 1)),
    ("running", " ", ("paused", 1)),
    ("running", "n", ("running", 2)),
    ("running", "ArrowLeft", ("running", 0)),
    ("running", "R", ("ready", 0)),
    ("paused", " ", ("running", 1)),
    ("paused", "B", ("paused", 0)),
    ("finished", " ", ("finished", 0)),
    ("finished", "ArrowRight", ("finished", 0)),
    ("finished", "b", ("paused", 17)),
    ("finished", "r", ("ready", 0)),
])
def test_what_each_key_does(article, state, key, expected):
    v, _ = _in_state(article, state)
    _press(v, key)
    index = v.session.index if v.session.state != "finished" else 0
    assert (v.session.state, index) == expected


def test_keys_and_messages_that_mean_nothing_are_ignored(article):
    v, _ = _in_state(article, "running")
    before = _seen(v)
    for content in ({"key": "x"}, {"key": "Enter"}, {"key": 32}, {"code": "Space"}, [" "], " "):
        v.page._handle_custom_msg(content, [])
        assert _seen(v) == before, content
    assert v.on_key("q") is False and v.on_key("N") is True


def test_paused_countdown_greys_and_holds_still(article):
    v, clock = _in_state(article, "paused")
    assert "bs-paused" in _classes(v.countdown) and v.pause_button.description == "Resume"
    assert v.cue.value == "Hold · paused"
    clock.now = 500.0
    v.tick()
    assert v.countdown.value == "0:03"
    _press(v, " ")
    assert "bs-paused" not in _classes(v.countdown) and v.session.state == "running"


def test_names_are_escaped(catalogue, tmp_path):
    data = yaml.safe_load((data_dir() / "stretches.yaml").read_text(encoding="utf-8"))
    for s in data["stretches"]:
        if s["id"] == "back-rounders":
            s["name"] = "<img src=x onerror=alert(1)>"
    marked = Catalogue.from_dict(data)
    r = Routine(SCRIPT, (RoutineItem("knee-to-chest"), RoutineItem("back-rounders")), marked)
    clock = FakeClock()
    v = ClassView(r, clock)
    assert "&lt;script&gt;" in v.title.value and "<script" not in v.title.value
    for _ in range(3):  # get ready, left, switch: now holding the right side
        v.skip()
    assert v.next_label.value == "Next: Get ready: &lt;img src=x onerror=alert(1)&gt;"
    v.skip()
    assert v.current.value == "&lt;img src=x onerror=alert(1)&gt;"
    assert "<img" not in v.current.value + v.next_label.value


def test_two_starts_never_run_two_timers_and_the_kernel_stays_free(catalogue):
    r = Routine("quick", (RoutineItem("back-rounders", hold=1), RoutineItem("back-rounders",
                                                                         hold=1)),
                catalogue, settings=Settings(get_ready=1))
    clock = FakeClock()

    async def scenario():
        v = ClassView(r, clock)
        v.ticker.sleep = clock.sleep
        v.cues.mute.value = True
        _press(v, " ")
        first = v.ticker.task
        v.start_button.click()
        v.start()
        _press(v, " ")  # pause ...
        _press(v, " ")  # ... and resume: still the one loop
        assert v.ticker.task is first and not first.done()
        other_work = 0
        while v.session.state != "finished":
            other_work += 1
            await asyncio.sleep(0)
        await asyncio.sleep(0)
        return v, first, other_work

    v, first, other = asyncio.run(scenario())
    assert v.session.state == "finished" and first.done() and other >= 4
    assert clock.now == r.duration  # one wake-up a second: no time lost or gained
    assert v.session.completed == r.checklist_boxes()


def test_reset_stops_the_ticking(catalogue):
    r = load_routine("desk-break", catalogue)

    async def scenario():
        v = ClassView(r, FakeClock())
        v.start()
        task = v.ticker.task
        await asyncio.sleep(0)
        _press(v, "r")
        await asyncio.sleep(0)
        return v, task

    v, task = asyncio.run(scenario())
    assert task.cancelled() and v.ticker.task is None
    assert v.session.state == "ready" and v.countdown.value == "0:10"
