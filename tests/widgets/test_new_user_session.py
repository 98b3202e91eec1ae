"""Issue 13, the guided session (03), the log and the words, as a new user meets them: the
picker by name and remembered, a fresh checklist per session, a session logged from its start,
stopped sessions apart, the paused look, and plural forms; driven through the widgets."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

import pytest

pytest.importorskip("ipywidgets")

from fakes import FakeClock  # noqa: E402

from backstretch import Routine, RoutineItem, Settings, load_routine  # noqa: E402
from backstretch.cli import main  # noqa: E402
from backstretch.guided.checklist import Checklist  # noqa: E402
from backstretch.handouts.html import handout_html  # noqa: E402
from backstretch.log import SessionLog  # noqa: E402
from backstretch.log.weekly_text import week_line, weeks_summary  # noqa: E402
from backstretch.widgets import (  # noqa: E402
    ClassView,
    RoutineBuilder,
    RoutinePicker,
    SessionLogPanel,
    SessionTimer,
)

UTC = timezone.utc


# -- 6: the picker ---------------------------------------------------------------------------
def test_picker_lists_by_name_with_the_file_and_remembers_the_last_pick(catalogue, tmp_path):
    folder = tmp_path / "my-routines"
    load_routine("desk-break", catalogue).changed(0, hold=25).save(folder / "mine.yaml")
    picker = RoutinePicker("source-article", folder, catalogue)
    labels = dict((v, k) for k, v in picker.choice.options)
    assert labels["desk-break"] == "Desk break (ready)"
    assert labels[str(folder / "mine.yaml")] == "Desk break (mine.yaml)"
    picker.choice.value = str(folder / "mine.yaml")
    # the kernel restarts: the notebook makes a new picker with the same default
    again = RoutinePicker("source-article", folder, catalogue)
    assert again.choice.value == str(folder / "mine.yaml") and again.routine.hold(0) == 25
    assert again.choice.label == "Desk break (mine.yaml)"
    # another default (another notebook) keeps its own memory
    assert RoutinePicker("daily-back-care", folder, catalogue).choice.value == "daily-back-care"
    # a remembered file since deleted: back to the default, no error
    (folder / "mine.yaml").unlink()
    assert RoutinePicker("source-article", folder, catalogue).choice.value == "source-article"


# -- 7: a fresh checklist per session --------------------------------------------------------
def _run(timer: SessionTimer, clock: FakeClock, seconds: int) -> None:
    for _ in range(seconds):
        clock.now += 1
        timer.tick()


def test_start_from_the_beginning_gives_a_fresh_checklist_a_restart_keeps_ticks(
        catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    clock, path = FakeClock(), tmp_path / "log.sqlite"
    timer = SessionTimer(article, clock)
    SessionLogPanel(timer, path)
    timer.start()
    _run(timer, clock, 30)  # knee to chest, both sides
    timer.boxes[(4, "right")].value = True  # and one ticked by hand
    ticked = {b for b, cb in timer.boxes.items() if cb.value}
    assert ticked == {(0, "left"), (0, "right"), (4, "right")}
    # the kernel restarts mid-session: the new timer shows the ticks made
    restarted = SessionTimer(article, FakeClock())
    assert {b for b, cb in restarted.boxes.items() if cb.value} == ticked
    # a new session from the beginning: a fresh checklist, the old one in the log
    timer.reset()
    timer.start()
    assert not any(cb.value for cb in timer.boxes.values())
    assert Checklist(article).ticked == set()
    with SessionLog(path) as log:
        assert log.sessions()[0].steps_completed == 2
    # Pause and Resume, Back and Skip are not a new start: ticks stay
    _run(timer, clock, 16)
    timer.toggle()
    timer.toggle()
    timer.back()
    assert timer.boxes[(0, "left")].value


# -- 8: logged from its start, updated as it goes --------------------------------------------
def test_a_session_is_in_the_log_from_its_start_and_kept_up_to_date(catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    clock, path = FakeClock(), tmp_path / "log.sqlite"
    timer = SessionTimer(article, clock)
    panel = SessionLogPanel(timer, path)
    panel.pain_before.value = 5
    timer.start()
    with SessionLog(path) as log:
        (rec,) = log.sessions()
    assert rec.steps_completed == 0 and rec.pain_before == 5 and not rec.counts
    assert "In your log" in panel.status.value
    _run(timer, clock, 30)
    timer.toggle()
    # the tab closes and the kernel stops here: nothing more is called
    with SessionLog(path) as log:
        (rec,) = log.sessions()
    assert rec.steps_completed == 2 and rec.group_seconds["glutes"] == 5 and rec.counts
    assert rec.minutes * 60 == pytest.approx(30, abs=1)


def test_an_update_is_one_transaction(catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    clock = FakeClock()
    timer = SessionTimer(article, clock, Checklist(article, tmp_path / "c.json"))
    with SessionLog(tmp_path / "log.sqlite") as log:
        rec = log.record_session(timer.session)
        timer.start()
        _run(timer, clock, 30)
        with pytest.raises(Exception):
            log.record_session(timer.session, pain_after=99, record_id=rec.id)
        assert log.sessions() == [rec]  # nothing half-written
        newer = log.record_session(timer.session, record_id=rec.id)
        assert log.sessions() == [newer] and newer.id == rec.id and newer.steps_completed == 2


# -- 9: a stopped session is no day ----------------------------------------------------------
def test_a_session_stopped_before_any_hold_counts_no_day_and_shows_apart(catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    clock, path = FakeClock(), tmp_path / "log.sqlite"
    monday = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)
    now = [monday]
    timer = SessionTimer(article, clock)
    panel = SessionLogPanel(timer, path, now=lambda: now[0])
    timer.start()
    _run(timer, clock, 4)
    timer.reset()  # a few seconds, no side held
    assert "does not count toward your days" in panel.status.value
    now[0] = monday + timedelta(days=2)
    timer.start()
    _run(timer, clock, 30)
    timer.reset()
    with SessionLog(path) as log:
        (week,) = log.weekly(tz=UTC)
    assert (week.sessions, week.days, week.stopped) == (1, 1, 1)
    assert week.minutes == pytest.approx(0.5)
    assert weeks_summary([week]) == ("1 session on 1 day over 1 week; 1 session stopped "
                                     "before any hold was done (not counted)")
    assert week_line(week).startswith("2026-W48: 1 day, 0 min, short; 1 session stopped")


# -- 10: paused looks paused, with one way on ------------------------------------------------
@pytest.mark.parametrize("make", [
    lambda r, c, tmp: SessionTimer(r, c, Checklist(r, tmp / "c.json")),
    lambda r, c, tmp: ClassView(r, clock=c),
])
def test_paused_greys_the_countdown_and_only_resume_goes_on(catalogue, tmp_path, make):
    clock = FakeClock()
    view = make(load_routine("desk-break", catalogue), clock, tmp_path)
    view.start()
    view.toggle()
    # the page greys the countdown and disables Start (checked in the browser); it is told:
    assert view.player.position["state"] == "paused"
    clock.now += 100
    view.start()  # the page's Start is disabled while paused; from Python it resumes
    assert view.session.state == "running" and view.player.position["state"] == "running"


# -- 11: plural forms ------------------------------------------------------------------------
PLURAL_AFTER_ONE = re.compile(
    r"\b1 (?:[a-z]+ )?(?:stretches|sessions|weeks|days|repetitions|sides|groups|steps|times)\b")


def test_one_of_anything_is_singular_everywhere(catalogue, tmp_path, monkeypatch, capsys):
    monkeypatch.chdir(tmp_path)
    one = Routine("One", (RoutineItem("cat-cow", reps=1),), catalogue, settings=Settings())
    one.save(tmp_path / "one.yaml")
    texts = [handout_html(one, charts=[]), *(s.label for s in one.steps())]
    builder = RoutineBuilder(catalogue, one)
    texts.append(builder.total.value)
    picker = RoutinePicker(str(tmp_path / "one.yaml"), tmp_path, catalogue)
    texts.append(picker.status.value)
    clock = FakeClock()
    view = ClassView(one, clock=clock)
    view.start()
    clock.now += 11
    view.tick()
    texts += [w for step in view.player.timeline["steps"] for w in (step["action"], step["label"],
                                                                     step["spoken"])]
    timer = SessionTimer(one, clock)
    panel = SessionLogPanel(timer, tmp_path / "log.sqlite")
    timer.start()
    _run(timer, clock, one.duration + 1)
    texts.append(panel.status.value)
    with SessionLog(tmp_path / "log.sqlite") as log:
        texts += [weeks_summary(log.weekly()), *(week_line(w) for w in log.weekly())]
    assert main(["show", str(tmp_path / "one.yaml")]) == 0
    texts.append(capsys.readouterr().out)
    found = [m.group(0) for t in texts for m in PLURAL_AFTER_ONE.finditer(t)]
    assert not found, found
    assert "1 stretch" in builder.total.value and "1 slow repetition" in " ".join(texts)
    assert "1 session on 1 day over 1 week" in texts[-3]
