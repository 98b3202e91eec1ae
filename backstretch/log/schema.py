"""The session log's file: its schema, opening it (creating, checking and upgrading the
schema in one locked transaction), and what to say when SQLite or the disk refuses.

Schema 1 held the sessions; schema 2 adds the weekly check-ins (``checkins``), the
person's own activities (``activities``, retired rather than deleted, so their past
ratings stay) and each week's rating of each (``activity_ratings``). A log of an older
schema is copied beside itself (``<name>.v1-backup``, by SQLite's backup API) and then
upgraded in one transaction; the copy is kept. When no copy can be made (a nearly full
disk), the log is opened read-only at its own schema and the upgrade waits; a schema
version this code does not know is refused, the file left as it is.
"""

from __future__ import annotations

import os
import sqlite3
import stat
import time
import warnings
from collections.abc import Sequence
from pathlib import Path

from ..base.errors import BackstretchError, BackstretchWarning, Problem, os_reason
from ..base.language import N_, _

SCHEMA_VERSION = 2
TIMEOUT = 10.0
"""Seconds to wait for another process holding the log."""
_TABLES = {1: ("sessions", "group_seconds"),
           2: ("sessions", "group_seconds", "checkins", "activities", "activity_ratings")}
"""The tables each schema version has."""
_SCHEMA_1 = (
    """CREATE TABLE sessions (
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
    )""",
    "CREATE INDEX sessions_started ON sessions (started_at)",
    """CREATE TABLE group_seconds (
        session_id INTEGER NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
        muscle_group TEXT NOT NULL,
        seconds REAL NOT NULL,
        PRIMARY KEY (session_id, muscle_group)
    )""",
)
MIGRATIONS: dict[int, Sequence[str]] = {
    1: (
        """CREATE TABLE checkins (
            id INTEGER PRIMARY KEY,
            week TEXT NOT NULL UNIQUE,
            day TEXT NOT NULL,
            usual_pain INTEGER NOT NULL CHECK (usual_pain BETWEEN 0 AND 10),
            note TEXT NOT NULL DEFAULT ''
        )""",
        """CREATE TABLE activities (
            id INTEGER PRIMARY KEY,
            name TEXT NOT NULL,
            position INTEGER NOT NULL,
            added_on TEXT NOT NULL,
            retired_on TEXT
        )""",
        """CREATE TABLE activity_ratings (
            checkin_id INTEGER NOT NULL REFERENCES checkins (id) ON DELETE CASCADE,
            activity_id INTEGER NOT NULL REFERENCES activities (id),
            rating INTEGER NOT NULL CHECK (rating BETWEEN 0 AND 10),
            PRIMARY KEY (checkin_id, activity_id)
        )""",
    ),
}
"""The statements that take a log from each version to the next: ``week`` is the
Monday of the check-in's ISO week, ``day`` the day it was made (ISO dates);
``retired_on`` is empty while an activity is one of the person's current five."""
KEPT = "; every session recorded so far is kept"
"""(English, kept for callers; the messages say it whole, through the catalogue.)"""
NOT_A_LOG = N_("is an SQLite file but not a backstretch session log; give another path")
REASONS = {"read-only": N_("read-only"), "read-only folder": N_("read-only folder"),
           "disk full": N_("disk full")}
"""Why a log cannot be written, by its code (``SessionLog.unwritable``), in words."""


def reason_text(reason: str) -> str:
    """``reason`` (a code of ``REASONS``, or a sentence already in words) as shown."""
    return _(REASONS[reason]) if reason in REASONS else reason


def cannot(doing: str, reason: str) -> str:
    """'cannot write: disk full; every session recorded so far is kept' (``doing``:
    ``write`` or ``read``)."""
    if doing == "read":
        return _("cannot read: {reason}; every session recorded so far is kept").format(
            reason=reason_text(reason))
    return _("cannot write: {reason}; every session recorded so far is kept").format(
        reason=reason_text(reason))


class UpgradeWaits(BackstretchError):
    """An older log could not be copied before its upgrade (a full disk, a read-only
    folder): it is read as it is, and the upgrade waits. Its one problem says why."""


def _disk_full(path: Path) -> bool:
    try:
        return os.statvfs(path.parent).f_bavail == 0
    except OSError:
        return False


def why_not_written(exc: sqlite3.Error, path: Path) -> str | None:
    """``disk full`` or ``read-only`` when that is why SQLite could not write, else None.
    (A full disk can reach SQLite as an I/O error on its shared-memory file.)"""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    if code == sqlite3.SQLITE_READONLY:
        return "read-only"
    if code == sqlite3.SQLITE_FULL or (code in (sqlite3.SQLITE_IOERR, sqlite3.SQLITE_CANTOPEN)
                                       and _disk_full(path)):
        return "disk full"
    return None


