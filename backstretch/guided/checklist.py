"""A routine's checklist: one box per stretch and side, kept on disk across restarts."""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..base.errors import BackstretchError, os_reason
from ..base.filenames import shown_path
from ..base.language import _
from ..base.signals import Signal
from ..base.userdata import data_home
from ..base.yamlio import atomic_write_text, parse_json, read_bytes
from ..routines.model import SIDES, Routine

Box = tuple[int, "str | None"]


@dataclass
class Checklist:
    """Which boxes are ticked; every change is saved at once, atomically.

    ``changed`` sends ``(box, done)`` for every box that changes, once it is saved (or
    its save has failed and ``problem`` says so).

    Saving never raises: a guided session must not stop because a side file cannot be
    written. ``problem`` says, in one line, what went wrong last (empty when all is
    well): a damaged file set aside, a file that cannot be read, a save that failed.
    """

    routine: Routine
    path: Path = field(default=None)  # type: ignore[assignment]
    ticked: set[Box] = field(default_factory=set)
    changed: Signal[tuple[Box, bool]] = field(default_factory=Signal, repr=False, compare=False)
    problem: str = ""

    def __post_init__(self) -> None:
        if self.path is None:
            self.path = data_home() / "checklists" / f"{self.routine.key()}.json"
        self.path = Path(self.path)
        self.boxes = self.routine.checklist_boxes()
        self._load()

    def _load(self) -> None:
        if not os.path.lexists(self.path):
            return  # nothing saved yet
        try:
            raw = read_bytes(self.path)
        except BackstretchError as exc:
            self.problem = _("Checklist not read: {reason}").format(reason=exc.shown())
            return
        try:
            stored = _ticked(parse_json(raw, str(self.path)))
        except (ValueError, KeyError, TypeError):  # BackstretchError is a ValueError
            self.problem = _("The saved checklist was damaged; starting empty. {where}").format(
                where=self._set_aside())
            return
        self.ticked = stored & set(self.boxes)

    def _set_aside(self) -> str:
        """Move a damaged file out of the way, keeping it; say where it went."""
        for n in range(1, 100):
            aside = self.path.with_name(f"{self.path.name}.damaged-{n}")
            if not os.path.lexists(aside):
                try:
                    os.rename(self.path, aside)
                except OSError as exc:
                    return _("It could not be set aside ({reason}).").format(
                        reason=os_reason(exc))
                return _("It is kept as {path}.").format(path=shown_path(aside))
        return _("It is left where it is.")

    def _save(self) -> None:
        data = {"routine": self.routine.name,
                "ticked": [list(b) for b in self.boxes if b in self.ticked]}
        try:
            atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        except BackstretchError as exc:
            why = exc.problems[0].message.removeprefix("cannot be written: ")
            self.problem = _("Checklist not saved: {reason} ({path}); the timer keeps "
                             "going.").format(reason=why, path=shown_path(self.path))
            return
        self.problem = ""

    def label(self, box: Box) -> str:
        return self.routine.box_label(box)

    def set(self, box: Box, done: bool = True) -> None:
        if box not in self.boxes:
            raise KeyError(box)
        if (box in self.ticked) != done:
            (self.ticked.add if done else self.ticked.discard)(box)
            self._save()
            self.changed.send((box, done))

    def clear(self) -> None:
        if self.ticked:
            was = [b for b in self.boxes if b in self.ticked]
            self.ticked.clear()
            self._save()
            for box in was:
                self.changed.send((box, False))

    @property
    def done(self) -> int:
        return len(self.ticked)


def _ticked(data: Any) -> set[Box]:
    """The boxes a checklist file's data lists; ValueError (or kin) when it is not one."""
    boxes = set()
    for item, side in data["ticked"]:
        if isinstance(item, bool) or not isinstance(item, int) or side not in (None, *SIDES):
            raise ValueError(f"{item!r}, {side!r} is not a box")
        boxes.add((item, side))
    return boxes
