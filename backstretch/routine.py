"""Routines: an ordered list of stretches, its timeline, duration and coverage."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NamedTuple

import yaml

from .catalogue import FORMAT_VERSION, MAX_HOLD, MAX_REPS, Catalogue, Stretch, load_catalogue
from .coverage import GroupCoverage, coverage_of
from .errors import BackstretchError, Problem
from .fields import Fields, Missing
from .resources import ready_routines
from .steps import Step, StepKind, side_text
from .yamlio import atomic_write_text, read_yaml

SIDES = ("both", "left", "right")
MAX_ITEMS = 100


@dataclass(frozen=True)
class Settings:
    """Timings between the stretches, in seconds."""

    get_ready: int = 10
    """Time to get into position before each stretch."""
    switch_sides: int = 5
    rest: int = 5
    """Rest between repetitions of a static hold."""


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
    return f"{minutes} min {secs:02d} s" if minutes else f"{secs} s"


@dataclass(frozen=True)
class Routine:
    """An ordered list of stretches with overrides; immutable, edit by ``with_...``."""

    name: str
    items: tuple[RoutineItem, ...]
    catalogue: Catalogue = field(repr=False, compare=False)
    description: str = ""
    settings: Settings = Settings()

    def __post_init__(self) -> None:
        problems = _item_problems(self.items, self.catalogue, "<routine>")
        if problems:
            raise BackstretchError(problems)

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
        return f"{name}, {side_text(side)}" if side else name

    def key(self) -> str:
        """A short key that changes when the routine's name, stretches or sides change."""
        boxes = [(self.items[i].stretch, side) for i, side in self.checklist_boxes()]
        raw = json.dumps([self.name, boxes], ensure_ascii=False).encode()
        return hashlib.sha256(raw).hexdigest()[:16]

    # -- coverage -------------------------------------------------------------------
    def coverage(self) -> dict[str, GroupCoverage]:
        """Seconds per muscle group worked, on its less-worked side (see ``coverage_of``)."""
        return coverage_of(self._steps)

    # -- editing (each returns a new routine) -----------------------------------------
    def with_items(self, items: list[RoutineItem] | tuple[RoutineItem, ...]) -> Routine:
        return dataclasses.replace(self, items=tuple(items))

    def added(self, stretch_id: str, index: int | None = None) -> Routine:
        items = list(self.items)
        items.insert(len(items) if index is None else index, RoutineItem(stretch_id))
        return self.with_items(items)

    def removed(self, index: int) -> Routine:
        return self.with_items(self.items[:index] + self.items[index + 1:])

    def moved(self, index: int, to: int) -> Routine:
        items = list(self.items)
        items.insert(max(0, min(to, len(items) - 1)), items.pop(index))
        return self.with_items(items)

    def changed(self, index: int, **overrides: Any) -> Routine:
        """Set overrides (hold, reps, sides, rest) of one item; None restores the default."""
        items = list(self.items)
        items[index] = dataclasses.replace(items[index], **overrides)
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
            raise BackstretchError(Problem(str(path), "items", "add at least one stretch first"))
        text = yaml.safe_dump(self.to_dict(), sort_keys=False, allow_unicode=True, width=88)
        atomic_write_text(path, text)

    @classmethod
    def from_dict(cls, data: Any, catalogue: Catalogue | None = None,
                  file: str = "<routine>") -> Routine:
        """Build a routine from parsed YAML; raise BackstretchError listing every fault."""
        catalogue = catalogue if catalogue is not None else load_catalogue()
        top = Fields(file, "", data)
        top.raise_if_any()
        top.unknown(("version", "name", "description", "settings", "items"))
        values: dict[str, Any] = {}
        for key, read in {
            "version": lambda: top.version(FORMAT_VERSION),
            "name": lambda: top.text("name", max_len=120),
            "description": lambda: top.text("description", required=False) or "",
            "settings": lambda: _settings(top),
            "items": lambda: _items(top, catalogue),
        }.items():
            try:
                values[key] = read()
            except Missing:
                pass
        top.raise_if_any()
        values.pop("version")
        return cls(catalogue=catalogue, **values)


