"""The session-log panel beside the timer: a finished or stopped session lands in the log."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from backstretch import Routine, RoutineItem, Settings, load_routine
from backstretch.log import SessionLog

pytest.importorskip("ipywidgets")
from fakes import FakeClock  # noqa: E402

from backstretch.base.userdata import data_home  # noqa: E402
from backstretch.guided.checklist import Checklist  # noqa: E402
from backstretch.widgets import SessionLogPanel, SessionTimer  # noqa: E402

END = datetime(2026, 11, 24, 18, 0, tzinfo=timezone.utc)


@pytest.fixture
def quick(catalogue):
    return Routine("<i>quick</i> one", (RoutineItem("back-rounders", hold=10),), catalogue,
                   settings=Settings(get_ready=5))


def _timer(routine, tmp_path, clock, **kw):
    return SessionTimer(routine, clock, Checklist(routine, tmp_path / "c.json"), **kw)


def _finish(timer, clock):
    timer.start()
    while timer.session.state != "finished":
        clock.now += 1
        timer.tick()


def test_panel_has_the_stable_css_classes_and_unset_pain(quick, tmp_path):
    panel = SessionLogPanel(_timer(quick, tmp_path, FakeClock()), tmp_path / "log.sqlite")
    assert "bs-log-panel" in panel.widget._dom_classes
    for part, css in ((panel.pain_before, "bs-pain-before"), (panel.pain_after, "bs-pain-after"),
                      (panel.note, "bs-note"), (panel.status, "bs-log-status")):
        assert css in part._dom_classes
    assert panel.pain_before.label == "not recorded" and panel.pain_after.label == "not recorded"
    assert len(panel.pain_before.options) == 12  # not recorded, 0 to 10


def test_a_finished_session_is_recorded_with_pain_and_note(quick, tmp_path):
    clock = FakeClock()
    path = tmp_path / "log.sqlite"
    panel = SessionLogPanel(_timer(quick, tmp_path, clock), path, now=lambda: END)
    panel.pain_before.value = 6
    panel.note.value = "<script>x</script>, stiff"
    _finish(panel.timer, clock)
    with SessionLog(path) as log:
        (rec,) = log.sessions()
    assert (rec.pain_before, rec.pain_after, rec.note) == (6, None, "<script>x</script>, stiff")
    assert rec.routine == "<i>quick</i> one" and rec.ended_at == END
    assert rec.steps_completed == 1 and dict(rec.group_seconds)["lower_back"] == 10
    assert (END - rec.started_at).total_seconds() == 15
    assert panel.status.value.startswith("<b>Recorded:</b>")
    assert "&lt;i&gt;quick" in panel.status.value and "<script>" not in panel.status.value
    assert "pain 6 to -" in panel.status.value


def test_pain_after_set_when_it_ends_is_saved_into_the_same_row(quick, tmp_path):
    clock = FakeClock()
    path = tmp_path / "log.sqlite"
    panel = SessionLogPanel(_timer(quick, tmp_path, clock), path, now=lambda: END)
    assert panel.save_button.disabled
    _finish(panel.timer, clock)
    panel.pain_after.value = 2
    panel.note.value = "better"
    panel.save_button.click()
    with SessionLog(path) as log:
        (rec,) = log.sessions()
    assert (rec.pain_before, rec.pain_after, rec.note) == (None, 2, "better")
    assert panel.status.value.startswith("<b>Saved:</b>")
    panel.pain_after.value = ""  # back to "not recorded"
    panel.save_button.click()
    with SessionLog(path) as log:
        assert log.sessions()[0].pain_after is None


def test_reset_after_start_records_what_was_done(catalogue, tmp_path):
    article = load_routine("source-article", catalogue)
    clock = FakeClock()
    seen = []
    timer = _timer(article, tmp_path, clock)
    timer.finished.subscribe(seen.append)  # subscribed before the panel: neither is dropped
    SessionLogPanel(timer, tmp_path / "log.sqlite", now=lambda: END)  # attaches itself
    timer.start()
    for _ in range(30):  # 30 s: knee to chest done on both sides
        clock.now += 1
        timer.tick()
    timer.reset()
    with SessionLog(tmp_path / "log.sqlite") as log:
        (rec,) = log.sessions()
    assert rec.steps_completed == 2 and rec.planned_seconds == article.duration
    assert dict(rec.group_seconds) == {"glutes": 5, "lower_back": 5}
    assert seen == [timer.session]  # the earlier subscriber still hears of it
    timer.reset()  # a Reset before Start records nothing more
    with SessionLog(tmp_path / "log.sqlite") as log:
        assert len(log.sessions()) == 1


def test_a_bad_log_path_gives_a_clean_message_and_keeps_the_inputs(quick, tmp_path):
    clock = FakeClock()
    bad = tmp_path / "not-a-log.sqlite"
    bad.write_text("<b>plain text</b>\n" * 50)
    panel = SessionLogPanel(_timer(quick, tmp_path, clock), bad)
    panel.note.value = "keep me"
    _finish(panel.timer, clock)
    assert panel.status.value.startswith("<b>Not recorded:</b>")
    assert "is not an SQLite file, so not a session log" in panel.status.value and "<b>plain" not in \
        panel.status.value and "Traceback" not in panel.status.value
    assert panel.note.value == "keep me" and panel.save_button.disabled
    assert bad.read_text().startswith("<b>plain text</b>")


def test_the_default_log_lives_in_the_data_folder(quick, tmp_path):
    clock = FakeClock()
    panel = SessionLogPanel(_timer(quick, tmp_path, clock))
    _finish(panel.timer, clock)
    with SessionLog(data_home() / "sessions.sqlite") as log:
        assert [r.routine for r in log.sessions()] == ["<i>quick</i> one"]


def test_a_second_session_does_not_inherit_the_last_ones_pain_after_or_note(quick, tmp_path):
    clock = FakeClock()
    path = tmp_path / "log.sqlite"
    timer = _timer(quick, tmp_path, clock)
    panel = SessionLogPanel(timer, path, now=lambda: END)
    panel.pain_before.value = 6
    _finish(timer, clock)
    panel.pain_after.value = 3
    panel.note.value = "better"
    panel.save_button.click()
    timer.reset()
    panel.pain_before.value = 4          # set before pressing Start, as a person would
    _finish(timer, clock)
    with SessionLog(path) as log:
        first, second = log.sessions()
    assert (first.pain_before, first.pain_after, first.note) == (6, 3, "better")
    assert (second.pain_before, second.pain_after, second.note) == (4, None, "")
