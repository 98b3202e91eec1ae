"""A person's plan: which routine (or two), how many days a week, for how many weeks, and
when their calendar reminds them; kept as YAML they can edit in their data folder."""

from __future__ import annotations

import dataclasses
import os
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import yaml

from ..base import checks
from ..base.checks import Checker, Invalid, describe
from ..base.errors import BackstretchError, Problem
from ..base.fields import Fields, Missing
from ..base.formats import joined, weekday_names
from ..base.language import N_, _, ngettext
from ..base.resources import ready_routines
from ..base.userdata import data_home
from ..base.yamlio import atomic_write_text, read_yaml
from ..catalogue.stretches import Catalogue
from ..routines.library import ROUTINE_SUFFIXES
from ..routines.model import Routine
from ..routines.reading import load_routine
from ..log.records import long_day, time_of_day, week_start

PLAN_VERSION = 1
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
"""Reminder days as written in the plan and on the command line, Monday first."""
DAY_NAMES = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
"""English short names, Monday first; shown words come from :func:`day_names`."""
DEFAULT_DAYS = 3
# TRANSLATORS: the guideline on how often to stretch (ACSM = American College of Sports Medicine)
DAYS_ADVICE = N_("ACSM: at least 2 to 3 days a week; daily is best")
"""The guideline on how often (ACSM, Garber et al. 2011), as the plan's form shows it
(through ``_`` where shown; the plan's file keeps it in English)."""
SPREAD = {1: ("wed",), 2: ("tue", "fri"), 3: ("mon", "wed", "fri"),
          4: ("mon", "tue", "thu", "sat"), 5: WEEKDAYS[:5], 6: WEEKDAYS[:6], 7: WEEKDAYS}
"""The reminder days a plan of so many days a week starts with, spread over the week."""
DEFAULT_ROUTINE = "daily-back-care"
DEFAULT_TIME = "07:30"
DEFAULT_WEEKS = 6
MAX_WEEKS = 52
MAX_ROUTINES = 2
MAX_REFERENCE = 1000
MAX_REVISION = 1_000_000
FIELDS = ("version", "routines", "days_per_week", "reminder_days", "reminder_time", "weeks",
          "start", "id", "revision")
_CLOCK = re.compile(r"(\d{1,2}):(\d{2})")
_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
_HEADER = """\
# Your stretching plan. backstretch reads this file; edit it here or in notebook 04.
# routines: one or two (a ready routine's name, or the file of one you saved)
# days_per_week: 1 to 7 ({advice})
# reminder_days: the days your calendar reminds you, one for each planned day
#   (mon tue wed thu fri sat sun); a session on any day of the week counts
# reminder_time: like "07:30", in quotes, your own local time
# weeks: how long the plan lasts, 1 to {max_weeks} weeks (Monday to Sunday), from the week
#   of its first reminder on or after "start"
# id, revision: which plan this is and how often it has changed, so that your calendar
#   updates its reminders rather than adding new ones; leave them as they are
"""


def routine_reference(value: Any) -> str:
    """A ready routine's name (like ``daily-back-care``), or the absolute path of a
    routine file that exists."""
    ref = checks.text(value, MAX_REFERENCE)
    ready = ready_routines()
    if ref in ready:
        return ref
    path = Path(ref).expanduser()
    if path.suffix in ROUTINE_SUFFIXES:
        if path.is_file():
            return str(path.resolve())
        raise Invalid(_("no such routine file: {path}").format(path=path))
    raise checks.not_valid(ref, _("a ready routine ({names}) or the file of a routine you "
                                  "saved, ending in .yaml").format(names=", ".join(ready)),
                           checks.suggest(ref, ready))


def routine_list(value: Any) -> tuple[str, ...]:
    """One or two routine references, each once."""
    refs = [value] if isinstance(value, str) else value
    if not isinstance(refs, (list, tuple)) or not 1 <= len(refs) <= MAX_ROUTINES:
        raise Invalid(_("{value} is not valid; list one or two routines").format(
            value=describe(value)))
    out = []
    for i, ref in enumerate(refs):
        try:
            out.append(routine_reference(ref))
        except Invalid as exc:
            raise Invalid(str(exc), field=f"[{i}]") from None
    if len(set(out)) != len(out):
        raise Invalid(_("lists the same routine twice"))
    return tuple(out)


def weekday_list(value: Any) -> tuple[str, ...]:
    """Reminder days from ``mon,wed,fri`` (or a list), each once, Monday first."""
    days = value.split(",") if isinstance(value, str) else value  # "mon, wed, fri" too
    if isinstance(days, (list, tuple)):
        days = [d.strip().lower() if isinstance(d, str) else d for d in days]
    chosen = checks.choices(days, WEEKDAYS)
    return tuple(d for d in WEEKDAYS if d in chosen)


def week_count(value: Any) -> int:
    """How many weeks a plan lasts, 1 to ``MAX_WEEKS`` (``"6"`` is read as 6)."""
    if isinstance(value, str) and re.fullmatch(r"\s*-?\d{1,3}\s*", value):
        value = int(value)
    return checks.whole(value, 1, MAX_WEEKS)


