"""The class view, driven by keys on a pretend clock, as an instructor rehearses it.

In the room the page plays it (player.js, tested in the browser); here the Python side:
the keys a rehearsal presses, the session they drive, and where the page is told to be.
"""

from __future__ import annotations

import pytest

from backstretch import load_routine

pytest.importorskip("ipywidgets")
pytest.importorskip("anywidget")
from fakes import FakeClock  # noqa: E402

from backstretch.widgets import ClassView  # noqa: E402
from backstretch.widgets.guided.controls import KEYS  # noqa: E402


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


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


def test_the_view_is_the_pages_player_in_its_class_layout(article):
    v = ClassView(article, FakeClock())
    assert v.widget is v.player and v.player.view == "class"
    assert "bs-player" in v.player._dom_classes
    assert v.player.position == {"rev": 1, "heard": 0, "state": "ready", "index": 0,
                                 "left": 10.0, "deadline": None}


def test_a_rehearsal_runs_through_on_a_pretend_clock(article):
    clock = FakeClock()
    v = ClassView(article, clock)
    assert v.on_key(" ")
    clock.now = 11.2
    v.tick()
    assert v.player.position["index"] == 1 and v.player.position["left"] == pytest.approx(3.8)
    clock.now = 1000.0
    v.tick()
    assert v.session.state == "finished" and v.player.position["state"] == "finished"
    assert v.session.completed == article.checklist_boxes()
    assert v.on_key("R") and v.player.position["state"] == "ready"


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
    v.on_key(key)
    index = v.session.index if v.session.state != "finished" else 0
    assert (v.session.state, index) == expected
    assert (v.player.position["state"], v.player.position["index"]) == \
        (v.session.state, min(v.session.index, len(v.session.steps) - 1))


def test_the_keys_are_the_pages_keys(article):
    """player.js and the rehearsal read the same keys (the page's table, in its own words)."""
    from backstretch.guided import player_asset

    js = player_asset("player.js").read_text(encoding="utf-8")
    for key, action in KEYS.items():
        name = f'"{key}"' if not key.isidentifier() else key
        assert f"{name}: \"{action}\"" in js, key
    v, _ = _in_state(article, "running")
    before = (v.session.state, v.session.index, v.player.position)
    for key in ("x", "Enter", "Escape", "q"):
        assert v.on_key(key) is False
    assert (v.session.state, v.session.index, v.player.position) == before


def test_a_new_routine_stops_the_one_under_way_and_reports_it(article, catalogue):
    v, _ = _in_state(article, "running")
    stopped = []
    v.finished.subscribe(stopped.append)
    v.set_routine(load_routine("desk-break", catalogue))
    assert stopped and stopped[0].routine == article
    assert v.session.state == "ready" and v.player.timeline["routine"] == "Desk break"