def failure(path: Path, exc: sqlite3.Error, doing: str = "write") -> BackstretchError:
    """What is true about a failed SQLite call: a full disk and a read-only file are not
    damage; only SQLite's own corruption codes are called damaged."""
    code = getattr(exc, "sqlite_errorcode", 0) & 0xFF
    reason = why_not_written(exc, path)
    if reason:
        message = cannot(doing, reason)
    elif code in (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED):
        message = (_("cannot read: another program holds the log; try again") if doing == "read"
                   else _("cannot write: another program holds the log; try again"))
    elif code == sqlite3.SQLITE_NOTADB:
        message = _("is not an SQLite file, so not a session log; give another path, or move "
                    "it aside to start a new log")
    elif code == sqlite3.SQLITE_CORRUPT:
        message = _("is damaged (SQLite: {error}); move it aside to start a new log, and keep "
                    "it: SQLite's .recover command may save its sessions").format(error=exc)
    elif doing == "read":
        message = _("cannot read ({error}); every session recorded so far is kept").format(
            error=exc)
    else:
        message = _("cannot write ({error}); every session recorded so far is kept").format(
            error=exc)
    return BackstretchError(Problem(str(path), "", message))


def _unwritable(path: Path) -> str | None:
    """Why the log (or its folder, where SQLite keeps its write-ahead files) cannot
    change, or None when it can."""
    for part in (path.parent, path):
        if part.exists() and not os.access(part, os.W_OK):
            try:
                read_only_fs = os.statvfs(part).f_flag & os.ST_RDONLY
            except OSError:
                read_only_fs = False
            return "read-only" if read_only_fs or part == path else "read-only folder"
    return None