def clock_time(value: Any) -> time:
    """A time of day from ``"07:30"`` (or a ``datetime.time``), to the minute."""
    if isinstance(value, time):
        return value.replace(second=0, microsecond=0, tzinfo=None)
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 24 * 60:
        raise Invalid(_('{value} is not valid; write the time in quotes, like "{time}" (YAML '
                        "reads 18:00 without quotes as a number)").format(
            value=value, time=f"{value // 60:02d}:{value % 60:02d}"))
    match = _CLOCK.fullmatch(value.strip()) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise checks.not_valid(value, _("a time like 07:30 (hours 00 to 23, minutes 00 to 59)"))
    return time(int(match[1]), int(match[2]))


def start_day(value: Any) -> date:
    """The day a plan starts, from 2000 to 2100 (``2026-11-30`` or a date)."""
    day = value
    if isinstance(value, str):
        try:
            day = date.fromisoformat(value.strip())
        except ValueError:
            pass
    if isinstance(day, datetime):
        day = day.date()
    if not isinstance(day, date) or not 2000 <= day.year <= 2100:
        shown = day.isoformat() if isinstance(day, date) else value
        raise checks.not_valid(shown, _("a date like 2026-11-30, from the year 2000 to 2100"))
    return day


def new_plan_id() -> str:
    """A new plan's id: random, so no two plans share one."""
    return secrets.token_hex(8)


def _plan_id(value: Any) -> str:
    if not isinstance(value, str) or not _ID.fullmatch(value):
        raise checks.not_valid(value, _("the id the plan was saved with (letters, digits, "
                                        "'.', '_' and '-', at most 64)"))
    return value


@dataclass(frozen=True)
class Plan:
    """What a person plans to do; every field is checked when it is built.

    The plan starts on ``start`` (a new one: today), with its first reminder on or after
    it; its weeks run Monday to Sunday, from the week of that first reminder.
    ``reminder_days`` are the days a calendar reminds; there is one for each planned day
    (left empty, they are spread over the week), but a session on any day counts.
    ``id`` tells this plan from any other and ``revision`` counts its changes (see
    :func:`revised`); neither is part of what the plan says, so neither is compared.
    """

    routines: tuple[str, ...]
    """One or two references: a ready routine's name, or a routine file's absolute path."""
    start: date
    days_per_week: int = DEFAULT_DAYS
    reminder_days: tuple[str, ...] = ()
    reminder_time: time = clock_time(DEFAULT_TIME)
    """Local time, to the minute; ``"07:30"`` is accepted too."""
    weeks: int = DEFAULT_WEEKS
    id: str = field(default_factory=new_plan_id, compare=False)
    revision: int = field(default=1, compare=False)
    """1 when made, one more each time it is saved changed."""

    def __post_init__(self) -> None:
        check = Checker("<plan>")
        try:
            routines: tuple[str, ...] | None = routine_list(self.routines)
        except Invalid as exc:
            check.fail(f"routines{exc.field}", str(exc))
            routines = None
        values = {
            "routines": routines,
            "start": check("start", start_day, self.start),
            "days_per_week": check("days_per_week", checks.whole, self.days_per_week, 1, 7),
            "reminder_days": check("reminder_days", weekday_list, self.reminder_days or ()),
            "reminder_time": check("reminder_time", clock_time, self.reminder_time),
            "weeks": check("weeks", week_count, self.weeks),
            "id": check("id", _plan_id, self.id),
            "revision": check("revision", checks.whole, self.revision, 1, MAX_REVISION),
        }
        days, per_week = values["reminder_days"], values["days_per_week"]
        if days == () and per_week:
            values["reminder_days"] = SPREAD[per_week]
        elif days and per_week and len(days) != per_week:
            check.fail("reminder_days", ngettext(
                "lists {n} day but days_per_week is {per_week}; give one reminder day for "
                "each planned day",
                "lists {n} days but days_per_week is {per_week}; give one reminder day for "
                "each planned day", len(days)).format(n=len(days), per_week=per_week))
        check.raise_if_any()
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @property
    def first_day(self) -> date:
        """The first reminder day on or after ``start``."""
        ahead = min((WEEKDAYS.index(d) - self.start.weekday()) % 7 for d in self.reminder_days)
        return self.start + timedelta(days=ahead)

    @property
    def end(self) -> date:
        """The plan's last day, a Sunday."""
        return week_start(self.first_day) + timedelta(days=7 * self.weeks - 1)

    def week_starts(self) -> list[date]:
        """The Monday of each of the plan's weeks."""
        return [week_start(self.first_day) + timedelta(days=7 * i) for i in range(self.weeks)]

    def planned(self, monday: date) -> int:
        """Days planned in the week from ``monday``: in the first, no more than its
        reminder days left on or after ``start``."""
        if monday != week_start(self.first_day):
            return self.days_per_week
        left = sum(WEEKDAYS.index(d) >= self.first_day.weekday() for d in self.reminder_days)
        return min(self.days_per_week, left)

    def days_text(self) -> str:
        """'Mon, Wed and Fri' (CLDR's names and list, in the current language)."""
        names = day_names()
        return joined([names[WEEKDAYS.index(d)] for d in self.reminder_days])

    def describe(self) -> str:
        """'3 days a week for 6 weeks, from Monday 30 November 2026; reminders on Mon, Wed,
        and Fri at 07:30', from the day of the first reminder."""
        # TRANSLATORS: {days_a_week} is like "3 days a week", {weeks} like "6 weeks",
        # {days} like "Mon, Wed and Fri", {time} like "07:30"
        return _("{days_a_week} for {weeks}, from {first_day}; reminders on {days} at "
                 "{time}").format(
            days_a_week=ngettext("{n} day a week", "{n} days a week",
                                 self.days_per_week).format(n=self.days_per_week),
            weeks=ngettext("{n} week", "{n} weeks", self.weeks).format(n=self.weeks),
            first_day=long_date(self.first_day), days=self.days_text(),
            time=time_of_day(self.reminder_time))


