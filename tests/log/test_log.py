"""The session log: what is recorded comes back whole, bad input is refused clearly,
and a writer killed mid-way leaves every committed session intact."""

from __future__ import annotations

import csv
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date, datetime, timedelta, timezone

import pytest
from fakes import FakeClock

from backstretch import BackstretchError, Routine, RoutineItem, Settings, load_routine
from backstretch.guided.session import Session
from backstretch.log import SCHEMA_VERSION, SessionLog
from backstretch.log.demo import DEMO_DAYS, demo_log

UTC = timezone.utc
T0 = datetime(2026, 11, 23, 18, 0, tzinfo=UTC)  # a Monday, ISO week 2026-W48


def _record(log: SessionLog, start: datetime = T0, minutes: float = 10, **kw):
    args = {"routine": "Daily", "routine_key": "abc", "started_at": start, "steps_completed": 1,
            "ended_at": start + timedelta(minutes=minutes), "planned_seconds": 600}
    return log.record(**{**args, **kw})


@pytest.fixture
def log(tmp_path):
    with SessionLog(tmp_path / "log.sqlite") as opened:
        yield opened


def _run(session: Session, clock: FakeClock, until: float | None = None) -> None:
    session.start()
    while session.state == "running" and (until is None or clock.now < until):
        clock.now += 0.5
        session.tick()


# -- recording and reading back ------------------------------------------------------------
def test_record_and_read_back_after_reopening(tmp_path):
    path = tmp_path / "log.sqlite"
    with SessionLog(path) as log:
        rec = _record(log, group_seconds={"glutes": 45, "lower_back": 60.5}, pain_before=6,
                      pain_after=3, note='Tight, then "better", <b>really</b>', steps_completed=7,
                      steps_skipped=1)
    with SessionLog(path) as log:
        (back,) = log.sessions()
    assert back == rec and back.id == 1
    assert back.started_at == T0 and back.minutes == 10
    assert dict(back.group_seconds) == {"glutes": 45.0, "lower_back": 60.5}
    assert (back.pain_before, back.pain_after, back.steps_skipped) == (6, 3, 1)
    assert back.note == 'Tight, then "better", <b>really</b>'


def test_times_are_stored_in_utc_and_a_naive_time_is_local(log):
    east = timezone(timedelta(hours=2))
    rec = _record(log, start=datetime(2026, 11, 23, 20, 0, tzinfo=east))
    assert rec.started_at == T0 and rec.started_at.tzinfo == UTC
    naive = datetime(2026, 11, 24, 9, 0)
    assert _record(log, start=naive).started_at == naive.astimezone(UTC)


def test_amend_sets_pain_after_and_note_of_a_recorded_session(log):
    rec = _record(log, pain_before=5)
    amended = log.amend(rec.id, 5, 2, "easier after")
    assert (amended.pain_before, amended.pain_after, amended.note) == (5, 2, "easier after")
    assert log.sessions() == [amended]
    with pytest.raises(BackstretchError, match="id: 99 is not a recorded session"):
        log.amend(99, None, None, "")
    with pytest.raises(BackstretchError, match="pain_after"):
        log.amend(rec.id, 5, 12, "")
    assert log.sessions() == [amended]


def test_an_empty_log_gives_empty_lists_everywhere(log, tmp_path):
    assert log.sessions() == [] and log.weekly() == [] and log.pain_series() == []
    assert log.weekly(until=date(2026, 12, 1)) == []
    out = log.export_csv(tmp_path / "empty.csv")
    rows = list(csv.reader(out.open(encoding="utf-8")))
    assert len(rows) == 1 and rows[0][:3] == ["id", "routine", "routine_key"]


