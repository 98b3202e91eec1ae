r"""Upgrading the session log from schema 1: nothing lost, one transaction, a copy kept.

``tests/log/data/sessions-v1.sqlite`` was written by backstretch's schema-1 code (before the
weekly check-ins), from the repository's root, with this script; ``EXPECTED`` is what
that code read back from it (``SessionLog.sessions()``), before schema 2 existed::

    from datetime import datetime, timedelta, timezone
    from backstretch import load_catalogue, load_routine
    from backstretch.guided.pretend_clock import PretendClock
    from backstretch.guided.session import Session
    from backstretch.log import SessionLog

    routine = load_routine("daily-back-care", load_catalogue())
    end = datetime(2026, 3, 2, 18, 0, tzinfo=timezone.utc)
    with SessionLog("tests/log/data/sessions-v1.sqlite") as log:
        for n, (before, after, note) in enumerate([
                (6, 4, "Stiff after the drive"),
                (5, 5, "Genoux raides, ça va mieux 🙂 — 背中"),
                (None, 3, ""), (4, None, "<b>$x$</b> & more")]):
            clock = PretendClock()
            s = Session(routine, clock=clock)
            s.start()
            while s.state != "finished":
                if n == 1 and s.current and s.current.kind == "hold" and not s.skipped:
                    s.skip()  # a skipped hold
                clock.now += 1.0
                s.tick()
            log.record_session(s, before, after, note,
                               ended_at=end + timedelta(days=2 * n, seconds=clock.now))
        clock = PretendClock()  # a session stopped after 5 s, no hold done
        s = Session(routine, clock=clock)
        s.start()
        clock.now += 5.0
        s.tick()
        log.record_session(s, 7, 8, "Stopped: it hurt", ended_at=end + timedelta(days=9))
        log.record("Made by hand", "k" * 8, "2026-03-12T07:30:00+01:00",
                   "2026-03-12T07:45:00+01:00", 900, 3, 0,
                   {"glutes": 30, "hamstrings": 22.5}, 0, 0, "Line one\nline two")
"""

from __future__ import annotations

import errno
import os
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from hostile_disks import fill, read_only, small_disk

from backstretch import BackstretchError
from backstretch.base.errors import BackstretchWarning
from backstretch.log import SCHEMA_VERSION, SessionLog
from backstretch.log import schema as log_schema

FIXTURE = Path(__file__).parent / "data" / "sessions-v1.sqlite"
FULL = {"calves": 30.0, "chest_shoulders": 20.0, "deep_hip_rotators": 60.0, "flank": 60.0,
        "glutes": 135.0, "hamstrings": 60.0, "hip_flexors": 60.0, "lats": 90.0,
        "lower_back": 140.0, "mid_back": 15.0, "obliques": 70.0, "quadriceps": 30.0}
"""Seconds per group of the whole routine."""
SKIPPED = {**FULL, "glutes": 115.0, "lower_back": 120.0}
"""... with its first hold skipped."""
DAILY, KEY = "Daily back care", "ca0a2c206ab88c0f"
EXPECTED = [
    (1, DAILY, KEY, "2026-03-02T18:00:00+00:00", "2026-03-02T18:15:14+00:00", 914, 15, 0, 6, 4,
     "Stiff after the drive", FULL),
    (2, DAILY, KEY, "2026-03-04T18:00:00+00:00", "2026-03-04T18:14:54+00:00", 914, 15, 1, 5, 5,
     "Genoux raides, ça va mieux 🙂 — 背中", SKIPPED),
    (3, DAILY, KEY, "2026-03-06T18:00:00+00:00", "2026-03-06T18:15:14+00:00", 914, 15, 0, None,
     3, "", FULL),
    (4, DAILY, KEY, "2026-03-08T18:00:00+00:00", "2026-03-08T18:15:14+00:00", 914, 15, 0, 4,
     None, "<b>$x$</b> & more", FULL),
    (5, DAILY, KEY, "2026-03-11T17:59:55+00:00", "2026-03-11T18:00:00+00:00", 914, 0, 0, 7, 8,
     "Stopped: it hurt", {}),
    (6, "Made by hand", "kkkkkkkk", "2026-03-12T06:30:00+00:00", "2026-03-12T06:45:00+00:00",
     900, 3, 0, 0, 0, "Line one\nline two", {"glutes": 30.0, "hamstrings": 22.5}),
]
"""Each session as schema 1's code read it: id, routine, key, start, end, planned seconds,
steps done and skipped, pain before and after, note, seconds per group."""


