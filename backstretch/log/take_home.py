"""Sessions done with a take-home file (``backstretch follow``), read back into the log.

The file the page offers holds the routine it played and, for each session, the events
the page reported as it played it, with the pain scores and note typed beside it. Each
session is replayed on a :class:`~backstretch.guided.session.Session`, as the kernel
replays a page's events, so it is recorded by the same rules as a session in the
workbook. Every field is checked before anything is written; then all new sessions go
in at once, and one already in the log (the same routine started at the same moment)
is not added twice.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from datetime import datetime, timezone

from ..base import checks
from ..base.errors import BackstretchError, Problem
from ..base.fields import Fields, Missing
from ..base.formats import number
from ..base.language import _, ngettext
from ..base.yamlio import MAX_FILE_BYTES, parse_json, read_bytes
from ..catalogue.stretches import Catalogue
from ..guided.page_events import PageEvent, replay
from ..guided.pretend_clock import PretendClock
from ..guided.session import Session
from ..routines.model import Routine
from ..routines.reading import routine_from_dict
from .records import MAX_NOTE, MAX_SECONDS
from .store import SessionLog, SessionRecord

FORMAT = "backstretch-take-home-sessions"
"""The ``format`` field of the file the take-home page offers."""
VERSION = 1
MAX_SESSIONS = 2000
MAX_EVENTS = 2000
"""Events in one session: a whole routine is a few dozen, with every press."""


@dataclass(frozen=True)
class Imported:
    """What an import found in a file and what it added to the log."""

    file: str
    found: int
    added: list[SessionRecord]

    def summary(self) -> str:
        already, added = self.found - len(self.added), len(self.added)
        text = ngettext("{n} session added to your log", "{n} sessions added to your log",
                        added).format(n=added)
        if already:
            # TRANSLATORS: "3 sessions added to your log; 2 sessions already there"
            text = _("{added}; {already}").format(added=text, already=ngettext(
                "{n} session already there", "{n} sessions already there",
                already).format(n=already))
        return text


Source = str | os.PathLike[str] | tuple[str, bytes]
"""A file's path, or (its name, its bytes) as a browser uploads it."""


def read_take_home(source: Source, log: SessionLog,
                   catalogue: Catalogue | None = None) -> list[SessionRecord]:
    """The sessions in a take-home file, each replayed and checked; nothing is written."""
    if isinstance(source, tuple):
        name, raw = source
        if len(raw) > MAX_FILE_BYTES:
            raise BackstretchError(Problem(name, "", _("is over {size} bytes").format(
                size=number(MAX_FILE_BYTES, 0))))
    else:
        name, raw = str(source), read_bytes(source)
    data = parse_json(raw, name)
    if not isinstance(data, dict):
        raise BackstretchError(Problem(name, "", _(
            "holds {value}, not the file a take-home page offers (a JSON object with format, "
            "version, routine and sessions)").format(value=checks.describe(data))))
    top = Fields(name, "", data)
    top.raise_if_any()
    top.unknown(("format", "version", "routine", "sessions"))
    try:
        if top.raw("format", True) != FORMAT:
            top.fail("format", _("must be {format}: the file a take-home page offers").format(
                format=repr(FORMAT)))
        top.check("version", checks.whole, top.raw("version", True), VERSION, VERSION)
        sessions = top.raw("sessions", True)
        if not isinstance(sessions, list) or len(sessions) > MAX_SESSIONS:
            top.fail("sessions", _("must be a list of at most {most} sessions").format(
                most=MAX_SESSIONS))
            raise Missing
        routine_data = top.raw("routine", True)
    except Missing:
        raise BackstretchError(top.problems) from None
    top.raise_if_any()
    try:
        routine = routine_from_dict(routine_data, catalogue, file=name)
    except BackstretchError as exc:
        raise BackstretchError([Problem(p.file, f"routine.{p.field}".rstrip("."), p.message)
                                for p in exc.problems]) from None
    records = []
    for i, raw in enumerate(sessions):
        fields = top.child(f"sessions[{i}]", raw)
        try:
            records.append(_session(fields, routine, log))
        except Missing:
            pass
    top.raise_if_any()
    return records


def import_take_home(source: Source, log: SessionLog,
                     catalogue: Catalogue | None = None) -> Imported:
    """Add the sessions of a take-home file to ``log``: all checked first, then all new
    ones in one transaction; a session already in the log is not added again."""
    records = read_take_home(source, log, catalogue)
    name = source[0] if isinstance(source, tuple) else str(source)
    return Imported(name, len(records), log.record_new(records))


def _session(fields: Fields, routine: Routine, log: SessionLog) -> SessionRecord:
    fields.unknown(("events", "pain_before", "pain_after", "note"))
    events = fields.raw("events", True)
    if not isinstance(events, list) or not 0 < len(events) <= MAX_EVENTS:
        fields.fail("events", _("must be a list of 1 to {most} events").format(most=MAX_EVENTS))
        raise Missing
    pain = {k: fields.integer(k, 0, 10, required=False) for k in ("pain_before", "pain_after")}
    note = fields.raw("note", False)
    note = "" if note is None else fields.check("note", checks.typed_text, note, MAX_NOTE,
                                                False, True)
    clock = PretendClock()
    session = Session(routine, clock)
    first = last = None
    for j, raw in enumerate(events):
        where = f"events[{j}]"
        event = fields.check(where, PageEvent.parse, raw)
        if j == 0 and event.event != "start":
            fields.fail(where, _("must be the session's start"))
            raise Missing
        first = event.at if first is None else first
        if last is not None and event.at < last:
            fields.fail(f"{where}.at", _("is earlier than the event before it"))
            raise Missing
        if event.at - first > MAX_SECONDS:
            fields.fail(f"{where}.at", _(
                "is {hours} hours after the session's start; a session lasts at most {most} "
                "hours").format(hours=f"{(event.at - first) / 3600:.0f}",
                                most=MAX_SECONDS // 3600))
            raise Missing
        clock.now = last = event.at
        replay(session, event)
    ended = datetime.fromtimestamp(clock.now, tz=timezone.utc)
    try:
        return log.checked(**log.session_fields(session, ended), **pain, note=note)
    except BackstretchError as exc:
        for p in exc.problems:
            fields.fail(p.field, p.message)
        raise Missing from None

