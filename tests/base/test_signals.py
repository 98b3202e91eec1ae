"""Every panel talks one way: a Signal calls all its subscribers, in order, none dropped."""

from __future__ import annotations

import pytest
from fakes import FakeClock

from backstretch import load_routine
from backstretch.base.signals import Signal
from backstretch.guided.checklist import Checklist


def test_every_subscriber_is_called_in_order_even_after_one_fails():
    signal: Signal[int] = Signal()
    heard: list[str] = []

    def broken(value: int) -> None:
        heard.append(f"broken {value}")
        raise ValueError("no")

    signal.subscribe(lambda v: heard.append(f"first {v}"))
    signal.subscribe(broken)
    signal.subscribe(lambda v: heard.append(f"last {v}"))
    with pytest.raises(ValueError, match="no"):
        signal.send(7)
    assert heard == ["first 7", "broken 7", "last 7"]


def test_the_checklist_tells_its_subscribers_of_each_change_once(catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    checklist = Checklist(article, tmp_path / "c.json")
    heard = []
    checklist.changed.subscribe(heard.append)
    checklist.set((0, "left"))
    checklist.set((0, "left"))  # no change, no news
    checklist.set((1, None))
    checklist.clear()
    assert heard == [((0, "left"), True), ((1, None), True),
                     ((0, "left"), False), ((1, None), False)]


def test_the_model_ticks_the_checklist_and_the_boxes_follow_it(catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import SessionTimer

    article = load_routine("source-article", catalogue)
    clock = FakeClock()
    timer = SessionTimer(article, clock, Checklist(article, tmp_path / "c.json"))
    for box in timer.boxes.values():  # no checkbox observer may do the model's work
        box.unobserve_all("value")
    events = []
    timer.stepped.subscribe(events.append)
    timer.start()
    clock.advance(15)  # get ready 10 s, then the left side's 5 s hold ends
    timer.tick()
    assert timer.checklist.ticked == {(0, "left")} and timer.boxes[(0, "left")].value is True
    assert [e.kind for e in events] == ["started", "step", "step"]
    assert events[-1].completed == (0, "left")
    timer.checklist.set((4, "right"))  # a change made elsewhere shows at once
    assert timer.boxes[(4, "right")].value is True
    timer.clear_checklist()
    assert not any(box.value for box in timer.boxes.values())


@pytest.mark.parametrize("panel", ["builder", "picker"])
def test_routine_panels_send_each_new_routine_to_every_subscriber(panel, catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets import RoutineBuilder, RoutinePicker

    if panel == "builder":
        p = RoutineBuilder(catalogue, load_routine("source-article", catalogue))
        act = lambda: p.change(0, hold=25)  # noqa: E731
    else:
        p = RoutinePicker(folder=tmp_path, catalogue=catalogue)
        act = lambda: p.pick("desk-break")  # noqa: E731
    first, second = [], []
    p.changed.subscribe(first.append)
    p.changed.subscribe(second.append)
    act()
    assert first == second == [p.routine]
