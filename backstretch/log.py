"""The session log: every guided session done, kept in an embedded SQLite file.

One row per session (routine, times, steps done and skipped, pain scores, a note)
and one row per muscle group with the seconds of static stretch actually held.
The file uses SQLite's write-ahead log with ``synchronous=FULL`` and writes each
session in one transaction, so a crash or a killed kernel leaves every recorded
session whole and nothing half-written. The schema's version is ``PRAGMA
user_version``.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import math
import os
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from .coverage import coverage_of
from .dose import DAYS_PER_WEEK
from .errors import BackstretchError, Problem
from .muscles import MUSCLE_GROUPS
from .userdata import data_home
from .yamlio import atomic_write_text

if TYPE_CHECKING:
    from .session import Session

SCHEMA_VERSION = 1
PAIN_MIN, PAIN_MAX = 0, 10
MAX_NOTE = 2000
MAX_NAME = 120
MAX_SECONDS = 24 * 3600
"""Longest session or planned time accepted, in seconds."""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS sessions (
    id INTEGER PRIMARY KEY,
    routine TEXT NOT NULL,
    routine_key TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL,
    planned_seconds INTEGER NOT NULL,
    steps_completed INTEGER NOT NULL,
    steps_skipped INTEGER NOT NULL,
    pain_before INTEGER,
    pain_after INTEGER,
    note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS sessions_started ON sessions (started_at);
CREATE TABLE IF NOT EXISTS group_seconds (
    session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
    muscle_group TEXT NOT NULL,
    seconds REAL NOT NULL,
    PRIMARY KEY (session_id, muscle_group)
);
"""


@dataclass(frozen=True)
class SessionRecord:
    """One logged session."""

    id: int
    routine: str
    """The routine's name."""
    routine_key: str
    """``Routine.key()`` of the routine."""
    started_at: datetime
    """UTC."""
    ended_at: datetime
    planned_seconds: int
    """The routine's duration."""
    steps_completed: int
    """Checklist boxes (a stretch on one side) held to the end."""
    steps_skipped: int
    """Holds or moves cut short."""
    group_seconds: Mapping[str, float]
    """Seconds of static stretch per muscle group, from completed holds only."""
    pain_before: int | None = None
    pain_after: int | None = None
    note: str = ""

    @property
    def minutes(self) -> float:
        """Minutes from start to end."""
        return (self.ended_at - self.started_at).total_seconds() / 60

    @property
    def counts(self) -> bool:
        """True when at least one hold (or set of moves) was done to its end; a session
        stopped before that counts toward no day or week figure."""
        return bool(self.steps_completed or self.group_seconds)


@dataclass(frozen=True)
class Week:
    """The sessions of one ISO week (Monday to Sunday)."""

    year: int
    """ISO year."""
    week: int
    """ISO week number, 1 to 53."""
    minutes: float
    sessions: int
    """Sessions that count: at least one hold done."""
    days: int
    """Days with at least one session that counts."""
    group_seconds: Mapping[str, float]
    """Seconds of static stretch per muscle group over the week."""
    stopped: int = 0
    """Sessions stopped before any hold was done; no other figure counts them."""

    @property
    def start(self) -> date:
        """The week's Monday."""
        return date.fromisocalendar(self.year, self.week, 1)

    @property
    def label(self) -> str:
        """Like ``2026-W48``."""
        return f"{self.year}-W{self.week:02d}"

    @property
    def guideline_met(self) -> bool:
        """True when the week has at least the guideline's 2 days (of 2 to 3) with a session."""
        return self.days >= DAYS_PER_WEEK[0]


@dataclass(frozen=True)
class PainPoint:
    """The pain scores of one session that has at least one."""

    when: datetime
    """The session's start, UTC."""
    before: int | None
    after: int | None


def completed_group_seconds(session: Session) -> dict[str, float]:
    """Seconds of static stretch per group that ``session`` actually held.

    A hold counts when it was not skipped and either the session has passed it
    or its checklist box (stretch and side) is done; the hold in progress does not.
    It is ``coverage_of`` those holds, so a finished session gives exactly the
    routine's coverage.
    """
    boxes = set(session.completed)
    skipped = set(session.skipped)
    passed = len(session.steps) if session.state == "finished" else session.index
    held = [step for index, step in enumerate(session.steps)
            if step.kind == "hold" and index not in skipped
            and (index < passed or (step.item, step.side) in boxes)]
    return {g: c.stretch for g, c in coverage_of(held).items() if c.stretch > 0}


def _utc(value: Any, name: str, file: str) -> datetime:
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            pass
    if not isinstance(value, datetime):
        raise BackstretchError(Problem(file, name, f"{value!r} is not a time; use a datetime "
                                       "or an ISO 8601 text like 2026-11-24T18:30:00+00:00"))
    return value.astimezone(timezone.utc)  # a naive time is this computer's local time