def day_names() -> tuple[str, ...]:
    """Monday to Sunday, short, in the current language (CLDR): 'Mon' ... 'Sun',
    'lun' ... 'dom'. The plan keeps the codes of ``WEEKDAYS``."""
    return weekday_names()


def long_date(day: date) -> str:
    """'Monday 30 November 2026' ('lunes, 30 de noviembre de 2026' in Spanish)."""
    return long_day(day)


def plan_file() -> Path:
    """Where the plan is kept: ``plan.yaml`` in the data folder."""
    return data_home() / "plan.yaml"


def plan_from_dict(data: Any, file: str = "<plan>") -> Plan:
    """A plan from parsed YAML; BackstretchError lists every fault, by file and field."""
    top = Fields(file, "", data)
    top.raise_if_any()
    top.unknown(FIELDS)
    values: dict[str, Any] = {}
    try:
        top.version(PLAN_VERSION)
    except Missing:
        pass
    for key in FIELDS[1:]:
        try:
            value = top.raw(key, key in ("routines", "start"))
        except Missing:
            continue
        if value is not None:
            values[key] = value
    top.raise_if_any()
    try:
        plan = Plan(**values)
    except BackstretchError as exc:
        raise exc.inside(file) from None
    # saved before plans had ids: the id its calendar file was given then
    return plan if "id" in values else dataclasses.replace(plan, id=f"plan-{plan.start}")


def load_plan(path: str | os.PathLike[str] | None = None) -> Plan | None:
    """The saved plan, or None when there is none yet; a damaged file raises
    BackstretchError naming it and the field."""
    path = Path(path) if path is not None else plan_file()
    if not os.path.lexists(path):
        return None
    return plan_from_dict(read_yaml(path), str(path))


def revised(plan: Plan, saved: Plan | None) -> Plan:
    """``plan`` as the next revision of ``saved``: the same id, and the revision one up
    if anything it says has changed; ``plan`` itself when nothing is saved."""
    if saved is None:
        return plan
    return dataclasses.replace(plan, id=saved.id,
                               revision=saved.revision + (plan != saved))


def plan_yaml(plan: Plan) -> str:
    """The plan as the YAML text it is saved as, with a few lines on each field."""
    def dump(data: dict[str, Any], lists_inline: bool = True) -> str:
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=1000,
                              default_flow_style=None if lists_inline else False)

    return (_HEADER.format(advice=DAYS_ADVICE, max_weeks=MAX_WEEKS)
            + dump({"version": PLAN_VERSION, "routines": list(plan.routines),
                    "days_per_week": plan.days_per_week,
                    "reminder_days": list(plan.reminder_days)})
            + f'reminder_time: "{plan.reminder_time:%H:%M}"\n'  # quoted: YAML reads 18:00 as 1080
            + dump({"weeks": plan.weeks, "start": plan.start, "id": plan.id,
                    "revision": plan.revision}, lists_inline=False))


def save_plan(plan: Plan, path: str | os.PathLike[str] | None = None) -> Plan:
    """Write ``plan`` atomically (the old file stays whole if this fails) as the next
    revision of the plan saved there, if one reads; return it as saved."""
    path = Path(path) if path is not None else plan_file()
    try:
        saved = load_plan(path)
    except BackstretchError:  # a damaged plan is replaced
        saved = None
    plan = revised(plan, saved)
    atomic_write_text(path, plan_yaml(plan))
    return plan


def plan_routines(plan: Plan, catalogue: Catalogue | None = None,
                  file: str = "<plan>") -> list[Routine]:
    """The plan's routines, loaded; one that no longer loads raises BackstretchError
    naming ``file`` and ``routines[i]``."""
    out = []
    for i, ref in enumerate(plan.routines):
        try:
            out.append(load_routine(ref, catalogue))
        except BackstretchError as exc:
            raise BackstretchError([Problem(file, f"routines[{i}]", str(p))
                                    for p in exc.problems]) from None
    return out


def routine_names(routines: Sequence[Routine]) -> str:
    """'Daily back care' or 'Daily back care or Desk break'."""
    return joined([r.name for r in routines], style="or")