def _read(log: SessionLog) -> list[tuple]:
    return [(r.id, r.routine, r.routine_key, r.started_at.isoformat(), r.ended_at.isoformat(),
             r.planned_seconds, r.steps_completed, r.steps_skipped, r.pain_before, r.pain_after,
             r.note, dict(r.group_seconds)) for r in log.sessions()]


def _connect(path: Path) -> sqlite3.Connection:
    """The fixture is read as immutable, so that reading it never writes beside it."""
    if path == FIXTURE:
        return sqlite3.connect(f"{FIXTURE.resolve().as_uri()}?immutable=1", uri=True)
    return sqlite3.connect(path)


def _version(path: Path) -> int:
    conn = _connect(path)
    try:
        return conn.execute("PRAGMA user_version").fetchone()[0]
    finally:
        conn.close()


def _rows(path: Path) -> list[tuple]:
    conn = _connect(path)
    try:
        return conn.execute("SELECT * FROM sessions s LEFT JOIN group_seconds g "
                            "ON g.session_id = s.id ORDER BY s.id, g.muscle_group").fetchall()
    finally:
        conn.close()


@pytest.fixture
def v1(tmp_path: Path) -> Path:
    path = tmp_path / "sessions.sqlite"
    shutil.copyfile(FIXTURE, path)
    assert _version(path) == 1
    return path


def test_the_fixture_is_a_schema_1_log():
    assert _version(FIXTURE) == 1 and SCHEMA_VERSION == 2


def test_every_session_pain_score_and_note_reads_back_unchanged(v1):
    before = _rows(v1)
    with SessionLog(v1) as log:
        assert _read(log) == EXPECTED
        assert log.checkins() == [] and log.activities() == []
    assert _version(v1) == 2
    assert _rows(v1) == before
    with SessionLog(v1) as log:  # opening again changes nothing more
        assert _read(log) == EXPECTED


def test_an_upgraded_log_takes_check_ins_and_new_sessions(v1):
    with SessionLog(v1) as log:
        saved = log.check_in(date(2026, 3, 2), 6, {"Putting on socks": 4})
        log.record("After", "k", "2026-03-20T18:00:00+00:00", "2026-03-20T18:10:00+00:00", 600,
                   1)
    with SessionLog(v1) as log:
        assert log.checkins() == [saved.checkin]
        assert _read(log)[:len(EXPECTED)] == EXPECTED and len(log.sessions()) == 7


def test_a_copy_is_kept_beside_the_log_and_reads_as_the_original(v1):
    SessionLog(v1).close()
    backup = v1.with_name("sessions.sqlite.v1-backup")
    assert _version(backup) == 1 and _rows(backup) == _rows(FIXTURE)
    assert not list(v1.parent.glob("*.partial"))


def test_an_earlier_copy_is_never_overwritten(v1):
    earlier = v1.with_name("sessions.sqlite.v1-backup")
    earlier.write_bytes(b"an older copy")
    SessionLog(v1).close()
    assert earlier.read_bytes() == b"an older copy"
    assert _rows(v1.with_name("sessions.sqlite.v1-backup-2")) == _rows(FIXTURE)


def test_a_failed_upgrade_changes_nothing_and_says_where_the_copy_is(v1, monkeypatch):
    steps = log_schema.MIGRATIONS[1]
    monkeypatch.setitem(log_schema.MIGRATIONS, 1, (*steps[:2], "CREATE TABLE broken (", ))
    before = _rows(v1)
    with pytest.raises(BackstretchError) as caught:
        SessionLog(v1)
    backup = v1.with_name("sessions.sqlite.v1-backup")
    message = str(caught.value)
    assert str(v1) in message and "nothing in it was changed" in message
    assert f"kept at {backup}" in message
    assert _version(v1) == 1 and _rows(v1) == before
    conn = sqlite3.connect(v1)
    tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    conn.close()
    assert tables == {"sessions", "group_seconds"}  # the first two steps rolled back too
    assert backup.exists() and _rows(backup) == before
    monkeypatch.setitem(log_schema.MIGRATIONS, 1, steps)  # fixed: the next opening upgrades
    with SessionLog(v1) as log:
        assert _read(log) == EXPECTED


