"""Reading a routine file: every fault found, each named by file and field."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..base import checks
from ..base.errors import BackstretchError, Problem
from ..base.fields import Fields, Missing
from ..base.language import _
from ..base.resources import in_language, is_shipped, ready_routines
from ..base.yamlio import read_yaml
from ..catalogue.stretches import FORMAT_VERSION, Catalogue, load_catalogue
from .model import MAX_ITEMS, MAX_NAME, Routine, RoutineItem, Settings, too_many_items


def routine_from_dict(data: Any, catalogue: Catalogue | None = None,
                  file: str = "<routine>", english_name: str = "") -> Routine:
    """Build a routine from parsed YAML; raise BackstretchError listing every fault.

    The YAML layer reports unknown and missing fields; every value is checked once,
    by the constructors of ``Settings``, ``RoutineItem`` and ``Routine``. ``english_name``
    is a ready routine's name before translation (``Routine.shipped_name``).
    """
    catalogue = catalogue if catalogue is not None else load_catalogue()
    top = Fields(file, "", data)
    top.raise_if_any()
    top.unknown(("version", "name", "description", "settings", "items"))
    values: dict[str, Any] = {}
    for key, read in {
        "version": lambda: top.version(FORMAT_VERSION),
        "name": lambda: top.raw("name", True),
        "description": lambda: top.raw("description", False) or "",
        "settings": lambda: _settings(top),
        "items": lambda: _items(top),
    }.items():
        try:
            values[key] = read()
        except Missing:
            pass
    values.pop("version", None)
    if not top.problems:
        try:
            routine = Routine(catalogue=catalogue, **values)
            if english_name and english_name != routine.name:
                object.__setattr__(routine, "shipped_name", (routine.name, english_name))
            return routine
        except BackstretchError as exc:
            top.problems.extend(exc.inside(file).problems)
    elif "name" in values:  # report a bad name too, beside the other problems
        try:
            top.check("name", checks.text, values["name"], MAX_NAME)
        except Missing:
            pass
    raise BackstretchError(top.problems)


def _built(top: Fields, path: str, build: Any, **values: Any) -> Any:
    """``build(**values)``, its problems recorded under ``path``; raises Missing if any."""
    try:
        return build(**values)
    except BackstretchError as exc:
        top.problems.extend(exc.inside(top.file, path).problems)
        raise Missing from None


def _settings(top: Fields) -> Settings:
    raw = top.raw("settings", False)
    if raw is None:
        return Settings()
    f = top.child("settings", raw)
    if not f.is_mapping:
        raise Missing
    f.unknown(Settings.__dataclass_fields__)
    values = {k: v for k, v in f.data.items() if k in Settings.__dataclass_fields__
              and v is not None}
    return _built(top, "settings", Settings, **values)


def _items(top: Fields) -> tuple[RoutineItem, ...]:
    raw = top.raw("items", True)
    if not isinstance(raw, list) or not raw:
        top.fail("items", _("must be a non-empty list of stretches, like {example}").format(
            example="'- stretch: knee-to-chest'"))
        raise Missing
    if len(raw) > MAX_ITEMS:
        top.fail("items", too_many_items(len(raw)))
        raise Missing
    items = []
    for i, entry in enumerate(raw):
        f = top.child(f"items[{i}]", {"stretch": entry} if isinstance(entry, str) else entry)
        if not f.is_mapping:
            continue
        f.unknown(RoutineItem.__dataclass_fields__)
        try:
            f.raw("stretch", True)
            values = {k: v for k, v in f.data.items() if k in RoutineItem.__dataclass_fields__
                      and v is not None}
            items.append(_built(top, f"items[{i}]", RoutineItem, **values))
        except Missing:
            continue
    if len(items) < len(raw):
        raise Missing
    return tuple(items)


def resolve_routine_path(name: str | os.PathLike[str]) -> Path:
    """A routine file path, or the path of the ready routine with that name.

    A bare name (no folder, no ``.yaml``) that is neither raises BackstretchError
    suggesting the nearest ready routine.
    """
    path = Path(name)
    if os.path.lexists(path) or path.suffix in (".yaml", ".yml") or os.sep in str(name):
        return path
    ready = ready_routines()
    if str(name) in ready:
        return ready[str(name)]
    raise BackstretchError(Problem(str(name), "", _("no such file or ready routine{hint}").format(
        hint=checks.suggest(str(name), ready))))


def load_routine(path: str | os.PathLike[str], catalogue: Catalogue | None = None) -> Routine:
    """Load a routine file (or a ready routine by name, like ``source-article``).

    A ready routine's name, description and notes are in the current language; a file
    a person wrote keeps the words they typed."""
    file = resolve_routine_path(path)
    data = read_yaml(file)
    if not is_shipped(file):
        return routine_from_dict(data, catalogue, str(file))
    english = data.get("name") if isinstance(data, dict) else None
    return routine_from_dict(in_language(data), catalogue, str(file),
                             english if isinstance(english, str) else "")
