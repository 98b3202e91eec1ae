"""The session log: every guided session done, kept in an embedded SQLite file.

One row per session (routine, times, steps done and skipped, pain scores, a note)
and one row per muscle group with the seconds of static stretch actually held; and
the weekly check-ins (``log/checkins.py``).
The file uses SQLite's write-ahead log with ``synchronous=FULL`` and writes each
session in one transaction, so a crash or a killed kernel leaves every recorded
session whole and nothing half-written. The schema's version is ``PRAGMA
user_version``.
"""

from __future__ import annotations

import dataclasses
import os
import sqlite3
import warnings
from collections.abc import Callable, Mapping
from datetime import date, datetime, timedelta, timezone, tzinfo
from pathlib import Path
from types import MappingProxyType
from typing import TYPE_CHECKING, Any, TypeVar

from ..base import checks
from ..base.errors import BackstretchError, BackstretchWarning, Problem
from ..base.signals import Signal
from ..base.userdata import data_home
from ..catalogue.muscles import MUSCLE_GROUPS
from ..routines.coverage import coverage_of
from .checkins import Activity, CheckIn, Saved, entry, read_activities, read_checkins, write
from .export import write_checkins_csv, write_csv
from .records import (
    MAX_NAME,
    MAX_NOTE,
    MAX_SECONDS,
    PAIN_MAX,
    PAIN_MIN,
    PainPoint,
    SessionRecord,
    Week,
)
from ..base.language import _
from .schema import SCHEMA_VERSION, cannot, connect, failure, schema_version

if TYPE_CHECKING:
    from ..guided.session import Session

T = TypeVar("T")
MAX_ID = 2**63 - 1
"""The largest id SQLite stores."""

__all__ = ["MAX_NAME", "MAX_NOTE", "MAX_SECONDS", "PAIN_MAX", "PAIN_MIN", "SCHEMA_VERSION",
           "Activity", "CheckIn", "PainPoint", "Saved", "SessionLog", "SessionRecord", "Week",
           "completed_group_seconds"]


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


def _zoned(value: Any) -> Any:
    """A time without a zone, as a datetime or ISO text, read as this computer's local time;
    anything else is passed on for ``SessionRecord`` to check."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return value
    if isinstance(value, datetime) and value.utcoffset() is None:
        try:
            return value.astimezone()
        except (OverflowError, ValueError, OSError):
            return value
    return value


WRITTEN: Signal[Path] = Signal()
"""Sent with a log's file after each write to it in this process (a session recorded or
amended, sessions imported, a check-in), so whatever shows that log can follow it."""


def log_file(path: str | os.PathLike[str] | None = None) -> Path:
    """The log's file: ``path``, else ``sessions.sqlite`` in the data folder."""
    return Path(path) if path is not None else data_home() / "sessions.sqlite"


def on_write(path: str | os.PathLike[str] | None, then: Callable[[], object]) -> None:
    """Call ``then()`` after every write in this process to the log at ``path``."""
    target = log_file(path).resolve()
    WRITTEN.subscribe(lambda written: then() if written.resolve() == target else None)


