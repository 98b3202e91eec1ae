"""The figure's movement in the timeline: each stretch's frames (the package's geometry,
sent once) and, for every step, where in them the figure is from its start to its end."""

from __future__ import annotations

import json

import pytest

from backstretch import Routine, RoutineItem
from backstretch.figures.frames import motion_figure
from backstretch.figures.layout import layout
from backstretch.figures.poses import poses_for
from backstretch.guided.timeline import WAY_SECONDS, page_timeline


@pytest.fixture
def timeline(catalogue):
    routine = Routine("Mixed", (RoutineItem("knee-to-chest", hold=20, reps=2, rest=6),
                                RoutineItem("cat-cow", hold=4, reps=5),
                                RoutineItem("wall-warrior", hold=5, reps=2, sides="both")),
                      catalogue)
    return page_timeline(routine)


def _at(step, elapsed):
    """Where the figure is (run, share, side), as the page reads the step's motion,
    without the page's easing (shares at a segment's ends are exact either way)."""
    seg = next((s for s in step["motion"] if elapsed < s["end"]), step["motion"][-1])
    span = seg["end"] - seg["start"]
    k = min(max((elapsed - seg["start"]) / span, 0), 1) if span else 1
    return seg["run"], seg["at"] + k * (seg["to"] - seg["at"]), seg["side"]


def test_every_step_is_covered_from_its_start_to_its_end(timeline):
    for step in timeline["steps"]:
        segs = step["motion"]
        assert segs[0]["start"] == 0 and segs[-1]["end"] == step["seconds"]
        assert all(a["end"] == b["start"] for a, b in zip(segs, segs[1:]))
        assert step["moving"] in timeline["motions"]


def test_the_way_in_ends_as_the_hold_begins_and_the_hold_is_still(timeline):
    steps = timeline["steps"]
    ready, hold = steps[0], steps[1]
    assert (ready["kind"], hold["kind"]) == ("get_ready", "hold")
    assert _at(ready, 0) == ("way", 0, "left")  # the start, on the first side
    moving = [s for s in ready["motion"] if s["at"] != s["to"]]
    assert moving[-1]["end"] == ready["seconds"]  # ends as the hold begins
    assert moving[-1]["end"] - moving[-1]["start"] == min(WAY_SECONDS, ready["seconds"] * 0.6)
    assert _at(ready, ready["seconds"]) == ("way", 1, "left")
    assert {_at(hold, t) for t in (0, 7.5, 20)} == {("way", 1, "left")}


def test_a_rest_goes_back_to_the_start_and_in_again(timeline):
    rest = next(s for s in timeline["steps"] if s["kind"] == "rest")
    assert _at(rest, 0)[1] == 1 and _at(rest, rest["seconds"] / 2)[1] == 0
    assert _at(rest, rest["seconds"])[1] == 1


def test_switching_sides_goes_out_on_one_side_and_in_on_the_other(timeline):
    switch = next(s for s in timeline["steps"] if s["kind"] == "switch")
    half = switch["seconds"] / 2
    assert _at(switch, 0) == ("way", 1, "left")
    assert _at(switch, half - 1e-9)[2] == "left" and _at(switch, half) == ("way", 0, "right")
    assert _at(switch, switch["seconds"]) == ("way", 1, "right")


def test_a_moving_stretch_moves_at_its_repetitions_pace(timeline):
    moves = [s for s in timeline["steps"] if s["kind"] == "move"]
    assert [(m["moving"], m["motion"][0]["period"]) for m in moves] == [
        ("cat-cow", 4.0), ("wall-warrior", 5.0), ("wall-warrior", 5.0)]
    assert all(m["motion"][0]["run"] == "cycle" for m in moves)


def test_the_frames_are_the_layouts_own_geometry(catalogue, timeline):
    pose = poses_for(catalogue)["knee-to-chest"]
    lay = layout(pose, "right")
    motion = timeline["motions"]["knee-to-chest"]
    assert motion == motion_figure(catalogue, "knee-to-chest")
    def size(shape):  # numbers a shape takes in a frame: none when it repeats another's
        return 2 if shape[0] == "d" else 0 if shape[4] is not None else 2 * shape[3]

    sizes = {len(f) for f in motion["way"] + motion["cycle"]}
    assert sizes == {sum(map(size, motion["shapes"]))}
    assert len(motion["way"]) == len(lay.way) and motion["cycle"] == []
    repeats = [s for s in motion["shapes"] if s[0] == "s" and s[4] is not None]
    assert repeats and all(motion["shapes"][s[4]][4] is None for s in repeats)
    head = next(i for i, s in enumerate(motion["shapes"]) if s[0] == "d" and s[2] > 5)
    offset = sum(map(size, motion["shapes"][:head]))
    for frame, body in zip(motion["way"], lay.way):  # the head: where the layout put it
        x, y = body.points["head"]
        assert frame[offset:offset + 2] == pytest.approx([x, lay.height - y], abs=0.06)
    assert set(motion["labels"]) == {"left", "right"} and "LEFT SIDE" in motion["labels"]["left"]
    assert len(timeline["motions"]) == 3  # once per stretch, whatever its sides and steps
    assert json.loads(json.dumps(timeline)) == timeline
