"""Hostile files and file systems: full disks, read-only files and folders, FIFOs and
devices, damaged checklists, edited log rows, many processes at once. Nothing saved is
lost, nothing hangs, and each fault is one clear message."""

from __future__ import annotations

import json
import multiprocessing
import os
import sqlite3
import subprocess
import sys
import warnings
from datetime import datetime, timezone
from pathlib import Path

import pytest
from hostile_disks import fill, read_only, small_disk

from backstretch import BackstretchError, Routine, RoutineItem, Settings, load_routine
from backstretch.base.errors import BackstretchWarning
from backstretch.base.filenames import shown_path
from backstretch.guided.checklist import Checklist
from backstretch.log import SessionLog

START, END = "2026-11-24T10:00:00+00:00", "2026-11-24T10:05:00+00:00"


def _log_with(path: Path, n: int = 3) -> None:
    with SessionLog(path) as log:
        for i in range(n):
            log.record(f"Routine {i}", "k", START, END, 300, note=f"n{i}")


# -- 1. a failing checklist never stops the guided session -------------------------------------
@pytest.fixture
def quick(catalogue):
    return Routine("Quick", (RoutineItem("back-rounders", hold=10),
                             RoutineItem("knee-to-chest", hold=10)), catalogue,
                   settings=Settings(get_ready=2, switch_sides=1))


def _run_to_the_end(quick, checklist_path, log_path):
    pytest.importorskip("ipywidgets")
    from fakes import FakeClock

    from backstretch.widgets import SessionLogPanel, SessionTimer

    clock = FakeClock()
    timer = SessionTimer(quick, clock, Checklist(quick, checklist_path))
    panel = SessionLogPanel(timer, log_path,
                            now=lambda: datetime(2026, 11, 24, tzinfo=timezone.utc))
    timer.start()
    elapsed = []
    for _ in range(quick.duration):
        clock.advance(1)
        timer.tick()
        elapsed.append(timer.session.elapsed)
    return timer, panel, elapsed


@pytest.mark.parametrize("fault", ["disk full", "checklists is a file", "checklist is a folder"])
def test_the_timer_keeps_counting_and_logs_when_the_checklist_cannot_be_saved(
        quick, tmp_path, fault):
    log_path = tmp_path / "log.sqlite"
    if fault == "disk full":
        disk = tmp_path / "disk"
        with small_disk(disk):
            fill(disk)
            path = disk / "c.json"
            timer, panel, elapsed = _run_to_the_end(quick, path, log_path)
        why = "disk full"
    elif fault == "checklists is a file":
        (tmp_path / "checklists").write_text("not a folder")
        path = tmp_path / "checklists" / "c.json"
        timer, panel, elapsed = _run_to_the_end(quick, path, log_path)
        why = f"{shown_path(tmp_path / 'checklists')} is a file, not a folder"
    else:
        path = tmp_path / "c.json"
        path.mkdir()
        timer, panel, elapsed = _run_to_the_end(quick, path, log_path)
        why = "it is a folder"
    assert timer.session.state == "finished" and timer.session.index == len(quick.steps()) - 1
    assert elapsed == [float(t) for t in range(1, quick.duration + 1)]  # never froze
    assert timer.notice.value.endswith(
        f"Checklist not saved: {why} ({shown_path(path)}); the timer keeps going.</span>")
    assert all(cb.value for cb in timer.boxes.values())  # ticked on screen all the same
    assert panel.status.value.startswith("<b>Recorded:</b>")
    with SessionLog(log_path) as log:
        assert [r.steps_completed for r in log.sessions()] == [3]


# -- 3. a full disk or a read-only log is not a damaged log -------------------------------------
def test_a_log_on_a_full_disk_keeps_its_records_and_says_so(tmp_path):
    disk = tmp_path / "disk"
    with small_disk(disk):
        path = disk / "log.sqlite"
        _log_with(path)
        fill(disk)
        with SessionLog(path) as log:
            assert [r.note for r in log.sessions()] == ["n0", "n1", "n2"]
            with pytest.raises(BackstretchError) as caught:
                log.record("More", "k", START, END, 300)
            assert str(caught.value) == (f"{path}: cannot write: disk full; every session "
                                         "recorded so far is kept")
            assert len(log.sessions()) == 3
        os.unlink(disk / "filler")
        with SessionLog(path) as log:
            assert [r.note for r in log.sessions()] == ["n0", "n1", "n2"]
            log.record("More", "k", START, END, 300)


@pytest.mark.parametrize("what", ["file", "folder"])
def test_a_read_only_log_is_read_and_kept(tmp_path, what):
    folder = tmp_path / "logs"
    folder.mkdir()
    path = folder / "log.sqlite"
    _log_with(path)
    before = path.read_bytes()
    with read_only(path if what == "file" else folder):
        with SessionLog(path) as log:
            assert [r.note for r in log.sessions()] == ["n0", "n1", "n2"]
            assert len(log.weekly()) == 1
            with pytest.raises(BackstretchError) as caught:
                log.record("More", "k", START, END, 300)
        assert str(caught.value) == (f"{path}: cannot write: read-only; every session recorded "
                                     "so far is kept")
        assert "damaged" not in str(caught.value) and "move it aside" not in str(caught.value)
    assert path.read_bytes() == before


def test_a_new_log_in_a_read_only_folder_says_why(tmp_path):
    folder = tmp_path / "logs"
    folder.mkdir()
    with read_only(folder), pytest.raises(BackstretchError) as caught:
        SessionLog(folder / "log.sqlite")
    assert str(caught.value) == f"{folder / 'log.sqlite'}: cannot be created: read-only"


