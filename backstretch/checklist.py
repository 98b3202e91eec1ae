"""A routine's checklist: one box per stretch and side, kept on disk across restarts."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from .errors import BackstretchError
from .routine import Routine
from .signals import Signal
from .userdata import data_home
from .yamlio import atomic_write_text, read_text

Box = tuple[int, "str | None"]


@dataclass
class Checklist:
    """Which boxes are ticked; every change is saved at once, atomically.

    ``changed`` sends ``(box, done)`` for every box that changes, after it is saved.
    """

    routine: Routine
    path: Path = field(default=None)  # type: ignore[assignment]
    ticked: set[Box] = field(default_factory=set)
    changed: Signal[tuple[Box, bool]] = field(default_factory=Signal, repr=False, compare=False)

    def __post_init__(self) -> None:
        if self.path is None:
            self.path = data_home() / "checklists" / f"{self.routine.key()}.json"
        self.path = Path(self.path)
        self.boxes = self.routine.checklist_boxes()
        self._load()

    def _load(self) -> None:
        try:
            data = json.loads(read_text(self.path))
            stored = {(int(i), s) for i, s in data["ticked"]}
        except BackstretchError:
            return  # no file yet, or unreadable: start empty, rewrite on the next change
        except (ValueError, KeyError, TypeError):
            return
        self.ticked = stored & set(self.boxes)

    def _save(self) -> None:
        data = {"routine": self.routine.name,
                "ticked": [list(b) for b in self.boxes if b in self.ticked]}
        atomic_write_text(self.path, json.dumps(data, ensure_ascii=False, indent=1))

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
