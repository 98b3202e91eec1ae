"""Progression: after steady sessions a longer hold or one more repetition is suggested,
after a rise in pain easing back; a suggestion only ever makes a new, valid copy."""

from __future__ import annotations

import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from backstretch import BackstretchError, Routine, RoutineItem, dose_report, load_routine
from backstretch.log import SessionLog
from backstretch.programme.progression import (
    STEADY_SESSIONS,
    distinct_name,
    sessions_of,
    status,
    suggest,
)
from backstretch.routines.dose import GROUP_TARGET, HOLD_MAX, HOLD_MIN
from backstretch.routines.model import MAX_NAME
from backstretch.safety.flags import STOP_SIGNS

ROOT = Path(__file__).resolve().parents[2]
T0 = datetime(2026, 11, 2, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def log(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as opened:
        yield opened


@pytest.fixture
def desk(catalogue) -> Routine:
    return Routine("Desk break", (RoutineItem("figure-four-glute", hold=20),
                                  RoutineItem("seated-hamstring", hold=30),
                                  RoutineItem("bird-dog")), catalogue)


def sessions(log: SessionLog, routine: Routine, n: int, day: int = 0, pain=(4, 3),
             skipped: int = 0, done: int | None = None) -> None:
    """``n`` sessions of ``routine`` on pretend days from ``day``, every box held unless
    ``done`` or ``skipped`` say otherwise."""
    boxes = len(routine.checklist_boxes()) if done is None else done
    for k in range(day, day + n):
        start = T0 + timedelta(days=k)
        log.record(routine.name, routine.key(), start, start + timedelta(minutes=6),
                   routine.duration, boxes, skipped, pain_before=pain[0], pain_after=pain[1])


def holds(routine: Routine) -> list[int]:
    return [routine.hold(i) for i in range(len(routine.items))]


# -- moving on -------------------------------------------------------------------------
def test_too_few_steady_sessions_suggest_nothing_and_say_how_many_so_far(log, desk):
    sessions(log, desk, STEADY_SESSIONS - 1)
    assert suggest(desk, log.sessions()) is None
    assert f"So far: {STEADY_SESSIONS - 1} in a row" in status(desk, log.sessions())


def test_steady_sessions_suggest_longer_holds_in_a_new_valid_copy(log, desk, tmp_path):
    sessions(log, desk, STEADY_SESSIONS)
    s = suggest(desk, log.sessions())
    assert s.kind == "longer" and s.button == "Make a copy with longer holds"
    assert s.why == (f"Your last {STEADY_SESSIONS} sessions of “Desk break” had every hold "
                     "done and no rise in pain.")
    before = desk.to_dict()
    copy = s.apply(desk)
    assert desk.to_dict() == before and holds(desk) == [20, 30, 5]
    assert holds(copy) == [25, HOLD_MAX, 5]  # 30 s is the cap; the bird-dog's moves stay
    assert copy.name == "Desk break (holds 25 s)" and copy.name != desk.name
    assert s.text.startswith(f"hold {desk.stretch(0).name} for 25 s (5 s longer")
    copy.save(tmp_path / "copy.yaml")
    assert load_routine(tmp_path / "copy.yaml", desk.catalogue) == copy
    assert dose_report(copy).entries()  # the dose check judges the copy like any routine


def test_a_skipped_hold_or_a_session_stopped_early_breaks_the_run(log, desk):
    sessions(log, desk, STEADY_SESSIONS - 1)
    sessions(log, desk, 1, day=10, skipped=1)
    assert suggest(desk, log.sessions()) is None
    assert "So far: 0 in a row" in status(desk, log.sessions())
    sessions(log, desk, STEADY_SESSIONS - 1, day=11)
    sessions(log, desk, 1, day=20, done=len(desk.checklist_boxes()) - 1)
    assert suggest(desk, log.sessions()) is None


def test_only_this_routines_sessions_count_and_stopped_ones_not_at_all(log, desk, catalogue):
    other = Routine("Other", (RoutineItem("sphinx"),), catalogue)
    sessions(log, desk, STEADY_SESSIONS - 1)
    sessions(log, other, 5, day=10)
    sessions(log, desk, 2, day=20, done=0, pain=(2, 8))  # stopped before any hold: ignored
    assert suggest(desk, log.sessions()) is None
    assert len(sessions_of(desk, log.sessions())) == STEADY_SESSIONS - 1
    sessions(log, desk, 1, day=30)
    assert suggest(desk, log.sessions()).kind == "longer"


def test_sessions_without_pain_scores_neither_help_nor_block(log, desk):
    sessions(log, desk, STEADY_SESSIONS, pain=(None, None))
    s = suggest(desk, log.sessions())
    assert s.kind == "longer" and "no pain scores noted" in s.why
    sessions(log, desk, 1, day=10, pain=(3, 3))
    assert "no rise in pain in the 1 with pain scores" in suggest(desk, log.sessions()).why


def test_at_30_s_holds_one_more_repetition_until_the_stretch_gives_60_s(log, catalogue):
    top = Routine("Top", (RoutineItem("figure-four-glute", hold=30, reps=1),
                          RoutineItem("seated-hamstring", hold=30, reps=2)), catalogue)
    sessions(log, top, STEADY_SESSIONS)
    s = suggest(top, log.sessions())
    assert s.kind == "more_reps" and s.button == "Make a copy with one more repetition"
    copy = s.apply(top)
    assert [copy.reps(i) for i in range(2)] == [2, 2]  # 2 x 30 s already gives 60 s
    assert all(copy.hold(i) * copy.reps(i) >= GROUP_TARGET for i in range(2))
    sessions(log, copy, STEADY_SESSIONS, day=10)
    assert suggest(copy, log.sessions()) is None
    assert "Keep it up" in status(copy, log.sessions())


def test_a_routine_of_moves_only_gets_no_longer_holds(log, catalogue):
    moves = Routine("Moves", (RoutineItem("cat-cow"), RoutineItem("glute-bridge")), catalogue)
    sessions(log, moves, STEADY_SESSIONS)
    assert suggest(moves, log.sessions()) is None
    assert "no static stretch" in status(moves, log.sessions())


# -- easing back -----------------------------------------------------------------------
def test_a_rise_in_pain_in_the_latest_session_suggests_easing_back(log, desk):
    sessions(log, desk, 5)
    sessions(log, desk, 1, day=10, pain=(3, 5))
    s = suggest(desk, log.sessions())
    assert s.kind == "ease" and "latest session" in s.why
    assert s.stop_signs == STOP_SIGNS
    copy = s.apply(desk)
    assert holds(copy) == [15, 25, 5] and holds(desk) == [20, 30, 5]
    assert copy.name == "Desk break (shorter holds)"


def test_one_older_rise_neither_eases_back_nor_moves_on(log, desk):
    sessions(log, desk, 4)
    sessions(log, desk, 1, day=10, pain=(3, 5))
    sessions(log, desk, 1, day=11)
    assert suggest(desk, log.sessions()) is None  # one rise, not the latest: wait and see
    assert "So far: 1 in a row" in status(desk, log.sessions())


def test_a_rise_in_two_of_the_last_three_eases_back(log, desk):
    sessions(log, desk, 4)
    sessions(log, desk, 2, day=10, pain=(3, 5))
    sessions(log, desk, 1, day=12)
    s = suggest(desk, log.sessions())
    assert s.kind == "ease" and "2 of your last 3" in s.why


def test_easing_never_goes_below_10_s_then_takes_a_repetition_off(log, catalogue):
    short = Routine("Short", (RoutineItem("figure-four-glute", hold=HOLD_MIN, reps=3),),
                    catalogue)
    sessions(log, short, 1, pain=(2, 6))
    s = suggest(short, log.sessions())
    copy = s.apply(short)
    assert copy.hold(0) == HOLD_MIN and copy.reps(0) == 2
    assert copy.name == "Short (one repetition fewer)"
    least = Routine("Least", (RoutineItem("figure-four-glute", hold=HOLD_MIN, reps=1),),
                    catalogue)
    sessions(log, least, 1, day=5, pain=(2, 6))
    s = suggest(least, log.sessions())
    assert s.kind == "ease" and not s.changes and s.button == "" and "clinician" in s.text
    with pytest.raises(BackstretchError, match="nothing to change"):
        s.apply(least)


# -- the copy ----------------------------------------------------------------------------
def test_a_suggestion_refuses_another_routine(log, desk, catalogue):
    sessions(log, desk, STEADY_SESSIONS)
    s = suggest(desk, log.sessions())
    with pytest.raises(BackstretchError, match="Desk break"):
        s.apply(Routine("Other", (RoutineItem("sphinx"),), catalogue))


def test_names_do_not_pile_up_suffixes_or_clash(log, desk):
    sessions(log, desk, STEADY_SESSIONS)
    first = suggest(desk, log.sessions()).apply(desk, taken=["desk break (holds 25 s)"])
    assert first.name == "Desk break (holds 25 s) 2"
    sessions(log, first, STEADY_SESSIONS, day=10)
    second = suggest(first, log.sessions()).apply(first)
    assert second.name == "Desk break (holds 30 s)"
    assert distinct_name("A", ["a", "A 2"]) == "A 3"


@pytest.mark.parametrize("name", ['<img src=x onerror="alert(1)"> Desk', "ž" * MAX_NAME,
                                  "Right-to-left \u05e9\u05dc\u05d5\u05dd (holds 5 s)"])
def test_hostile_names_give_a_valid_copy(log, catalogue, name):
    routine = Routine(name, (RoutineItem("figure-four-glute", hold=20),), catalogue)
    sessions(log, routine, STEADY_SESSIONS)
    copy = suggest(routine, log.sessions()).apply(routine)
    assert len(copy.name) <= MAX_NAME and copy.name.endswith("(holds 25 s)")
    assert copy.name.count("(holds") == 1


# -- the panel ---------------------------------------------------------------------------
def test_the_panel_shows_why_saves_a_copy_and_its_dose_check(log, catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets.progression_panel import ProgressionPanel

    folder = tmp_path / "mine"
    routine = Routine('<b>Desk</b> "break"', (RoutineItem("figure-four-glute", hold=20),),
                      catalogue)
    folder.mkdir()
    routine.save(folder / "desk.yaml")
    panel = ProgressionPanel(log, str(folder / "desk.yaml"), folder, catalogue)
    assert panel.make_button.layout.display == "none" and "So far: 0" in panel.text.value
    sessions(log, routine, STEADY_SESSIONS)
    panel.refresh()
    assert "<b>Desk</b>" not in panel.text.value and "&lt;b&gt;Desk&lt;/b&gt;" in panel.text.value
    assert "every hold done" in panel.text.value
    assert panel.make_button.description == "Make a copy with longer holds"
    panel.make_button.click()
    saved = panel.saved
    assert saved is not None and saved.parent == folder and saved != folder / "desk.yaml"
    copy = load_routine(saved, catalogue)
    assert copy.hold(0) == 25 and load_routine(folder / "desk.yaml", catalogue).hold(0) == 20
    assert "Dose check" in panel.result.value and "<b>Desk</b>" not in panel.result.value
    assert str(saved) in [v for _, v in panel.picker.options()]
    panel.make_button.click()  # a second copy gets a file of its own, nothing is replaced
    assert panel.saved != saved and saved.exists()


def test_the_panel_shows_the_stop_signs_when_easing_back(log, catalogue, tmp_path):
    pytest.importorskip("ipywidgets")
    from backstretch.widgets.progression_panel import ProgressionPanel

    routine = Routine("Evening", (RoutineItem("figure-four-glute", hold=20),), catalogue)
    routine.save(tmp_path / "evening.yaml")
    sessions(log, routine, 1, pain=(2, 5))
    panel = ProgressionPanel(log, str(tmp_path / "evening.yaml"), tmp_path, catalogue)
    assert panel.make_button.description == "Make a copy with shorter holds"
    assert all(sign in panel.text.value for sign in STOP_SIGNS)


# -- the evidence in notebook 00 ---------------------------------------------------------
def test_start_here_names_only_moves_the_catalogue_has(catalogue):
    cells = json.loads((ROOT / "notebooks" / "00_start_here.ipynb").read_text())["cells"]
    text = next("".join(c["source"]) for c in cells
                if "".join(c["source"]).startswith("## What the evidence says"))
    for phrase in ("NICE NG59", "NHS", "Hayden et al. 2021", "Owen et al. 2020", "walk"):
        assert phrase in text
    named = re.findall(r"\*\*([^*]+)\*\*", text)
    strong = {s.name.lower() for s in catalogue.values() if s.kind == "strengthening"}
    assert named and {n.lower() for n in named} <= strong
    for move in ("bridge", "bird-dog", "plank", "dead bug", "clamshell", "superman", "squat"):
        if move in text.lower():
            assert any(move in s.name.lower() for s in catalogue.values()), move
