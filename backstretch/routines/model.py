"""Routines: an ordered list of stretches, its timeline, duration and coverage."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, NamedTuple

import yaml

from ..base import checks
from ..base.checks import Checker
from ..base.errors import BackstretchError, Problem
from ..base.fields import unknown_field
from ..base.language import _, ngettext
from ..base.yamlio import atomic_write_text
from ..catalogue.stretches import (
    FORMAT_VERSION,
    MAX_HOLD,
    MAX_REPS,
    Catalogue,
    Stretch,
)
from .coverage import GroupCoverage, coverage_of
from .steps import Step, StepKind, side_text

SIDES = ("both", "left", "right")
MAX_ITEMS = 100
MAX_NAME = 120
"""Longest routine name, in characters."""
OVERRIDES = ("hold", "reps", "sides", "rest")
"""The fields of a routine item that change a stretch's defaults."""


@dataclass(frozen=True)
class Settings:
    """Timings between the stretches, in seconds; each a whole number from 0 to 600."""

    get_ready: int = 10
    """Time to get into position before each stretch."""
    switch_sides: int = 5
    rest: int = 5
    """Rest between repetitions of a static hold."""

    def __post_init__(self) -> None:
        check = Checker("<settings>")
        for name in ("get_ready", "switch_sides", "rest"):
            _keep(self, name, check(name, checks.whole, getattr(self, name), 0, MAX_HOLD,
                                    " of seconds"))
        check.raise_if_any()


@dataclass(frozen=True)
class RoutineItem:
    """A stretch in a routine, with optional overrides of the catalogue's defaults."""

    stretch: str
    """The stretch's id."""
    hold: int | None = None
    reps: int | None = None
    sides: str | None = None
    """``both``, ``left`` or ``right`` for per-side stretches; None means both."""
    rest: int | None = None

    def __post_init__(self) -> None:
        check = Checker("<routine item>")
        _keep(self, "stretch", check("stretch", checks.text, self.stretch, 60))
        for name, low, high, unit in (("hold", 1, MAX_HOLD, " of seconds"),
                                      ("reps", 1, MAX_REPS, ""),
                                      ("rest", 0, MAX_HOLD, " of seconds")):
            _keep(self, name, check(name, checks.optional_whole, getattr(self, name), low, high,
                                    unit))
        if self.sides is not None:
            check("sides", checks.choice, self.sides, SIDES)
        check.raise_if_any()


def _keep(obj: object, name: str, value: Any) -> None:
    """Store a checked, normalised value on a frozen dataclass (None when it was invalid:
    the constructor raises before anyone sees it)."""
    object.__setattr__(obj, name, value)


class Beat(NamedTuple):
    """A step of one item before it is placed on the routine's clock."""

    kind: StepKind
    seconds: int
    side: str | None = None
    rep: int = 1
    reps: int = 1


def item_timeline(static: bool, sides: tuple[str | None, ...], hold: int, reps: int, rest: int,
                  settings: Settings) -> list[Beat]:
    """One item's part of the timeline, in order: get ready, then each side's holds
    (with rests between) or moves, a switch between sides. Steps of no time are left out.

    The sum of its seconds is what the item costs a routine (the planner prices it so).
    """
    beats = [Beat("get_ready", settings.get_ready)]
    for n, side in enumerate(sides):
        if n:
            beats.append(Beat("switch", settings.switch_sides, side))
        if static:
            for rep in range(1, reps + 1):
                if rep > 1:
                    beats.append(Beat("rest", rest, side))
                beats.append(Beat("hold", hold, side, rep, reps))
        else:
            beats.append(Beat("move", hold * reps, side, 1, reps))
    return [b for b in beats if b.seconds > 0]


def format_duration(seconds: float) -> str:
    """'4 min 05 s', or '45 s' under a minute."""
    total = round(seconds)
    minutes, secs = divmod(total, 60)
    if not minutes:
        return _("{seconds} s").format(seconds=secs)
    return _("{minutes} min {seconds} s").format(minutes=minutes, seconds=f"{secs:02d}")