def _whole(value: Any, name: str, low: int, high: int, file: str,
           optional: bool = False) -> int | None:
    if optional and value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
        empty = ", or leave it empty" if optional else ""
        raise BackstretchError(Problem(file, name, f"{value!r} is not valid; use a whole "
                                       f"number from {low} to {high}{empty}"))
    return value


def _text(value: Any, name: str, max_len: int, file: str, required: bool = True) -> str:
    if not isinstance(value, str) or len(value) > max_len or (required and not value.strip()):
        shown = f"{len(value)} characters" if isinstance(value, str) else repr(value)
        need = "a non-empty text" if required else "a text"
        raise BackstretchError(Problem(file, name, f"{shown} is not valid; use {need} "
                                       f"of at most {max_len} characters"))
    return value


def _groups(value: Any, file: str) -> dict[str, float]:
    if value is None:
        return {}
    if not isinstance(value, Mapping):
        raise BackstretchError(Problem(file, "group_seconds", f"{value!r} is not valid; use a "
                                       "mapping of muscle group id to seconds"))
    out = {}
    for g, seconds in value.items():
        if g not in MUSCLE_GROUPS:
            raise BackstretchError(Problem(file, "group_seconds", f"{g!r} is not a muscle "
                                           f"group; use one of: {', '.join(MUSCLE_GROUPS)}"))
        if (isinstance(seconds, bool) or not isinstance(seconds, (int, float))
                or not math.isfinite(seconds) or not 0 <= seconds <= MAX_SECONDS):
            raise BackstretchError(Problem(file, f"group_seconds.{g}", f"{seconds!r} is not "
                                           f"valid; use seconds from 0 to {MAX_SECONDS}"))
        if seconds:
            out[g] = float(seconds)
    return out