def _settings(top: Fields) -> Settings:
    raw = top.raw("settings", False)
    if raw is None:
        return Settings()
    f = top.child("settings", raw)
    f.unknown(Settings.__dataclass_fields__)
    values = {}
    for key in Settings.__dataclass_fields__:
        try:
            v = f.integer(key, 0, MAX_HOLD, required=False, unit=" of seconds")
        except Missing:
            continue
        if v is not None:
            values[key] = v
    return Settings(**values)


def _items(top: Fields, catalogue: Catalogue) -> tuple[RoutineItem, ...]:
    raw = top.raw("items", True)
    if not isinstance(raw, list) or not raw:
        top.fail("items", "must be a non-empty list of stretches, like '- stretch: knee-to-chest'")
        raise Missing
    if len(raw) > MAX_ITEMS:
        top.fail("items", f"has {len(raw)} stretches; at most {MAX_ITEMS} are allowed")
        raise Missing
    items = []
    before = len(top.problems)
    for i, entry in enumerate(raw):
        if isinstance(entry, str):
            entry = {"stretch": entry}
        f = top.child(f"items[{i}]", entry)
        f.unknown(RoutineItem.__dataclass_fields__)
        values: dict[str, Any] = {}
        for key, read in {
            "stretch": lambda: f.text("stretch", max_len=60),
            "hold": lambda: f.integer("hold", 1, MAX_HOLD, False, " of seconds"),
            "reps": lambda: f.integer("reps", 1, MAX_REPS, False),
            "sides": lambda: f.choice("sides", SIDES, False),
            "rest": lambda: f.integer("rest", 0, MAX_HOLD, False, " of seconds"),
        }.items():
            try:
                values[key] = read()
            except Missing:
                pass
        if "stretch" in values:
            item = RoutineItem(**values)
            top.problems.extend(_item_problems((item,), catalogue, top.file, start=i))
            items.append(item)
    if len(top.problems) > before:
        raise Missing
    return tuple(items)


def _item_problems(items: tuple[RoutineItem, ...], catalogue: Catalogue, file: str,
                   start: int = 0) -> list[Problem]:
    problems = []
    limits = {"hold": (1, MAX_HOLD), "reps": (1, MAX_REPS), "rest": (0, MAX_HOLD)}
    for i, item in enumerate(items, start):
        for key, (low, high) in limits.items():
            value = getattr(item, key)
            if value is not None and (isinstance(value, bool) or not isinstance(value, int)
                                      or not low <= value <= high):
                problems.append(Problem(file, f"items[{i}].{key}",
                                        f"{value!r} is not valid; use a whole number "
                                        f"from {low} to {high}"))
        if item.sides not in (None, *SIDES):
            problems.append(Problem(file, f"items[{i}].sides",
                                    f"{item.sides!r} is not valid; use one of: {', '.join(SIDES)}"))
        if item.stretch not in catalogue:
            try:
                catalogue[item.stretch]
            except BackstretchError as exc:
                problems.append(Problem(file, f"items[{i}].stretch", exc.problems[0].message))
        elif item.sides not in (None, "both") and not catalogue[item.stretch].per_side:
            problems.append(Problem(file, f"items[{i}].sides",
                                    f"{item.stretch!r} is done on both sides at once; "
                                    "remove 'sides'"))
    return problems


def resolve_routine_path(name: str | os.PathLike[str]) -> Path:
    """A routine file path, or the path of the ready routine with that name."""
    path = Path(name)
    if path.exists() or path.suffix in (".yaml", ".yml") or os.sep in str(name):
        return path
    ready = ready_routines()
    if str(name) in ready:
        return ready[str(name)]
    return path


def load_routine(path: str | os.PathLike[str], catalogue: Catalogue | None = None) -> Routine:
    """Load a routine file (or a ready routine by name, like ``source-article``)."""
    file = resolve_routine_path(path)
    return Routine.from_dict(read_yaml(file), catalogue, str(file))