@dataclass(frozen=True)
class Routine:
    """An ordered list of stretches with overrides; immutable, edit by ``with_...``."""

    name: str
    items: tuple[RoutineItem, ...]
    catalogue: Catalogue = field(repr=False, compare=False)
    description: str = ""
    settings: Settings = Settings()
    shipped_name: tuple[str, str] = field(default=(), repr=False, compare=False)
    """For a ready routine read in another language: (its name as read, its English name).
    ``key`` uses the English one while the name is unchanged, so the checklist, the log and
    the progression know it in every language."""

    def __post_init__(self) -> None:
        """Check every field: an invalid routine cannot exist, so whatever can be saved
        can be loaded back. (An empty routine is a draft: it cannot be saved.)"""
        check = Checker("<routine>")
        check("catalogue", checks.instance, self.catalogue, Catalogue, "a backstretch.Catalogue")
        _keep(self, "name", check("name", checks.text, self.name, MAX_NAME))
        _keep(self, "description", check("description", checks.text, self.description,
                                         checks.MAX_TEXT, required=False, multiline=True))
        check("settings", checks.instance, self.settings, Settings, "a backstretch.Settings")
        items = self.items
        if isinstance(items, (list, tuple)) and len(items) > MAX_ITEMS:
            check.fail("items", too_many_items(len(items)))
        elif not isinstance(items, (list, tuple)):
            check.fail("items", _("must be a list of RoutineItem, not {value}").format(
                value=checks.describe(items)))
        else:
            _keep(self, "items", tuple(items))
            if isinstance(self.catalogue, Catalogue):
                _check_items(check, self.items, self.catalogue)
        check.raise_if_any()

    # -- what each item resolves to -------------------------------------------------
    def stretch(self, index: int) -> Stretch:
        return self.catalogue[self.items[index].stretch]

    def hold(self, index: int) -> int:
        item = self.items[index]
        return item.hold if item.hold is not None else self.stretch(index).hold.low

    def reps(self, index: int) -> int:
        item = self.items[index]
        return item.reps if item.reps is not None else self.stretch(index).reps

    def sides(self, index: int) -> tuple[str | None, ...]:
        """The sides done, in order: ('left', 'right'), one of them, or (None,)."""
        if not self.stretch(index).per_side:
            return (None,)
        chosen = self.items[index].sides or "both"
        return ("left", "right") if chosen == "both" else (chosen,)

    def rest(self, index: int) -> int:
        item = self.items[index]
        return item.rest if item.rest is not None else self.settings.rest

    # -- timeline -------------------------------------------------------------------
    def steps(self) -> list[Step]:
        """The timeline: every get-ready, hold, move, switch and rest, with start times."""
        return list(self._steps)

    @cached_property
    def _steps(self) -> tuple[Step, ...]:
        out: list[Step] = []
        clock = 0
        for i in range(len(self.items)):
            stretch = self.stretch(i)
            for beat in item_timeline(stretch.is_static, self.sides(i), self.hold(i),
                                      self.reps(i), self.rest(i), self.settings):
                out.append(Step(beat.kind, beat.seconds, clock, i, stretch, beat.side,
                                beat.rep, beat.reps))
                clock += beat.seconds
        return tuple(out)

    @property
    def duration(self) -> int:
        """Total seconds, from the first get-ready to the end of the last step."""
        return self._steps[-1].end if self._steps else 0

    def checklist_boxes(self) -> list[tuple[int, str | None]]:
        """One (item, side) box per stretch and side, in routine order."""
        return [(i, side) for i in range(len(self.items)) for side in self.sides(i)]

    def box_label(self, box: tuple[int, str | None]) -> str:
        """A checklist box in words: 'Single knee to chest, left side' or 'Back rounders'."""
        item, side = box
        name = self.stretch(item).name
        # TRANSLATORS: a checklist box: 'Single knee to chest, left side'
        return _("{stretch}, {side}").format(stretch=name, side=side_text(side)) if side else name

    def key(self) -> str:
        """A short key that changes when the routine's name, stretches or sides change."""
        boxes = [(self.items[i].stretch, side) for i, side in self.checklist_boxes()]
        name = self.shipped_name[1] if self.shipped_name[:1] == (self.name,) else self.name
        raw = json.dumps([name, boxes], ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    # -- coverage -------------------------------------------------------------------
    def coverage(self) -> dict[str, GroupCoverage]:
        """Seconds per muscle group worked, on its less-worked side (see ``coverage_of``)."""
        return coverage_of(self._steps)

    # -- editing (each returns a new routine) -----------------------------------------
    def with_items(self, items: list[RoutineItem] | tuple[RoutineItem, ...]) -> Routine:
        return dataclasses.replace(self, items=items)

    def added(self, stretch_id: str, index: int | None = None) -> Routine:
        """A stretch added at ``index`` (default: the end)."""
        items = list(self.items)
        at = len(items) if index is None else _index(index, len(items) + 1, "index")
        try:
            items.insert(at, RoutineItem(stretch_id))
        except BackstretchError as exc:
            raise exc.inside("<routine>", f"items[{at}]") from None
        return self.with_items(items)

    def removed(self, index: int) -> Routine:
        i = _index(index, len(self.items), "index")
        return self.with_items(self.items[:i] + self.items[i + 1:])

    def moved(self, index: int, to: int) -> Routine:
        """Item ``index`` moved to position ``to``."""
        items = list(self.items)
        i, to = _index(index, len(items), "index"), _index(to, len(items), "to")
        items.insert(to, items.pop(i))
        return self.with_items(items)

    def changed(self, index: int, **overrides: Any) -> Routine:
        """Set overrides (hold, reps, sides, rest) of one item; None restores the default."""
        i = _index(index, len(self.items), "index")
        unknown = sorted(set(overrides) - set(OVERRIDES))
        if unknown:
            raise BackstretchError(Problem("<routine>", f"items[{i}].{unknown[0]}", unknown_field(
                checks.suggest(unknown[0], OVERRIDES), OVERRIDES)))
        items = list(self.items)
        try:
            items[i] = dataclasses.replace(items[i], **overrides)
        except BackstretchError as exc:
            raise exc.inside("<routine>", f"items[{i}]") from None
        return self.with_items(items)

    # -- files ----------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        """The routine as plain data, overrides only, ready for YAML."""
        data: dict[str, Any] = {"version": FORMAT_VERSION, "name": self.name}
        if self.description:
            data["description"] = self.description
        if self.settings != Settings():
            data["settings"] = dataclasses.asdict(self.settings)
        data["items"] = [
            {k: v for k, v in dataclasses.asdict(item).items() if v is not None}
            for item in self.items
        ]
        return data

    def save(self, path: str | os.PathLike[str]) -> None:
        """Write the routine as YAML, atomically: a crash leaves the old file intact."""
        if not self.items:
            raise BackstretchError(Problem(str(path), "items", _("add at least one stretch first")))
        text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=88)
        atomic_write_text(path, text)


