"""The calendar file, read by calendar code no one here wrote: vobject and
recurring-ical-events (PyPI) and ical.js (npm, the parser of Thunderbird and many web
calendars). Two plans side by side and a change to one: each plan has its own UID, the
changed one keeps its UID with a higher SEQUENCE, and every reader expands the same
reminders at the same moments, in the person's time zone across its clock change."""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
import subprocess
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from backstretch.programme.plan import Plan, plan_routines, revised
from backstretch.programme.reminders import write_reminders

ZONE = ZoneInfo("Europe/Paris")  # its clocks go back on Sunday 25 October 2026
NOW = datetime(2026, 10, 10, 9, 0, tzinfo=timezone.utc)
ICAL_JS = Path(__file__).resolve().parents[2] / "node_modules" / "ical.js" / "dist" / "ical.js"
WINDOW = (datetime(2026, 1, 1, tzinfo=timezone.utc), datetime(2028, 1, 1, tzinfo=timezone.utc))


@dataclasses.dataclass(frozen=True)
class Read:
    """What a calendar program found in one file."""

    uid: str
    sequence: int
    moments: tuple[datetime, ...]
    """Every reminder, in UTC."""


def _expected(plan: Plan) -> tuple[datetime, ...]:
    """The plan's reminders worked out by hand: its days from its start to its end, at
    its time in ZONE."""
    days = [plan.start + timedelta(days=n) for n in range((plan.end - plan.start).days + 1)]
    return tuple(datetime.combine(d, plan.reminder_time, ZONE).astimezone(timezone.utc)
                 for d in days if d.strftime("%a").lower() in plan.reminder_days)


@pytest.fixture
def files(tmp_path, catalogue):
    """Plans A and B, made the same day with the same words, and A changed: three files."""
    a = Plan(("daily-back-care",), date(2026, 10, 14), weeks=3)
    b = Plan(("daily-back-care",), date(2026, 10, 14), weeks=3)
    changed = revised(dataclasses.replace(a, reminder_time="19:00",
                                          reminder_days=("tue", "sat"), days_per_week=2), a)
    out = {}
    for name, plan in (("a", a), ("b", b), ("a-changed", changed)):
        out[name] = (write_reminders(plan, plan_routines(plan, catalogue),
                                     tmp_path / f"{name}.ics", now=NOW, zone=ZONE), plan)
    return out


def _vobject(path: Path) -> Read:
    vobject = pytest.importorskip("vobject")
    event = vobject.readOne(path.read_text("utf-8")).vevent
    return Read(event.uid.value, int(event.sequence.value),
                tuple(d.astimezone(timezone.utc) for d in event.getrruleset()))


def _recurring_ical_events(path: Path) -> Read:
    recurring = pytest.importorskip("recurring_ical_events")
    from icalendar import Calendar

    found = recurring.of(Calendar.from_ical(path.read_bytes())).between(*WINDOW)
    assert len({str(e["UID"]) for e in found}) == 1
    return Read(str(found[0]["UID"]), int(found[0]["SEQUENCE"]),
                tuple(sorted(e["DTSTART"].dt.astimezone(timezone.utc) for e in found)))


ICAL_JS_SCRIPT = """
const ICAL = (await import(process.argv[1])).default;
const text = (await import("node:fs")).readFileSync(process.argv[2], "utf8");
const cal = new ICAL.Component(ICAL.parse(text));
for (const tz of cal.getAllSubcomponents("vtimezone")) ICAL.TimezoneService.register(tz);
const event = new ICAL.Event(cal.getFirstSubcomponent("vevent"));
const moments = [];
const it = event.iterator();
for (let next = it.next(); next && moments.length < 1000; next = it.next()) {
  moments.push(next.toJSDate().toISOString());
}
console.log(JSON.stringify({uid: event.uid, sequence: event.sequence,
                            tzid: event.startDate.zone.tzid, moments}));
"""


def _ical_js(path: Path) -> Read:
    node = shutil.which("node")
    if node is None or not ICAL_JS.is_file():
        missing = f"node or {ICAL_JS} is missing: run `make test` (it installs ical.js with npm)"
        if os.environ.get("BACKSTRETCH_REQUIRE_BROWSER", "") not in ("", "0"):
            pytest.fail(missing, pytrace=False)
        pytest.skip(missing)
    done = subprocess.run([node, "--input-type=module", "-e", ICAL_JS_SCRIPT,
                           ICAL_JS.as_uri(), str(path)],
                          capture_output=True, text=True, timeout=60, check=True)
    found = json.loads(done.stdout)
    assert found["tzid"] == "Europe/Paris"  # the zone the file names, not floating or UTC
    return Read(found["uid"], found["sequence"],
                tuple(datetime.fromisoformat(m.replace("Z", "+00:00"))
                      for m in found["moments"]))


READERS = {"vobject": _vobject, "recurring-ical-events": _recurring_ical_events,
           "ical.js": _ical_js}


@pytest.mark.parametrize("reader", READERS)
def test_two_plans_and_a_change_read_as_a_calendar_program_reads_them(files, reader):
    read = {name: READERS[reader](path) for name, (path, _) in files.items()}
    assert read["a"].uid == read["a-changed"].uid != read["b"].uid
    assert read["a-changed"].sequence > read["a"].sequence == read["b"].sequence == 0
    for name, (_, plan) in files.items():
        assert read[name].moments == _expected(plan), name
    # eight reminders (Wed and Fri, then Mon, Wed, Fri twice) over the clock change, at
    # 07:30 in Paris before it and after it
    moments = read["a"].moments
    assert len(moments) == 8 and {m.astimezone(ZONE).time() for m in moments} == {time(7, 30)}
    assert {m.astimezone(ZONE).utcoffset() for m in moments} == {timedelta(hours=2),
                                                                 timedelta(hours=1)}
    assert len(read["a-changed"].moments) == 5  # Sat 17, then Tue and Sat twice
