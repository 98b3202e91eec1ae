"""The planner's words in the person's language: the summary, the plan's name and
description, the goals' names and its errors; the goals' keys and the groups' ids stay."""

from __future__ import annotations

import pytest

from backstretch import BackstretchError
from backstretch.base.language import speaking
from backstretch.planner import GOAL_NAMES, GOALS, goal_name, plan, reached_groups, summary


def test_the_summary_in_spanish_counts_and_lists_the_groups(catalogue):
    short = plan(catalogue, goal="whole body", budget_seconds=180)
    reached = reached_groups(short, GOALS["whole body"])
    with speaking("es"):
        text = summary(short, GOALS["whole body"], 180)
    assert text.startswith(f"{len(reached)} de 14 grupos elegidos alcanzan 60 s de estiramiento, "
                           "en ")
    assert "de los 3 min 00 s que tiene. Por debajo de 60 s: " in text
    assert "costado" in text and "target" not in text
    one = plan(catalogue, targets=["calves"], budget_seconds=300)
    with speaking("fr"):
        assert summary(one, ["calves"], 300).startswith("Le groupe visé atteint 60 s")


def test_the_plan_is_named_and_described_in_german(catalogue):
    with speaking("de"):
        routine = plan(catalogue, goal="desk worker", budget_seconds=600,
                       conditions=["osteoporosis"], strengthening=True)
    assert routine.name == "Schreibtischarbeit, Plan für 10 min"
    assert routine.description.startswith("Geplant für: Unterer Rücken, Gesäßmuskulatur, "
                                          "Hüftbeuger, Oberschenkelrückseite, ")
    assert " Lässt Dehnübungen weg, die bei " in routine.description
    assert routine.description.endswith(" zur Kräftigung hinzu; sie zählen zu keiner Dehndosis.")
    with speaking("es"):
        spanish = plan(catalogue, targets=["hamstrings", "calves"], budget_seconds=600)
    assert spanish.name == "Isquiotibiales, pantorrillas, plan de 10 min"
    assert spanish.description == "Planificada para: isquiotibiales, pantorrillas."
    english = plan(catalogue, targets=["hamstrings", "calves"], budget_seconds=600)
    assert english.name == "Hamstrings, calves, 10 min plan"


def test_goals_keep_their_keys_and_show_their_names():
    assert set(GOAL_NAMES) == set(GOALS)
    with speaking("fr"):
        assert goal_name("after running") == "après la course"
    assert goal_name("after running") == "after running"


def test_an_error_of_the_planner_in_french(catalogue):
    with speaking("fr"), pytest.raises(BackstretchError) as caught:
        plan(catalogue, targets=["calves"], budget_seconds=5)
    assert str(caught.value).startswith(
        "<planner>: budget_seconds: 5 s, c'est trop court ; l'étirement autorisé le plus court ")
