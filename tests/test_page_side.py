"""The kernel side of the page widgets, on a fake clock: what is spoken and announced at each
step, the state the wake lock follows, and when the page's countdown is re-anchored."""

from __future__ import annotations

import pytest

from backstretch import load_routine

pytest.importorskip("anywidget")
from fakes import FakeClock  # noqa: E402

from backstretch.routines.steps import FINISHED_SPOKEN  # noqa: E402
from backstretch.widgets import ClassView, SessionTimer  # noqa: E402


@pytest.fixture
def article(catalogue):
    return load_routine("source-article", catalogue)


def _record(widget, name: str) -> list:
    seen: list = []
    widget.observe(lambda change: seen.append(change["new"]), names=name)
    return seen


@pytest.mark.parametrize("view", [SessionTimer, ClassView])
def test_each_step_is_said_once_in_its_own_words(article, view):
    clock = FakeClock()
    v = view(article, clock)
    cues, states = _record(v.page, "cue"), _record(v.page, "state")
    v.start()
    while v.session.state != "finished":
        clock.advance(0.5)  # ten ticks a second: still one cue per step
        v.tick()
    assert [c["text"] for c in cues] == [s.spoken for s in v.session.steps] + [FINISHED_SPOKEN]
    assert [c["n"] for c in cues] == list(range(1, len(cues) + 1))
    assert states == ["running", "finished"]


def test_pause_says_nothing_back_and_skip_say_the_new_step_reset_starts_afresh(article):
    clock = FakeClock()
    v = ClassView(article, clock)
    cues = _record(v.page, "cue")
    v.start()
    v.toggle()
    assert v.page.state == "paused" and len(cues) == 1
    v.toggle()
    v.skip()
    v.back()
    assert [c["text"] for c in cues] == [v.session.steps[i].spoken for i in (0, 1, 0)]
    v.reset()
    assert v.page.state == "ready" and len(cues) == 3
    v.start()
    assert cues[-1]["text"] == v.session.steps[0].spoken and len(cues) == 4


@pytest.mark.parametrize("view", [SessionTimer, ClassView])
def test_every_step_begun_by_time_skip_or_back_both_beeps_and_speaks(article, view):
    """Speech rides the beep's event stream, so no control gives one without the other."""
    clock = FakeClock()
    v = view(article, clock)
    cues = _record(v.page, "cue")
    beeps = []
    real = v.cues.cue
    v.cues.cue = lambda kind: beeps.append(kind) or real(kind)
    v.start()
    clock.advance(article.steps()[0].seconds)
    v.tick()
    v.skip()
    v.back()
    v.back()
    v.toggle()
    v.toggle()
    assert len(beeps) == len(cues) == 5
    assert [c["text"] for c in cues] == [v.session.steps[i].spoken for i in (0, 1, 2, 1, 0)]


def test_the_page_countdown_is_anchored_per_deadline_not_per_tick(article):
    clock = FakeClock()
    v = SessionTimer(article, clock)
    anchors = _record(v.countdown, "anchor")
    v.start()
    for _ in range(9):  # nine ticks inside the 10 s get-ready
        clock.advance(1.0)
        v.tick()
    assert anchors == [{"running": True, "seconds": 10.0, "step": 0, "paused": False}]
    assert v.countdown.value == "0:01"
    clock.advance(1.5)
    v.tick()  # half a second into the 5 s hold
    assert anchors[-1] == {"running": True, "seconds": 4.5, "step": 1, "paused": False}
    v.toggle()
    assert anchors[-1] == {"running": False, "seconds": 4.5, "step": 1, "paused": True}
    clock.advance(100)
    v.tick()
    v.toggle()  # resumed: the full 4.5 s left, from now
    assert anchors[-1] == {"running": True, "seconds": 4.5, "step": 1, "paused": False}
    assert len(anchors) == 4
