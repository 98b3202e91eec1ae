"""The guided-session state machine, driven by a fake clock: every control in every state."""

from __future__ import annotations

import pytest
from fakes import FakeClock

from backstretch import Routine, RoutineItem, Settings, load_routine
from backstretch.guided.session import Session


@pytest.fixture
def clock():
    return FakeClock(1000.0)


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def test_whole_routine_runs_to_the_end_and_ticks_every_box(article, clock):
    s = Session(article, clock)
    assert s.state == "ready" and s.remaining == 10 and s.current.kind == "get_ready"
    events = s.start()
    assert [e.kind for e in events] == ["started"]
    seen = []
    for _ in range(article.duration):
        clock.advance(1)
        seen += s.tick()
    assert s.state == "finished"
    assert s.completed == article.checklist_boxes()
    assert [e.kind for e in seen].count("step") == len(article.steps()) - 1
    assert seen[-1].kind == "finished" and seen[-1].completed == (4, "right")
    assert s.progress == 1.0 and s.remaining == 0


def test_late_ticks_lose_no_time(article, clock):
    s = Session(article, clock)
    s.start()
    clock.advance(37.25)  # one very late tick crosses several steps
    s.tick()
    assert s.elapsed == pytest.approx(37.25)
    assert s.current.stretch.id == "back-rounders"
    clock.advance(article.duration)
    s.tick()
    assert s.state == "finished"


def test_start_twice_is_one_timer(article, clock):
    s = Session(article, clock)
    s.start()
    clock.advance(4)
    assert s.start() == []
    assert s.remaining == 6


def test_pause_holds_the_time_and_resume_continues(article, clock):
    s = Session(article, clock)
    s.start()
    clock.advance(3)
    s.pause()
    assert s.state == "paused"
    clock.advance(100)
    assert s.tick() == [] and s.remaining == 7
    s.resume()
    clock.advance(7)
    events = s.tick()
    assert [e.step.kind for e in events] == ["hold"] and s.current.side == "left"


def test_toggle(article, clock):
    s = Session(article, clock)
    s.toggle()
    assert s.state == "running"
    s.toggle()
    assert s.state == "paused"
    s.toggle()
    assert s.state == "running"


def test_skip_records_a_skipped_hold_without_ticking_it(article, clock):
    s = Session(article, clock)
    s.start()
    s.skip()  # past get ready: not a hold
    assert s.skipped == [] and s.current.kind == "hold"
    clock.advance(2)
    events = s.skip()
    assert s.skipped == [1] and events[0].completed is None and s.completed == []
    assert s.current.kind == "switch" and s.remaining == 5


def test_skip_while_ready_or_paused_keeps_the_state(article, clock):
    s = Session(article, clock)
    s.skip()
    assert s.state == "ready" and s.index == 1
    s.start()
    s.pause()
    s.skip()
    assert s.state == "paused" and s.index == 2 and s.remaining == 5


def test_skip_to_the_end_finishes(article, clock):
    s = Session(article, clock)
    s.start()
    for _ in range(len(article.steps())):
        s.skip()
    assert s.state == "finished" and s.skip() == []


def test_back_restarts_the_previous_step(article, clock):
    s = Session(article, clock)
    s.back()
    assert s.index == 0 and s.remaining == 10
    s.start()
    clock.advance(12)
    s.tick()
    s.back()
    assert s.index == 0 and s.remaining == 10 and s.state == "running"
    s.pause()
    s.skip()
    s.back()
    assert s.index == 0 and s.state == "paused"


def test_back_from_finished_reopens_the_last_step(article, clock):
    s = Session(article, clock)
    s.start()
    clock.advance(article.duration + 5)
    s.tick()
    s.back()
    assert s.state == "paused" and s.index == len(article.steps()) - 1


def test_reset_stops_everything(article, clock):
    s = Session(article, clock)
    s.start()
    clock.advance(60)
    s.tick()
    s.skip()
    s.reset()
    assert (s.state, s.index, s.completed, s.skipped, s.remaining) == ("ready", 0, [], [], 10)
    clock.advance(50)
    assert s.tick() == [] and s.remaining == 10


def test_next_names_the_coming_stretch_or_hold(article, clock):
    s = Session(article, clock)
    assert s.next.kind == "hold" and s.next.side == "left"
    s.skip()
    s.skip()  # now on switch sides
    assert s.current.kind == "switch" and s.next.side == "right"


def test_an_empty_routine_is_finished(catalogue, clock):
    s = Session(Routine("empty", (), catalogue), clock)
    assert s.state == "finished" and s.start() == [] and s.progress == 1.0


def test_progress_runs_from_zero_to_one(catalogue, clock):
    r = Routine("r", (RoutineItem("back-rounders", hold=10),), catalogue,
                settings=Settings(get_ready=10))
    s = Session(r, clock)
    s.start()
    clock.advance(5)
    assert s.progress == 0.25 and s.step_progress == 0.5
    clock.advance(10)
    s.tick()
    assert s.progress == 0.75 and s.step_progress == 0.5


def _in_state(routine, clock, state):
    s = Session(routine, clock)
    if state in ("running", "paused"):
        s.start()
        clock.advance(12)  # into the first hold
        s.tick()
    if state == "paused":
        s.pause()
    if state == "finished":
        s.start()
        clock.advance(routine.duration)
        s.tick()
    assert s.state == state
    return s


# state before -> control -> (state after, step index after); index 1 is the first hold
CONTROL_TABLE = {
    "ready": {"start": ("running", 0), "pause": ("ready", 0), "resume": ("ready", 0),
              "toggle": ("running", 0), "skip": ("ready", 1), "back": ("ready", 0),
              "reset": ("ready", 0)},
    "running": {"start": ("running", 1), "pause": ("paused", 1), "resume": ("running", 1),
                "toggle": ("paused", 1), "skip": ("running", 2), "back": ("running", 0),
                "reset": ("ready", 0)},
    "paused": {"start": ("running", 1), "pause": ("paused", 1), "resume": ("running", 1),
               "toggle": ("running", 1), "skip": ("paused", 2), "back": ("paused", 0),
               "reset": ("ready", 0)},
    "finished": {"start": ("finished", None), "pause": ("finished", None),
                 "resume": ("finished", None), "toggle": ("finished", None),
                 "skip": ("finished", None), "back": ("paused", 17), "reset": ("ready", 0)},
}


@pytest.mark.parametrize("state,control", [(s, c) for s, row in CONTROL_TABLE.items() for c in row])
def test_every_control_in_every_state(article, clock, state, control):
    s = _in_state(article, clock, state)
    getattr(s, control)()
    expected_state, expected_index = CONTROL_TABLE[state][control]
    assert s.state == expected_state
    if expected_index is not None:
        assert s.index == expected_index
    assert len(article.steps()) == 18


def test_every_command_returns_what_it_did(article, clock):
    """One event stream: the views act on what each command returns, nothing else."""
    s = Session(article, clock)
    assert s.back() == [] and s.pause() == []  # nothing to go back to or pause yet
    assert [e.kind for e in s.start()] == ["started"]
    assert [e.kind for e in s.pause()] == ["paused"] and s.pause() == []
    assert [e.kind for e in s.toggle()] == ["resumed"]
    assert [(e.kind, e.step) for e in s.skip()] == [("step", s.steps[1])]
    assert [(e.kind, e.step, e.completed) for e in s.back()] == [("step", s.steps[0], None)]
    assert [e.kind for e in s.toggle()] == ["paused"]
    assert [(e.kind, e.step) for e in s.reset()] == [("reset", s.steps[0])]
    assert s.state == "ready"