class SessionLog:
    """The session log at ``path`` (default ``data_home() / "sessions.sqlite"``).

    Usable as a context manager; ``close()`` releases the file.
    """

    def __init__(self, path: str | os.PathLike[str] | None = None):
        self.path = log_file(path)
        self._name = str(self.path)
        self._conn, self.unwritable = connect(self.path)
        """Why the log cannot be written (``read-only``, ``disk full``), or None: such a
        log is read, not changed."""
        self.skipped: list[Problem] = []
        """The rows the last read skipped, because something outside the workbook
        changed them into what no session can be."""

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
            raise failure(self.path, exc, "read") from None

    def _transaction(self, work: Callable[[sqlite3.Connection], T]) -> T:
        """``work(connection)`` in one transaction: all of it is written, or none; then
        ``WRITTEN`` is sent."""
        if self.unwritable:
            raise BackstretchError(Problem(self._name, "", cannot("write", self.unwritable)))
        try:
            with self._conn:
                done = work(self._conn)
        except sqlite3.Error as exc:
            raise failure(self.path, exc) from None
        WRITTEN.send(self.path)
        return done

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
        if record_id is not None:
            record_id = self._session_id(record_id)
        rec = self.checked(routine=routine, routine_key=routine_key, started_at=started_at,
                           ended_at=ended_at, planned_seconds=planned_seconds,
                           steps_completed=steps_completed, steps_skipped=steps_skipped,
                           group_seconds=group_seconds, pain_before=pain_before,
                           pain_after=pain_after, note=note)
        sid = self._transaction(lambda conn: self._store(conn, rec, record_id))
        return dataclasses.replace(rec, id=sid)

    def checked(self, **fields: Any) -> SessionRecord:
        """A session as :meth:`record` takes it, checked (id 0: not stored yet)."""
        try:
            return SessionRecord(0, fields["routine"], fields["routine_key"],
                                 _zoned(fields["started_at"]), _zoned(fields["ended_at"]),
                                 fields["planned_seconds"], fields.get("steps_completed", 0),
                                 fields.get("steps_skipped", 0), fields.get("group_seconds"),
                                 fields.get("pain_before"), fields.get("pain_after"),
                                 fields.get("note", ""))
        except BackstretchError as exc:
            raise exc.inside(self._name) from None

    def record_new(self, records: list[SessionRecord]) -> list[SessionRecord]:
        """Store the checked ``records`` not in the log already (the same routine started
        at the same moment), all in one transaction; return those stored."""
        def store(conn: sqlite3.Connection) -> list[SessionRecord]:
            stored = []
            for rec in records:
                if not conn.execute("SELECT 1 FROM sessions WHERE routine_key = ? AND "
                                    "started_at = ?", (rec.routine_key,
                                                       rec.started_at.isoformat())).fetchone():
                    stored.append(dataclasses.replace(rec, id=self._store(conn, rec, None)))
            return stored
        return self._transaction(store)

    def _store(self, conn: sqlite3.Connection, rec: SessionRecord, sid: int | None) -> int:
        values = (rec.routine, rec.routine_key, rec.started_at.isoformat(),
                  rec.ended_at.isoformat(), rec.planned_seconds, rec.steps_completed,
                  rec.steps_skipped, rec.pain_before, rec.pain_after, rec.note)
        if sid is None:
            sid = conn.execute(
                "INSERT INTO sessions (routine, routine_key, started_at, ended_at, "
                "planned_seconds, steps_completed, steps_skipped, pain_before, pain_after, "
                "note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", values).lastrowid
        elif not conn.execute(
                "UPDATE sessions SET routine = ?, routine_key = ?, started_at = ?, "
                "ended_at = ?, planned_seconds = ?, steps_completed = ?, steps_skipped = ?, "
                "pain_before = ?, pain_after = ?, note = ? WHERE id = ?",
                (*values, sid)).rowcount:
            raise BackstretchError(Problem(self._name, "id", _(
                "{id} is not a recorded session").format(id=repr(sid))))
        conn.execute("DELETE FROM group_seconds WHERE session_id = ?", (sid,))
        conn.executemany("INSERT INTO group_seconds (session_id, muscle_group, seconds) "
                         "VALUES (?, ?, ?)",
                         [(sid, g, x) for g, x in rec.group_seconds.items()])
        return sid

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
        return self.record(**self.session_fields(session, ended_at), pain_before=pain_before,
                           pain_after=pain_after, note=note, record_id=record_id)

    def session_fields(self, session: Session, ended_at: datetime | None = None
                       ) -> dict[str, Any]:
        """What :meth:`record` is given for ``session`` as it is now (see
        :meth:`record_session`), but the pain scores and note."""
        end = _zoned(ended_at) if ended_at is not None else datetime.now(timezone.utc)
        if not isinstance(end, datetime):
            raise BackstretchError(Problem(self._name, "ended_at", str(
                checks.not_valid(ended_at, _("a datetime")))))
        if session.started_at is not None:
            spent = max(0.0, session.clock() - session.started_at)
        else:
            spent = session.elapsed
        return dict(
            routine=session.routine.name, routine_key=session.routine.key(),
            started_at=end - timedelta(seconds=min(spent, MAX_SECONDS)), ended_at=end,
            planned_seconds=session.routine.duration,
            steps_completed=len(set(session.completed)), steps_skipped=len(session.skipped),
            group_seconds=completed_group_seconds(session))

    def amend(self, session_id: int, pain_before: int | None, pain_after: int | None,
              note: str) -> SessionRecord:
        """Set the pain scores and note of a recorded session (in one transaction)."""
        rows = self._records("WHERE s.id = ?", (self._session_id(session_id),))
        if not rows:
            raise BackstretchError(Problem(self._name, "id", _(
                "{id} is not a recorded session").format(id=repr(session_id))))
        try:
            rec = dataclasses.replace(rows[0], pain_before=pain_before, pain_after=pain_after,
                                      note=note)
        except BackstretchError as exc:
            raise exc.inside(self._name) from None
        self._transaction(lambda conn: conn.execute(
            "UPDATE sessions SET pain_before = ?, pain_after = ?, note = ? WHERE id = ?",
            (rec.pain_before, rec.pain_after, rec.note, rec.id)))
        return rec

    def _session_id(self, value: Any) -> int:
        """A session id as SQLite stores one (a whole number it can hold), or
        BackstretchError naming ``id``."""
        try:
            return checks.whole(value, 1, MAX_ID)
        except checks.Invalid as exc:
            raise BackstretchError(Problem(self._name, "id", str(exc))) from None

    def check_in(self, day: date | str, usual_pain: int,
                 ratings: Mapping[str, int | None] | None = None, note: str = "",
                 today: date | None = None) -> Saved:
        """Save the weekly check-in made on ``day``, in one transaction; ``Saved.message``
        says what was saved and whether it replaced one of the same week.

        ``ratings`` maps each of the person's activities (up to five, in their own words,
        in order) to its rating 0 to 10, or None when not rated this week; the current
        activities become its names (one left out is retired, its past ratings kept).
        Without ``ratings`` the activities stay as they are and none is rated. A ``day``
        after ``today`` (default: this computer's date) is refused.
        """
        new = entry(self._name, day, usual_pain, ratings, note, today)
        cid, replaced = self._transaction(lambda conn: write(conn, new))
        return Saved(next(c for c in self.checkins() if c.id == cid), replaced,
                     tuple(self.activities()))

    def checkins(self) -> list[CheckIn]:
        """Every weekly check-in, oldest first (none in a log too old to have them)."""
        return self._read(lambda conn: read_checkins(conn, self._name))

    def activities(self, retired: bool = False) -> list[Activity]:
        """The person's current activities in order, then (with ``retired``) the others."""
        return self._read(lambda conn: read_activities(conn, retired))

    def _read(self, read: Callable[[sqlite3.Connection], list[T]]) -> list[T]:
        if schema_version(self._conn) < 2:  # opened read-only, so not upgraded
            return []
        try:
            return read(self._conn)
        except sqlite3.Error as exc:
            raise failure(self.path, exc, "read") from None

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
        records, self.skipped = [], []
        for r, groups in out.values():
            try:
                records.append(SessionRecord(*r[:8], groups, *r[8:]))
            except BackstretchError as exc:
                for problem in exc.inside(self._name, f"session {r[0]!r}").problems:
                    self.skipped.append(problem)
                    warnings.warn(_("{problem}; this session is skipped, the others are "
                                    "shown").format(problem=problem),
                                  BackstretchWarning, stacklevel=3)
        return records

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
        return write_csv(self.sessions(), path)

    def export_checkins_csv(self, path: str | os.PathLike[str]) -> Path:
        """Write every weekly check-in as one CSV row, with a column per activity
        (``export.write_checkins_csv``), atomically; return the path."""
        return write_checkins_csv(self.checkins(), self.activities(retired=True), path)