# -- bad input: one clear message naming the file and the field ----------------------------
@pytest.mark.parametrize(("kw", "field", "words"), [
    ({"pain_before": 11}, "pain_before", "11 is not valid; use a whole number from 0 to 10"),
    ({"pain_after": -1}, "pain_after", "-1 is not valid"),
    ({"pain_before": True}, "pain_before", "True is not valid"),
    ({"pain_after": 4.5}, "pain_after", "4.5 is not valid"),
    ({"note": "x" * 2001}, "note", "is 2001 characters long; at most 2000 are allowed"),
    ({"routine": "  "}, "routine", "must not be empty"),
    ({"group_seconds": {"spleen": 30}}, "group_seconds", "'spleen' is not a muscle group"),
    ({"group_seconds": {"glutes": float("nan")}}, "group_seconds.glutes", "nan is not valid"),
    ({"ended_at": T0 - timedelta(seconds=1)}, "ended_at", "use a time from started_at"),
    ({"started_at": "last Tuesday"}, "started_at",
     "'last Tuesday' is not valid; use a time with its zone"),
])
def test_bad_values_are_refused_naming_the_field(log, kw, field, words):
    with pytest.raises(BackstretchError) as caught:
        _record(log, **kw)
    message = str(caught.value)
    assert message.startswith(f"{log.path}: {field}: ") and words in message
    assert "\n" not in message and "Traceback" not in message
    assert log.sessions() == []  # nothing half-written


def test_a_folder_is_refused(tmp_path):
    with pytest.raises(BackstretchError, match=f"^{tmp_path}: is a folder"):
        SessionLog(tmp_path)


def test_another_sqlite_file_is_refused_and_left_unchanged(tmp_path):
    other = tmp_path / "shop.sqlite"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE orders (id INTEGER)")
    conn.close()
    before = other.read_bytes()
    with pytest.raises(BackstretchError, match="is an SQLite file but not a backstretch session"):
        SessionLog(other)
    assert other.read_bytes() == before and not (tmp_path / "shop.sqlite-wal").exists()


def test_a_log_from_a_newer_backstretch_is_refused(tmp_path):
    path = tmp_path / "log.sqlite"
    SessionLog(path).close()
    with sqlite3.connect(path) as conn:
        conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(BackstretchError, match=rf"newer backstretch \(schema {SCHEMA_VERSION + 1}"):
        SessionLog(path)


def test_a_file_that_is_not_sqlite_is_refused_and_kept(tmp_path):
    path = tmp_path / "log.sqlite"
    path.write_text("my notes, not a database\n" * 100)
    with pytest.raises(BackstretchError) as caught:
        SessionLog(path)
    assert str(caught.value) == (f"{path}: is not an SQLite file, so not a session log; give "
                                 "another path, or move it aside to start a new log")
    assert path.read_text().startswith("my notes")


# -- a crash mid-write ---------------------------------------------------------------------
WRITER = """
import sys
from backstretch.log import SessionLog
log = SessionLog(sys.argv[1])
i = int(sys.argv[2])
while True:
    rec = log.record("Crash test", "k", "2026-11-24T10:00:00+00:00", "2026-11-24T10:05:00+00:00",
                     300, 5, 0, {"lower_back": 60.0 + i, "glutes": 30.0, "calves": i % 7},
                     i % 11, None, "note %d, with \\"quotes\\"" % i)
    print(rec.id, i, flush=True)
    i += 1
"""


def test_a_writer_killed_mid_way_leaves_every_committed_session_whole(tmp_path):
    path = tmp_path / "log.sqlite"
    reported: dict[int, int] = {}
    rng = random.Random(7)
    for _round in range(6):
        writer = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(len(reported))],
                                  stdout=subprocess.PIPE, text=True)
        for _ in range(15 + rng.randrange(15)):
            line = writer.stdout.readline()
            assert line, "the writer stopped by itself"
            sid, i = map(int, line.split())
            reported[sid] = i
        time.sleep(rng.uniform(0, 0.02))  # land the kill anywhere in a write
        os.kill(writer.pid, signal.SIGKILL)
        rest, _ = writer.communicate(timeout=30)
        assert writer.returncode == -signal.SIGKILL
        for line in rest.splitlines(keepends=True):
            if line.endswith("\n"):  # a line cut by the kill was not reported
                sid, i = map(int, line.split())
                reported[sid] = i
        with sqlite3.connect(path) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
            assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        conn.close()
        with SessionLog(path) as log:
            stored = {r.id: r for r in log.sessions()}
        for sid, i in reported.items():
            rec = stored[sid]
            assert rec.note == f'note {i}, with "quotes"' and rec.pain_before == i % 11
            want = {"lower_back": 60.0 + i, "glutes": 30.0, "calves": float(i % 7)}
            assert dict(rec.group_seconds) == {g: s for g, s in want.items() if s}
        # no half-written session: every stored one has all of its groups
        assert all({"lower_back", "glutes"} <= set(r.group_seconds) for r in stored.values())
        assert len(stored) >= len(reported)