def _disk_full(*_args):
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("step", ["_copy", "os.replace"])
def test_no_copy_means_no_upgrade_and_the_log_is_read_as_it_is(v1, monkeypatch, step):
    before = v1.read_bytes()
    monkeypatch.setattr(*((log_schema, "_copy") if step == "_copy" else
                          (log_schema.os, "replace")), _disk_full)
    with pytest.warns(BackstretchWarning) as said:
        log = SessionLog(v1)
    with log:
        assert _read(log) == EXPECTED and log.checkins() == [] and log.activities() == []
        with pytest.raises(BackstretchError) as caught:
            log.record("More", "k", "2026-03-13T10:00:00+00:00", "2026-03-13T10:05:00+00:00", 300)
        assert _read(log) == EXPECTED
    waits = "disk full: its upgrade from schema 1 waits until a copy can be kept"
    assert [str(w.message) for w in said] == [
        f"{v1}: {waits} (free some space or make the folder writable); it is read as it is"]
    assert str(caught.value).startswith(f"{v1}: cannot write: {waits}")
    assert v1.read_bytes() == before and _version(v1) == 1
    assert [p.name for p in v1.parent.iterdir() if "backup" in p.name] == []


def test_a_log_on_a_nearly_full_disk_is_read_and_upgraded_once_there_is_room(tmp_path):
    with small_disk(tmp_path / "disk") as disk:
        path = disk / "sessions.sqlite"
        shutil.copyfile(FIXTURE, path)
        fill(disk)
        os.truncate(disk / "filler", os.path.getsize(disk / "filler") - 40 * 1024)
        assert 32 * 1024 <= os.statvfs(disk).f_bavail * os.statvfs(disk).f_frsize <= 48 * 1024
        before = path.read_bytes()
        with pytest.warns(BackstretchWarning, match="waits until a copy can be kept"):
            log = SessionLog(path)
        with log:
            assert _read(log) == EXPECTED and log.unwritable
        assert path.read_bytes() == before and _version(path) == 1
        os.unlink(disk / "filler")
        with SessionLog(path) as log:
            assert _read(log) == EXPECTED and log.unwritable is None
        assert _version(path) == SCHEMA_VERSION


@pytest.mark.parametrize("version", [-1, 0, SCHEMA_VERSION + 1, 2**31 - 1, -(2**31)])
def test_a_log_of_a_schema_this_backstretch_does_not_know_is_refused_unchanged(v1, version):
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA user_version={version}")
    conn.close()
    before = v1.read_bytes()
    with pytest.raises(BackstretchError) as caught:
        SessionLog(v1)
    newer = "was written by a newer backstretch" if version > SCHEMA_VERSION else \
        "is an SQLite file but not a backstretch session log"
    assert str(caught.value) == (f"{v1}: {newer} (schema {version}; this backstretch knows "
                                 f"schemas 1 to {SCHEMA_VERSION}; the file is left as it is)"
                                 + (": update backstretch" if version > SCHEMA_VERSION else ""))
    assert v1.read_bytes() == before
    assert sorted(p.name for p in v1.parent.iterdir()) == ["sessions.sqlite"]


def test_a_read_only_schema_1_log_is_read_without_upgrading(v1):
    with read_only(v1.parent), SessionLog(v1) as log:
        assert log.unwritable is not None
        assert _read(log) == EXPECTED and log.checkins() == [] and log.activities() == []
        with pytest.raises(BackstretchError, match="cannot write"):
            log.check_in(date(2026, 3, 2), 5)
    assert _version(v1) == 1 and not v1.with_name("sessions.sqlite.v1-backup").exists()


def test_a_log_of_a_newer_schema_is_refused_unchanged(v1):
    conn = sqlite3.connect(v1)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    conn.close()
    data = v1.read_bytes()
    with pytest.raises(BackstretchError, match=rf"{v1}.*newer backstretch"):
        SessionLog(v1)
    assert v1.read_bytes() == data and not v1.with_name("sessions.sqlite.v1-backup").exists()


def test_a_new_log_is_made_as_an_upgraded_one(tmp_path, v1):
    SessionLog(v1).close()
    new = tmp_path / "new.sqlite"
    SessionLog(new).close()

    def schema(path: Path) -> set[str]:
        conn = sqlite3.connect(path)
        try:
            return {r[0] for r in conn.execute("SELECT sql FROM sqlite_master")}
        finally:
            conn.close()
    assert schema(new) == schema(v1) and _version(new) == 2
