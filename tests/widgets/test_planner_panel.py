"""The "Suggest a routine" panel, driven as a person would: set the controls, press Suggest."""

from __future__ import annotations

import pytest

from backstretch import Routine, load_routine
from backstretch.planner import GOALS, plan, reached_groups

pytest.importorskip("ipywidgets")
from backstretch.widgets import PlannerPanel, RoutineBuilder  # noqa: E402


@pytest.fixture
def builder(catalogue):
    return RoutineBuilder(catalogue, load_routine("source-article", catalogue))


def test_suggest_hands_the_routine_to_the_builder_and_says_what_it_reaches(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    assert "bs-suggest" in panel.suggest_button._dom_classes
    before_total, before_chart = builder.total.value, builder.charts.children[0].value
    panel.suggest_button.click()
    routine = builder.routine
    assert routine == plan(catalogue, goal="lower back spasm", budget_seconds=600)
    assert reached_groups(routine, GOALS["lower back spasm"]) == GOALS["lower back spasm"]
    assert routine.duration <= 600
    assert "All 6 target groups reach 60 s" in panel.result.value
    assert builder.total.value != before_total and f"{len(routine.items)} stretches" in (
        builder.total.value)
    assert builder.charts.children[0].value != before_chart
    assert len(builder.rows.children) == len(routine.items)
    assert "Meets the guideline" in builder.dose.value


def test_constraints_pass_through_to_the_planner(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    panel.goal.value = "desk worker"
    panel.minutes.value = 15
    panel.no_floor.value = True
    panel.avoid["flexion"].value = True
    panel.equipment.value = ("chair", "wall")
    panel.suggest()
    r = builder.routine
    assert r.items and r.duration <= 900
    for i in range(len(r.items)):
        s = r.stretch(i)
        assert not s.floor_work and "flexion" not in s.flags
        assert set(s.equipment) <= {"chair", "wall"}
    assert r == plan(catalogue, goal="desk worker", budget_seconds=900, no_floor=True,
                     avoid_flags=["flexion"], equipment=["chair", "wall"])


def test_positions_and_extra_groups_pass_through(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    panel.goal.value = ""
    panel.groups.value = ("calves", "hamstrings")
    panel.positions.value = ("standing",)
    panel.suggest()
    r = builder.routine
    assert {r.stretch(i).position for i in range(len(r.items))} == {"standing"}
    assert set(reached_groups(r, ["calves", "hamstrings"])) == {"calves", "hamstrings"}
    assert "Both target groups reach 60 s" in panel.result.value


def test_deep_flexion_avoided_leaves_out_the_flagged_stretches(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    panel.avoid["deep-flexion"].value = True
    panel.minutes.value = 30
    panel.suggest()
    ids = [item.stretch for item in builder.routine.items]
    assert ids and "back-rounders" not in ids
    assert all("deep-flexion" not in catalogue[i].flags for i in ids)


def test_an_impossible_request_shows_the_error_and_keeps_the_routine(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    before = builder.routine
    panel.minutes.value = 0.25  # 15 s: shorter than any stretch
    panel.suggest_button.click()
    assert builder.routine is before
    assert "No routine suggested: Minutes: 15 s is too short" in panel.result.value
    panel.minutes.value = 10
    panel.positions.value = ()
    panel.suggest()
    assert builder.routine is before and "relax positions" in panel.result.value
    panel.positions.value = ("standing",)
    panel.goal.value = ""
    panel.suggest()
    assert builder.routine is before and "pick at least one" in panel.result.value


def test_a_short_budget_says_which_groups_fall_short(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    panel.goal.value = "whole body"
    panel.minutes.value = 3
    panel.suggest()
    text = panel.result.value
    assert "of 14 target groups reach 60 s" in text and "Short of 60 s:" in text
    assert isinstance(builder.routine, Routine) and builder.routine.duration <= 180


def test_the_strengthening_box_adds_moves_and_says_they_are_not_stretch(catalogue, builder):
    panel = PlannerPanel(catalogue, builder)
    panel.strengthening.value = True
    panel.suggest()
    r = builder.routine
    assert r == plan(catalogue, goal="lower back spasm", budget_seconds=600, strengthening=True)
    moves = [r.stretch(i).name for i in range(len(r.items))
             if r.stretch(i).kind == "strengthening"]
    assert moves and "Strengthening, not counted as stretch: " + " and ".join(moves) in (
        panel.result.value)
    panel.no_floor.value = True
    panel.avoid["balance"].value = True
    panel.suggest()
    assert "No strengthening move fits" in panel.result.value