# -- weeks ---------------------------------------------------------------------------------
def test_weekly_includes_empty_weeks_and_counts_days_not_sessions(log):
    _record(log, start=T0, minutes=10, group_seconds={"glutes": 30})            # Mon W48
    _record(log, start=T0 + timedelta(hours=2), minutes=5, group_seconds={"glutes": 15})
    _record(log, start=T0 + timedelta(weeks=2), minutes=20)                    # Mon W50
    _record(log, start=T0 + timedelta(weeks=2, days=3), minutes=8,             # Thu W50
            group_seconds={"calves": 60})
    weeks = log.weekly(tz=UTC)
    assert [w.label for w in weeks] == ["2026-W48", "2026-W49", "2026-W50"]
    w48, w49, w50 = weeks
    assert (w48.sessions, w48.days, w48.minutes, w48.guideline_met) == (2, 1, 15, False)
    assert dict(w48.group_seconds) == {"glutes": 45}
    assert (w49.sessions, w49.days, w49.minutes, w49.guideline_met) == (0, 0, 0, False)
    assert (w50.sessions, w50.days, w50.minutes, w50.guideline_met) == (2, 2, 28, True)
    assert w48.start == date(2026, 11, 23) and w50.start == date(2026, 12, 7)
    later = log.weekly(tz=UTC, until=date(2026, 12, 24))
    assert [w.label for w in later][-2:] == ["2026-W51", "2026-W52"] and later[-1].days == 0


def test_weekly_counts_days_in_the_given_time_zone(log):
    late_sunday = datetime(2026, 11, 29, 23, 30, tzinfo=UTC)   # Sunday of W48 in UTC
    _record(log, start=late_sunday)
    _record(log, start=T0 + timedelta(weeks=1, days=1))         # Tuesday of W49
    assert [(w.label, w.days) for w in log.weekly(tz=UTC)] == [("2026-W48", 1), ("2026-W49", 1)]
    east = timezone(timedelta(hours=2))                         # there it is Monday, W49
    assert [(w.label, w.days, w.sessions) for w in log.weekly(tz=east)] == [("2026-W49", 2, 2)]


def test_pain_series_lists_sessions_with_a_score(log):
    _record(log, start=T0, pain_before=7)
    _record(log, start=T0 + timedelta(days=1))
    _record(log, start=T0 + timedelta(days=2), pain_after=2)
    series = log.pain_series()
    assert [(p.when.day, p.before, p.after) for p in series] == [(23, 7, None), (25, None, 2)]


def test_demo_log_has_the_promised_weeks(tmp_path):
    with demo_log(tmp_path / "demo.sqlite", weeks=8, today=date(2026, 11, 25)) as log:
        weeks = log.weekly()
        assert [w.days for w in weeks] == [DEMO_DAYS[i % 6] for i in range(8)]
        assert weeks[-1].label == "2026-W48"
        assert all(p.after < p.before for p in log.pain_series() if p.before)


