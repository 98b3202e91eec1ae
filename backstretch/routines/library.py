"""The user's own routines on disk: listed by name, copies of ready ones, the last one picked."""

from __future__ import annotations

import dataclasses
import json
import os
from dataclasses import dataclass
from pathlib import Path

from ..base.errors import BackstretchError
from ..base.language import _
from ..base.resources import ready_routines
from ..base.userdata import data_home
from ..base.yamlio import atomic_write_text, read_json
from ..catalogue.stretches import Catalogue
from .model import Routine
from .reading import load_routine

ROUTINE_SUFFIXES = (".yaml", ".yml")
ROUTINE_FOLDER = "my-routines"
"""The folder a person's saved routines go in (where: ``base.userdata.own_folder``)."""


@dataclass(frozen=True)
class SavedRoutine:
    """A routine file in a folder; ``name`` is None when it does not load (``problem`` says why)."""

    path: Path
    name: str | None
    problem: str = ""

    @property
    def label(self) -> str:
        """'Evening calm (evening-calm.yaml)', or the file and why it does not load."""
        if self.name is None:
            return _("{file} (does not load)").format(file=self.path.name)
        # TRANSLATORS: a routine's name, then its file's name
        return _("{name} ({file})").format(name=self.name, file=self.path.name)


def saved_routines(folder: str | os.PathLike[str],
                   catalogue: Catalogue | None = None) -> list[SavedRoutine]:
    """Every routine file in ``folder``, by routine name (files that do not load last)."""
    folder = Path(folder)
    files = sorted(p for p in folder.glob("*.y*ml") if p.suffix in ROUTINE_SUFFIXES) \
        if folder.is_dir() else []
    out = []
    for path in files:
        try:
            out.append(SavedRoutine(path, load_routine(path, catalogue).name))
        except BackstretchError as exc:
            out.append(SavedRoutine(path, None, "; ".join(str(p) for p in exc.problems)))
    return sorted(out, key=lambda s: (s.name is None, (s.name or "").casefold(), s.path.name))


def ready_by_name(catalogue: Catalogue | None = None) -> list[tuple[str, str]]:
    """(name, key) of each ready routine: people see its name, code passes its key."""
    return [(load_routine(path, catalogue).name, key) for key, path in ready_routines().items()]


def copy_of_ready(name: str, catalogue: Catalogue | None = None) -> Routine:
    """The ready routine ``name``, with a description saying the routine was made from it
    (its own description would go stale as soon as it is edited). It is the person's own
    from now on: its key is its name's as shown, as it will be once saved."""
    ready = load_routine(name, catalogue)
    made_from = _("Made from the ready routine “{name}”.").format(name=ready.name)
    return dataclasses.replace(ready, description=made_from, shipped_name=())


def _picks_file() -> Path:
    return data_home() / "last-picked.json"


def _picks() -> dict[str, str]:
    try:
        data = read_json(_picks_file())
    except BackstretchError:
        return {}
    return {k: v for k, v in data.items() if isinstance(v, str)} if isinstance(data, dict) else {}


def last_picked(key: str) -> str | None:
    """The routine (a ready name or a file) last picked under ``key``, if any."""
    return _picks().get(key)


def remember_pick(key: str, routine: str) -> None:
    """Keep ``routine`` as the last one picked under ``key``, across kernel restarts."""
    picks = _picks()
    if picks.get(key) != routine:
        picks[key] = routine
        atomic_write_text(_picks_file(), json.dumps(picks, ensure_ascii=False, indent=1))