def connect(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open the log at ``path``, creating it when new; return it and why it cannot be
    written (``read-only``, ``disk full``), or None when it can.

    Only a regular file is opened (a FIFO or device would hang or never end). Creating
    or checking the schema happens in one transaction holding the write lock, so many
    processes opening a new log at once all see it whole. A log that cannot be written
    (a read-only file, folder or disk, or a full disk) opens read-only, for reading.
    """
    name = str(path)
    try:
        if path.exists() and not stat.S_ISREG(path.stat().st_mode):
            message = _("is a folder; give a file name for the session log") \
                if path.is_dir() else \
                _("is not a regular file; give a file name for the session log")
            raise BackstretchError(Problem(name, "", message))
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise BackstretchError(Problem(name, "", _("cannot be opened: {reason}").format(
            reason=os_reason(exc)))) from None
    unwritable = _unwritable(path)
    if unwritable and not path.exists():
        raise BackstretchError(Problem(name, "", _("cannot be created: {reason}").format(
            reason=reason_text(unwritable))))
    if unwritable is None:
        try:
            return _open_writable(path), None
        except UpgradeWaits as exc:
            unwritable = exc.problems[0].message
            warnings.warn(_("{problem}; it is read as it is").format(problem=exc),
                          BackstretchWarning, stacklevel=3)
        except sqlite3.Error as exc:
            unwritable = why_not_written(exc, path)
            if unwritable is None or not path.exists() or not path.stat().st_size:
                raise failure(path, exc) from None
    try:
        conn = _open_read_only(path)
    except sqlite3.Error as exc:
        raise failure(path, exc, "read") from None
    try:
        _check_schema(conn, name, read_only=True)
    except sqlite3.Error as exc:
        conn.close()
        raise failure(path, exc, "read") from None
    except BackstretchError:
        conn.close()
        raise
    return conn, unwritable


def _open_writable(path: Path) -> sqlite3.Connection:
    conn = sqlite3.connect(path, timeout=TIMEOUT)
    try:
        _check_schema(conn, str(path), read_only=False)
        _write_ahead(conn)
        conn.execute("PRAGMA synchronous=FULL")
        conn.execute("PRAGMA foreign_keys=ON")
    except BaseException:
        conn.close()
        raise
    return conn


def _write_ahead(conn: sqlite3.Connection) -> None:
    """Switch to the write-ahead log. The switch needs the file to itself, and SQLite
    refuses at once (without waiting) when two connections would wait on each other,
    so it is retried, briefly, until ``TIMEOUT``."""
    deadline = time.monotonic() + TIMEOUT
    pause = 0.005
    while True:
        try:
            conn.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as exc:
            busy = getattr(exc, "sqlite_errorcode", 0) & 0xFF == sqlite3.SQLITE_BUSY
            if not busy or time.monotonic() > deadline:
                raise
        time.sleep(pause)
        pause = min(pause * 2, 0.2)


def _open_read_only(path: Path) -> sqlite3.Connection:
    """A read-only connection; a write-ahead log whose shared-memory file cannot be
    created (a read-only folder) is read as immutable, which nothing can change now."""
    uri = path.resolve().as_uri()
    conn = sqlite3.connect(f"{uri}?mode=ro", uri=True, timeout=TIMEOUT)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlite3.OperationalError:
        conn.close()
        conn = sqlite3.connect(f"{uri}?immutable=1", uri=True, timeout=TIMEOUT)
    return conn


def unknown_schema(version: int) -> str:
    """Why a log of a schema version this backstretch does not know is not opened."""
    if version > SCHEMA_VERSION:
        return _("was written by a newer backstretch (schema {version}; this backstretch "
                 "knows schemas 1 to {known}; the file is left as it is): update "
                 "backstretch").format(version=version, known=SCHEMA_VERSION)
    return _("is an SQLite file but not a backstretch session log (schema {version}; this "
             "backstretch knows schemas 1 to {known}; the file is left as it is)").format(
        version=version, known=SCHEMA_VERSION)


def _check_schema(conn: sqlite3.Connection, name: str, read_only: bool) -> None:
    """Check (and on a new, empty file create) the schema, all in one transaction."""
    conn.execute("BEGIN" if read_only else "BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in conn.execute("SELECT name FROM sqlite_master "
                                             "WHERE type='table'")}
        if version not in _TABLES and not (version == 0 and not tables):
            raise BackstretchError(Problem(name, "", unknown_schema(version)))
        if version and not set(_TABLES[version]) <= tables:
            raise BackstretchError(Problem(name, "", _(NOT_A_LOG)))
        if version == 0 and read_only:
            raise BackstretchError(Problem(name, "", _("cannot be created: it is read-only")))
        if version == 0:  # a new, empty file: made as schema 1, then upgraded
            for statement in _SCHEMA_1:
                conn.execute(statement)
            _upgrade(conn, 1)
        elif version < SCHEMA_VERSION and not read_only:
            backup = backup_copy(Path(name), version)  # UpgradeWaits: it is read instead
            try:
                _upgrade(conn, version)
            except sqlite3.Error as exc:
                raise BackstretchError(Problem(name, "", _(
                    "could not be upgraded from schema {version} to {new} ({error}); nothing "
                    "in it was changed, and the copy made just before is kept at {backup}"
                ).format(version=version, new=SCHEMA_VERSION, error=exc,
                         backup=backup))) from None
        conn.commit()
    except BaseException:
        conn.rollback()
        raise


def schema_version(conn: sqlite3.Connection) -> int:
    """The schema version of an open log (below ``SCHEMA_VERSION`` only when it was
    opened read-only, so could not be upgraded)."""
    return conn.execute("PRAGMA user_version").fetchone()[0]


def backup_copy(path: Path, version: int) -> Path:
    """Copy the log at ``path`` to the first free name among ``<name>.v<version>-backup``,
    ``-backup-2``, ...; return where. Called while the caller holds the write lock, so
    nothing changes meanwhile; SQLite's backup API (on a connection of its own) copies
    the file whole, write-ahead log included, under a temporary name first, so no half
    copy ever has the backup's name."""
    n = 1
    while (target := path.with_name(f"{path.name}.v{version}-backup"
                                    + (f"-{n}" if n > 1 else ""))).exists():
        n += 1
    partial = target.with_name(target.name + ".partial")
    try:
        _copy(path, partial)
        os.replace(partial, target)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        reason = (why_not_written(exc, path) if isinstance(exc, sqlite3.Error)
                  else os_reason(exc)) or str(exc)
        raise UpgradeWaits(Problem(str(path), "", _(
            "{reason}: its upgrade from schema {version} waits until a copy can be kept (free "
            "some space or make the folder writable)").format(
            reason=reason_text(reason), version=version))) from None
    return target


def _copy(path: Path, target: Path) -> None:
    """Copy the log at ``path`` whole to ``target`` with SQLite's backup API."""
    source = sqlite3.connect(path, timeout=TIMEOUT)
    try:
        copy = sqlite3.connect(target)
        try:
            source.backup(copy)
        finally:
            copy.close()
    finally:
        source.close()


def _upgrade(conn: sqlite3.Connection, version: int) -> None:
    """Run every migration from ``version`` to ``SCHEMA_VERSION``, in the caller's
    transaction."""
    for step in range(version, SCHEMA_VERSION):
        for statement in MIGRATIONS[step]:
            conn.execute(statement)
    conn.execute(f"PRAGMA user_version={SCHEMA_VERSION}")
