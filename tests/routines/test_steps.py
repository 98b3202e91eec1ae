"""A step's wording lives on the step: every view says what the step says."""

from __future__ import annotations

import re
from html import unescape

import pytest

from backstretch import Routine, RoutineItem, Settings, load_routine
from backstretch.cli import main
from backstretch.routines.steps import (
    FINISHED_CUE,
    FINISHED_TITLE,
    KIND_NAMES,
    clock_text,
    duration_words,
)


@pytest.fixture
def every_kind(catalogue) -> Routine:
    """Get ready, holds with rests, a switch and moves: every kind of step."""
    return Routine("Every kind", (RoutineItem("knee-to-chest", hold=20, reps=2),
                                  RoutineItem("pelvic-tilt", reps=3)), catalogue,
                   settings=Settings(rest=4))


def _text(html: str) -> str:
    return unescape(re.sub(r"<[^>]+>", "", html))


def test_each_kind_of_step_is_worded_once(every_kind):
    steps = every_kind.steps()
    assert {s.kind for s in steps} == set(KIND_NAMES)
    hold = next(s for s in steps if s.kind == "hold" and s.side == "right" and s.rep == 2)
    assert (hold.label, hold.action) == ("Hold, right side (2 of 2)", "Hold (2 of 2)")
    assert hold.title == f"{hold.stretch.name}: Hold, right side (2 of 2)"
    assert hold.cue == " ".join(hold.stretch.steps[1:3]) and "stop if pain" in hold.reminder
    ready = steps[0]
    assert ready.title == f"Get ready: {ready.stretch.name}" and ready.cue == ready.stretch.steps[0]
    switch = next(s for s in steps if s.kind == "switch")
    assert (switch.label, switch.action, switch.cue) == (
        "Switch to the right side", "Switch sides", "Change to your right side.")
    move = next(s for s in steps if s.kind == "move")
    assert move.label == "3 slow repetitions" and move.kind_name == "moves"
    assert next(s for s in steps if s.kind == "rest").reminder == ""
    assert [s.clock for s in steps[:2]] == ["0:00", "0:10"]


@pytest.mark.parametrize(("seconds", "text"), [(0, "0:00"), (0.2, "0:01"), (59.99, "1:00"),
                                               (60, "1:00"), (605, "10:05")])
def test_clock_text_rounds_up_so_zero_means_the_end(seconds, text):
    assert clock_text(seconds) == text


def test_the_command_line_prints_each_steps_clock_and_label(every_kind, tmp_path, capsys):
    path = tmp_path / "every.yaml"
    every_kind.save(path)
    assert main(["show", str(path)]) == 0
    lines = capsys.readouterr().out.splitlines()[2:-1]
    for step, line in zip(every_kind.steps(), lines, strict=True):
        what = step.stretch.name if step.kind == "get_ready" else step.label
        assert line.split() == [step.clock, str(step.seconds), "s", *what.split()]


def test_the_timer_and_the_class_view_show_each_steps_wording(every_kind, tmp_path):
    pytest.importorskip("ipywidgets")
    pytest.importorskip("anywidget")
    from fakes import FakeClock

    from backstretch.guided.checklist import Checklist
    from backstretch.widgets import ClassView, SessionTimer

    timer = SessionTimer(every_kind, FakeClock(), Checklist(every_kind, tmp_path / "c.json"))
    view = ClassView(every_kind, FakeClock())
    for v in (timer, view):
        shown = v.player.timeline
        for step, page in zip(every_kind.steps(), shown["steps"], strict=True):
            assert (page["title"], page["action"]) == (step.title, step.action)
            assert f"{page['cue']} {page['reminder']}".strip() == \
                f"{step.cue} {step.reminder}".strip()
            nxt = v.session.next
            assert page["next"] == (nxt.title if nxt else "the end")
            v.skip()
        assert (shown["finished"]["title"], shown["finished"]["cue"]) == \
            (FINISHED_TITLE, FINISHED_CUE)


def test_the_voice_names_the_stretch_what_to_do_and_for_how_long(catalogue):
    steps = load_routine("source-article", catalogue).steps()
    assert steps[0].spoken == "Get ready: Single knee to chest. 10 seconds."
    assert steps[1].spoken == "Single knee to chest. Hold, left side. 5 seconds."
    assert steps[2].spoken == "Switch to the right side."
    rest = next(s for s in load_routine("daily-back-care", catalogue).steps() if s.kind == "rest")
    assert rest.spoken == "Rest and breathe."
    assert [duration_words(n) for n in (1, 45, 60, 90, 125)] == [
        "1 second", "45 seconds", "1 minute", "1 minute 30 seconds", "2 minutes 5 seconds"]


def test_the_timeline_legend_names_each_kind(every_kind):
    pytest.importorskip("matplotlib")
    from backstretch.charts.routine_charts import timeline_chart

    fig = timeline_chart(every_kind)
    legend = [t.get_text() for t in fig.legends[0].get_texts()]
    assert legend == list(KIND_NAMES.values())
    ticks = [t.get_text() for t in fig.axes[0].get_xticklabels()]
    assert ticks[:3] == ["0:00", "0:30", "1:00"]