def test_only_what_sqlite_calls_damaged_is_called_damaged(tmp_path):
    path = tmp_path / "log.sqlite"
    _log_with(path, 40)
    data = bytearray(path.read_bytes())
    data[4096: 4096 + 64] = b"\xff" * 64  # scribble over the first table page's header
    path.write_bytes(bytes(data))
    with pytest.raises(BackstretchError) as caught:
        SessionLog(path).sessions()
    assert "is damaged (SQLite: database disk image is malformed)" in str(caught.value)


# -- 4. many processes opening one new log ------------------------------------------------------
def _open_rounds(folder: str, rounds: int, barrier, results) -> None:
    refused = 0
    for i in range(rounds):
        barrier.wait()
        try:
            SessionLog(Path(folder) / f"log{i}.sqlite").close()
        except BackstretchError:
            refused += 1
    results.put(refused)


def test_a_new_log_opened_by_many_processes_at_once_is_never_refused(tmp_path):
    processes, rounds = 16, 30
    ctx = multiprocessing.get_context("fork")
    barrier, results = ctx.Barrier(processes), ctx.Queue()
    workers = [ctx.Process(target=_open_rounds, args=(str(tmp_path), rounds, barrier, results))
               for _ in range(processes)]
    for p in workers:
        p.start()
    refused = [results.get(timeout=120) for _ in workers]
    for p in workers:
        p.join(timeout=30)
    assert refused == [0] * processes
    for i in range(rounds):
        with SessionLog(tmp_path / f"log{i}.sqlite") as log:
            assert log.sessions() == []


# -- 5. special files are refused before they are opened ----------------------------------------
def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "backstretch", *args], capture_output=True,
                          text=True, timeout=60)


def test_a_fifo_or_device_as_a_routine_is_refused_at_once(tmp_path):
    fifo = tmp_path / "routine.yaml"
    os.mkfifo(fifo)
    for command in ("show", "check"):
        done = _run(command, str(fifo))
        assert done.returncode == 1
        assert (done.stdout + done.stderr).strip() == (
            f"{fifo}: is not a regular file (it is a device, pipe or socket); give a file")
    for device in ("/dev/zero", "/dev/urandom"):
        with pytest.raises(BackstretchError, match="is not a regular file"):
            load_routine(device)


def test_a_fifo_as_the_checklist_or_the_log_does_not_hang(catalogue, tmp_path):
    routine = load_routine("desk-break", catalogue)
    fifo = tmp_path / "c.json"
    os.mkfifo(fifo)
    checklist = Checklist(routine, fifo)
    assert checklist.ticked == set()
    assert checklist.problem == (f"Checklist not read: {shown_path(fifo)}: is not a regular "
                                 "file (it is a device, pipe or socket); give a file")
    log_fifo = tmp_path / "log.sqlite"
    os.mkfifo(log_fifo)
    with pytest.raises(BackstretchError) as caught:
        SessionLog(log_fifo)
    assert str(caught.value) == (f"{log_fifo}: is not a regular file; give a file name for the "
                                 "session log")


def test_a_file_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    from backstretch.base import yamlio

    monkeypatch.setattr(yamlio, "MAX_FILE_BYTES", 100)
    path = tmp_path / "r.yaml"
    path.write_text("name: x\n" * 10)
    assert yamlio.read_text(path)
    path.write_text("name: x\n" * 20)
    with pytest.raises(BackstretchError, match="is 160 bytes; at most 100 are read"):
        yamlio.read_text(path)


# -- 9. damaged checklists: start empty, say so, keep the file aside ----------------------------
@pytest.mark.parametrize("content", ['{"ticked": [[Infinity, null]]}',
                                     '{"ticked": [[1e400, null]]}',
                                     "[" * 100_000 + "]" * 100_000, '{"ticked": [[0.5, "up"]]}',
                                     '{"ticked": 7}'])
def test_a_damaged_checklist_starts_empty_and_is_kept_aside(catalogue, tmp_path, content):
    routine = load_routine("desk-break", catalogue)
    path = tmp_path / "c.json"
    path.write_text(content)
    checklist = Checklist(routine, path)
    aside = tmp_path / "c.json.damaged-1"
    assert checklist.ticked == set()
    assert checklist.problem == (f"The saved checklist was damaged; starting empty. It is kept "
                                 f"as {shown_path(aside)}.")
    assert aside.read_text() == content and not path.exists()
    checklist.set(checklist.boxes[0])
    assert json.loads(path.read_text())["ticked"] == [list(checklist.boxes[0])]


# -- 10. log rows edited outside the workbook are skipped, with a warning naming them ----------
@pytest.mark.parametrize("started", ["garbage", "2026-11-24T10:00:00", "9999-12-31T23:59:00+00:00"])
def test_an_edited_log_row_is_skipped_with_a_warning(tmp_path, started):
    path = tmp_path / "log.sqlite"
    _log_with(path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE sessions SET started_at = ? WHERE id = 2", (started,))
    conn.close()
    with SessionLog(path) as log, warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        assert [r.note for r in log.sessions()] == ["n0", "n2"]
        assert len(log.weekly()) == 1 and log.pain_series() == []
    message = (f"{path}: session 2.started_at: {started!r} is not valid; use a time with its "
               "zone, like 2026-11-24T18:30:00+00:00; this session is skipped, the others are "
               "shown")
    assert [str(w.message) for w in caught if w.category is BackstretchWarning][0] == message
    assert [str(p) for p in log.skipped][0] == message.split("; this session")[0]