def _cell(text: str) -> str:
    """``text`` made safe to open in a spreadsheet: no leading formula character."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


class SessionLog:
    """The session log at ``path`` (default ``data_home() / "sessions.sqlite"``).

    Usable as a context manager; ``close()`` releases the file.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = Path(path) if path is not None else data_home() / "sessions.sqlite"
        self._name = str(self.path)
        if self.path.is_dir():
            raise BackstretchError(Problem(self._name, "", "is a folder; give a file name "
                                           "for the session log"))
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, timeout=10)
        except (OSError, sqlite3.Error) as exc:
            raise BackstretchError(Problem(self._name, "", f"cannot be opened ({exc})")) from None
        try:
            self._setup()
        except sqlite3.Error as exc:
            self._conn.close()
            raise BackstretchError(Problem(self._name, "", f"is not a readable session log "
                                           f"({exc}); move it aside to start a new one")) from None
        except BackstretchError:
            self._conn.close()
            raise

    def _setup(self) -> None:
        conn = self._conn
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise BackstretchError(Problem(self._name, "", f"was written by a newer backstretch "
                                           f"(schema {version}; this one reads up to "
                                           f"{SCHEMA_VERSION}); update backstretch"))
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if (tables and version == 0) or (version and not {"sessions", "group_seconds"} <= tables):
            raise BackstretchError(Problem(self._name, "", "is an SQLite file but not a "
                                           "backstretch session log; give another path"))
        # only a file known to be a session log (or a new, empty one) is changed
        conn.execute("PRAGMA journal_mode=WAL").fetchone()
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
        if version == 0:
            conn.executescript("BEGIN IMMEDIATE;" + _SCHEMA
                               + f"PRAGMA user_version={SCHEMA_VERSION}; COMMIT;")

    def close(self) -> None:
        self._conn.close()

    def __enter__(self) -> SessionLog:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _query(self, sql: str, args: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
        try:
            return self._conn.execute(sql, args).fetchall()
        except sqlite3.Error as exc:
            raise BackstretchError(Problem(self._name, "", f"cannot be read ({exc})")) from None

    # -- writing ----------------------------------------------------------------------
    def record(self, routine: str, routine_key: str, started_at: datetime | str,
               ended_at: datetime | str, planned_seconds: int, steps_completed: int = 0,
               steps_skipped: int = 0, group_seconds: Mapping[str, float] | None = None,
               pain_before: int | None = None, pain_after: int | None = None,
               note: str = "", record_id: int | None = None) -> SessionRecord:
        """Validate and store one session in a single transaction; return it with its id.

        Times are datetimes or ISO 8601 texts; one without a zone is this computer's
        local time. They are stored in UTC. With ``record_id``, that session is
        rewritten with these values instead (still one transaction).
        """
        f = self._name
        start, end = _utc(started_at, "started_at", f), _utc(ended_at, "ended_at", f)
        if not timedelta(0) <= end - start <= timedelta(seconds=MAX_SECONDS):
            raise BackstretchError(Problem(f, "ended_at", f"{end.isoformat()} is not valid; use "
                                           "a time from started_at to 24 hours after it"))
        rec = SessionRecord(
            id=0,
            routine=_text(routine, "routine", MAX_NAME, f),
            routine_key=_text(routine_key, "routine_key", 64, f),
            started_at=start,
            ended_at=end,
            planned_seconds=_whole(planned_seconds, "planned_seconds", 0, MAX_SECONDS, f),
            steps_completed=_whole(steps_completed, "steps_completed", 0, 10_000, f),
            steps_skipped=_whole(steps_skipped, "steps_skipped", 0, 10_000, f),
            group_seconds=MappingProxyType(_groups(group_seconds, f)),
            pain_before=_whole(pain_before, "pain_before", PAIN_MIN, PAIN_MAX, f, True),
            pain_after=_whole(pain_after, "pain_after", PAIN_MIN, PAIN_MAX, f, True),
            note=_text(note, "note", MAX_NOTE, f, required=False),
        )
        values = (rec.routine, rec.routine_key, start.isoformat(), end.isoformat(),
                  rec.planned_seconds, rec.steps_completed, rec.steps_skipped,
                  rec.pain_before, rec.pain_after, rec.note)
        try:
            with self._conn:
                if record_id is None:
                    record_id = self._conn.execute(
                        "INSERT INTO sessions (routine, routine_key, started_at, ended_at, "
                        "planned_seconds, steps_completed, steps_skipped, pain_before, "
                        "pain_after, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        values).lastrowid
                elif not self._conn.execute(
                        "UPDATE sessions SET routine = ?, routine_key = ?, started_at = ?, "
                        "ended_at = ?, planned_seconds = ?, steps_completed = ?, "
                        "steps_skipped = ?, pain_before = ?, pain_after = ?, note = ? "
                        "WHERE id = ?", (*values, record_id)).rowcount:
                    raise BackstretchError(Problem(f, "id", f"{record_id!r} is not a "
                                                   "recorded session"))
                self._conn.execute("DELETE FROM group_seconds WHERE session_id = ?",
                                   (record_id,))
                self._conn.executemany(
                    "INSERT INTO group_seconds (session_id, muscle_group, seconds) "
                    "VALUES (?, ?, ?)",
                    [(record_id, g, s) for g, s in rec.group_seconds.items()])
        except sqlite3.Error as exc:
            raise BackstretchError(Problem(f, "", f"cannot be written ({exc})")) from None
        return dataclasses.replace(rec, id=record_id)

    def record_session(self, session: Session, pain_before: int | None = None,
                       pain_after: int | None = None, note: str = "",
                       ended_at: datetime | None = None,
                       record_id: int | None = None) -> SessionRecord:
        """Record a guided session as it is now; ``ended_at`` defaults to now.

        The start is ``ended_at`` minus the time since the session's Start button
        (by its clock, pauses included), or minus its timeline's elapsed time if it
        never started. With ``record_id`` (the id an earlier call returned), that
        session is brought up to date: recorded as it starts and again as it goes,
        a session cut short by a closed tab or a stopped kernel loses at most its
        last step.
        """
        end = _utc(ended_at, "ended_at", self._name) if ended_at is not None \
            else datetime.now(timezone.utc)
        if session.started_at is not None:
            spent = max(0.0, session.clock() - session.started_at)
        else:
            spent = session.elapsed
        return self.record(
            routine=session.routine.name, routine_key=session.routine.key(),
            started_at=end - timedelta(seconds=min(spent, MAX_SECONDS)), ended_at=end,
            record_id=record_id,
            planned_seconds=session.routine.duration,
            steps_completed=len(set(session.completed)), steps_skipped=len(session.skipped),
            group_seconds=completed_group_seconds(session),
            pain_before=pain_before, pain_after=pain_after, note=note)

    def amend(self, session_id: int, pain_before: int | None, pain_after: int | None,
              note: str) -> SessionRecord:
        """Set the pain scores and note of a recorded session (in one transaction)."""
        f = self._name
        values = (_whole(pain_before, "pain_before", PAIN_MIN, PAIN_MAX, f, True),
                  _whole(pain_after, "pain_after", PAIN_MIN, PAIN_MAX, f, True),
                  _text(note, "note", MAX_NOTE, f, required=False))
        try:
            with self._conn:
                cur = self._conn.execute("UPDATE sessions SET pain_before = ?, pain_after = ?, "
                                         "note = ? WHERE id = ?", (*values, session_id))
        except sqlite3.Error as exc:
            raise BackstretchError(Problem(f, "", f"cannot be written ({exc})")) from None
        if not cur.rowcount:
            raise BackstretchError(Problem(f, "id", f"{session_id!r} is not a recorded session"))
        return self._records("WHERE s.id = ?", (session_id,))[0]

    # -- reading ----------------------------------------------------------------------
    def sessions(self) -> list[SessionRecord]:
        """Every session, oldest first."""
        return self._records()

    def _records(self, where: str = "", args: tuple[Any, ...] = ()) -> list[SessionRecord]:
        rows = self._query(  # one statement reads one snapshot, even while another writes
            "SELECT s.id, routine, routine_key, started_at, ended_at, planned_seconds, "
            "steps_completed, steps_skipped, pain_before, pain_after, note, muscle_group, "
            f"seconds FROM sessions s LEFT JOIN group_seconds g ON g.session_id = s.id {where} "
            "ORDER BY started_at, s.id", args)
        out: dict[int, tuple[tuple[Any, ...], dict[str, float]]] = {}
        for r in rows:
            groups = out.setdefault(r[0], (r[:11], {}))[1]
            if r[11] is not None:
                groups[r[11]] = r[12]
        return [SessionRecord(r[0], r[1], r[2], datetime.fromisoformat(r[3]),
                              datetime.fromisoformat(r[4]), r[5], r[6], r[7],
                              MappingProxyType(groups), r[8], r[9], r[10])
                for r, groups in out.values()]

    def weekly(self, tz: tzinfo | None = None, until: date | None = None) -> list[Week]:
        """Per ISO week from the first session's to the last's, empty weeks included.

        ``until`` (like ``date.today()``) extends the list through that day's week,
        so weeks without a session since the last one show too. Days and weeks are
        those of ``tz`` (default: this computer's time zone).
        """
        weeks: dict[tuple[int, int], dict[str, Any]] = {}
        for rec in self.sessions():
            local = rec.started_at.astimezone(tz) if tz else rec.started_at.astimezone()
            year, week, _ = local.isocalendar()
            w = weeks.setdefault((year, week), {"minutes": 0.0, "sessions": 0, "days": set(),
                                                "groups": {}, "stopped": 0})
            if not rec.counts:
                w["stopped"] += 1
                continue
            w["minutes"] += rec.minutes
            w["sessions"] += 1
            w["days"].add(local.date())
            for g, s in rec.group_seconds.items():
                w["groups"][g] = w["groups"].get(g, 0.0) + s
        if not weeks:
            return []
        first, last = min(weeks), max(weeks)
        if until is not None:
            last = max(last, tuple(until.isocalendar()[:2]))
        out = []
        monday = date.fromisocalendar(*first, 1)
        while monday.isocalendar()[:2] <= last:
            key = tuple(monday.isocalendar()[:2])
            w = weeks.get(key, {"minutes": 0.0, "sessions": 0, "days": set(), "groups": {},
                                "stopped": 0})
            groups = {g: w["groups"][g] for g in MUSCLE_GROUPS if g in w["groups"]}
            out.append(Week(key[0], key[1], w["minutes"], w["sessions"], len(w["days"]),
                            MappingProxyType(groups), w["stopped"]))
            monday += timedelta(days=7)
        return out

    def pain_series(self) -> list[PainPoint]:
        """Pain before and after, oldest first, for sessions with at least one score."""
        return [PainPoint(r.started_at, r.pain_before, r.pain_after) for r in self.sessions()
                if r.pain_before is not None or r.pain_after is not None]

    def export_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write every session as one CSV row, atomically; return the path.

        Columns: the session fields, ``minutes``, then ``seconds_<group>`` for every
        muscle group. A routine name or note starting with ``= + - @`` gets a leading
        ``'`` so that a spreadsheet shows it as text instead of running it as a formula.
        """
        buf = io.StringIO()
        writer = csv.writer(buf, lineterminator="\n")
        writer.writerow(["id", "routine", "routine_key", "started_at", "ended_at", "minutes",
                         "planned_seconds", "steps_completed", "steps_skipped", "pain_before",
                         "pain_after", "note", *(f"seconds_{g}" for g in MUSCLE_GROUPS)])
        for r in self.sessions():
            writer.writerow([r.id, _cell(r.routine), r.routine_key, r.started_at.isoformat(),
                             r.ended_at.isoformat(), f"{r.minutes:.2f}", r.planned_seconds,
                             r.steps_completed, r.steps_skipped,
                             "" if r.pain_before is None else r.pain_before,
                             "" if r.pain_after is None else r.pain_after, _cell(r.note),
                             *(f"{r.group_seconds.get(g, 0):g}" for g in MUSCLE_GROUPS)])
        try:
            atomic_write_text(path, buf.getvalue())
        except OSError as exc:
            raise BackstretchError(Problem(str(path), "", f"cannot be written "
                                           f"({exc.strerror or exc})")) from None
        return Path(path)