# -- from a guided session -----------------------------------------------------------------
def test_a_finished_session_records_the_routines_coverage(log, catalogue):
    routine = load_routine("daily-back-care", catalogue)
    clock = FakeClock()
    session = Session(routine, clock)
    _run(session, clock)
    end = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)
    rec = log.record_session(session, pain_before=4, pain_after=2, note="ok", ended_at=end)
    expected = {g: c.stretch for g, c in routine.coverage().items() if c.stretch > 0}
    assert dict(rec.group_seconds) == pytest.approx(expected)
    assert rec.steps_completed == len(routine.checklist_boxes()) and rec.steps_skipped == 0
    assert rec.routine == routine.name and rec.routine_key == routine.key()
    assert rec.planned_seconds == routine.duration
    assert rec.ended_at == end and abs((end - rec.started_at).total_seconds() - clock.now) < 1e-6
    assert log.sessions() == [rec]


def test_skipped_holds_do_not_count_but_held_reps_do(log, catalogue):
    # child's pose (both sides at once): lower back and lats primary, glutes and mid back half
    routine = Routine("three", (RoutineItem("childs-pose", hold=20, reps=3),), catalogue,
                      settings=Settings(get_ready=5, rest=5))
    clock = FakeClock()
    session = Session(routine, clock)
    session.start()
    while session.current.rep < 3 or session.current.kind != "hold":
        clock.now += 0.5
        session.tick()
    session.skip()  # the third hold is cut short
    rec = log.record_session(session, ended_at=T0)
    assert dict(rec.group_seconds) == {"lower_back": 40, "lats": 40, "glutes": 20, "mid_back": 20}
    assert (rec.steps_completed, rec.steps_skipped) == (0, 1)


def test_a_session_stopped_mid_hold_counts_only_the_holds_behind_it(log, catalogue):
    routine = load_routine("source-article", catalogue)   # 5 s holds, 10 s get-ready
    clock = FakeClock()
    session = Session(routine, clock)
    _run(session, clock, until=17.5)                        # left hold done, in the switch
    rec = log.record_session(session, ended_at=T0)
    # knee to chest, left only so far: each group's less-stretched (right) side has 0 s
    assert dict(rec.group_seconds) == {} and rec.steps_completed == 1
    _run(session, clock, until=28.0)                        # right hold done as well
    rec = log.record_session(session, ended_at=T0)
    assert dict(rec.group_seconds) == {"glutes": 5, "lower_back": 5}


# -- CSV -----------------------------------------------------------------------------------
def test_csv_export_round_trips_awkward_notes(log, tmp_path):
    notes = ['tight, then "loose"', "line one\nline two", "=HYPERLINK(\"x\")", "plain"]
    for n, note in enumerate(notes):
        _record(log, start=T0 + timedelta(days=n), note=note, pain_before=n,
                group_seconds={"glutes": 12.5})
    out = log.export_csv(tmp_path / "out" / "sessions.csv")
    with out.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert [r["note"] for r in rows] == notes[:2] + ["'" + notes[2], "plain"]
    assert [r["pain_before"] for r in rows] == ["0", "1", "2", "3"]
    assert rows[0]["pain_after"] == "" and rows[0]["minutes"] == "10.00"
    assert rows[0]["seconds_glutes"] == "12.5" and rows[0]["seconds_calves"] == "0"
    assert rows[0]["started_at"] == "2026-11-23T18:00:00+00:00"
    assert not [p for p in out.parent.iterdir() if p.name != "sessions.csv"]  # no temp files


def test_csv_export_replaces_the_old_file_whole_or_not_at_all(log, tmp_path):
    _record(log)
    target = tmp_path / "sessions.csv"
    target.write_text("old export\n")
    with pytest.raises(BackstretchError, match="is a folder"):
        log.export_csv(tmp_path)
    (tmp_path / "a-file").write_text("")
    with pytest.raises(BackstretchError, match=f"^{tmp_path / 'a-file' / 'x.csv'}: cannot be"):
        log.export_csv(tmp_path / "a-file" / "x.csv")
    assert target.read_text() == "old export\n"
    log.export_csv(target)
    assert target.read_text().count("\n") == 2