def _check_items(check: Checker, items: tuple[Any, ...], catalogue: Catalogue) -> None:
    """Each item is a RoutineItem of a stretch in ``catalogue``, its sides fitting it."""
    for i, item in enumerate(items):
        if not isinstance(item, RoutineItem):
            check.fail(f"items[{i}]", str(checks.not_valid(item, _(
                "a backstretch.RoutineItem, like {example}").format(
                    example="RoutineItem('cat-cow')"))))
        elif item.stretch not in catalogue:
            check.fail(f"items[{i}].stretch", _("no stretch with id {id}{hint}").format(
                id=repr(item.stretch), hint=checks.suggest(item.stretch, catalogue)))
        elif item.sides not in (None, "both") and not catalogue[item.stretch].per_side:
            check.fail(f"items[{i}].sides", _("{id} is done on both sides at once; remove {field}")
                       .format(id=repr(item.stretch), field="'sides'"))


def too_many_items(count: int) -> str:
    """'has 120 stretches; at most 100 are allowed'."""
    return ngettext("has {count} stretch; at most {most} are allowed",
                    "has {count} stretches; at most {most} are allowed", count).format(
        count=count, most=MAX_ITEMS)


def _index(value: Any, size: int, name: str) -> int:
    """A position in the routine's items, or BackstretchError naming the argument."""
    try:
        return checks.index(value, size)
    except checks.Invalid as exc:
        raise BackstretchError(Problem("<routine>", name, str(exc))) from None
