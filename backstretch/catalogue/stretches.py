"""The stretch catalogue: what each stretch is, how it is done, what it works."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base import checks
from ..base.checks import suggest
from ..base.errors import BackstretchError, Problem
from ..base.fields import Fields, Missing
from ..base.language import N_, _, locale_dir, ngettext, spoken
from ..base.resources import data_dir, in_language, is_shipped
from ..base.yamlio import read_yaml
from ..safety.flags import CONDITIONS
from .muscles import MUSCLE_GROUPS, in_sentence
from .props import PROPS

# TRANSLATORS: starting positions, shown as the first fact of a stretch ("Seated; each side")
POSITIONS = {
    "supine": N_("lying on your back"),
    "prone": N_("lying on your front"),
    "kneeling": N_("kneeling or on all fours"),
    "seated": N_("seated"),
    "standing": N_("standing"),
}
"""Starting positions, with how they read in a sentence (in English, marked for the
catalogue: show ``_(POSITIONS[p])``)."""
EQUIPMENT = tuple(PROPS)
KINDS = ("static", "dynamic", "strengthening")
# TRANSLATORS: kinds of stretch, as adjectives on a stretch's card ("static, gentle")
KIND_WORDS: dict[str, str] = {"static": N_("static"), "dynamic": N_("dynamic"),
                              "strengthening": N_("strengthening")}
"""Each kind, as shown (in English, marked for the catalogue: show ``_(KIND_WORDS[k])``)."""
LEVELS = ("gentle", "moderate", "advanced")
# TRANSLATORS: how demanding a stretch is, as adjectives on its card ("static, gentle")
LEVEL_WORDS: dict[str, str] = {"gentle": N_("gentle"), "moderate": N_("moderate"),
                               "advanced": N_("advanced")}
"""Each level, as shown (show ``_(LEVEL_WORDS[level])``)."""
# TRANSLATORS: movements a person may tick to avoid, under the heading "Avoid"
AVOID_WORDS: dict[str, str] = {
    "flexion": N_("rounding the lower back"),
    "deep-flexion": N_("deep flexion (knees hugged to the chest, folding far forward)"),
    "extension": N_("arching the back"),
    "rotation": N_("twisting the spine"),
    "kneeling": N_("weight on the knees"),
    "balance": N_("balancing (one leg, or a limb lifted on all fours)"),
    "load": N_("body weight through a bridge or plank"),
}
"""Each movement flag, in plain words, as a person may choose to avoid it (in English,
marked for the catalogue: show ``_(AVOID_WORDS[flag])``)."""
FLAGS = tuple(AVOID_WORDS)
"""The movement flags a stretch may carry."""
MAX_HOLD = 600
"""Longest hold or repetition accepted, in seconds."""
MAX_REPS = 50
FORMAT_VERSION = 1
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Hold:
    """A hold time in seconds, a single value or a range."""

    low: int
    high: int

    def __str__(self) -> str:
        if self.low == self.high:
            return _("{seconds} s").format(seconds=self.low)
        return _("{low} to {high} s").format(low=self.low, high=self.high)


@dataclass(frozen=True)
class Stretch:
    """One stretch or mobility move of the catalogue."""

    id: str
    """Stable id, lower-case words joined by hyphens."""
    name: str
    summary: str
    steps: tuple[str, ...]
    """Ordered instructions."""
    position: str
    """Starting position, a key of ``POSITIONS``."""
    equipment: tuple[str, ...]
    per_side: bool
    """Done one side, then the other."""
    hold: Hold
    """Static: seconds per hold. Dynamic or strengthening: seconds per repetition."""
    reps: int
    """Static: holds per side. Dynamic or strengthening: repetitions per side."""
    kind: str
    level: str
    primary: tuple[str, ...]
    """Muscle-group ids it mainly works."""
    secondary: tuple[str, ...]
    flags: tuple[str, ...]
    """Movement flags (``FLAGS``) a planner can avoid."""
    cautions: tuple[str, ...]
    source: str | None = None
    avoid_with: tuple[str, ...] = ()
    """Conditions (``backstretch.safety.flags.CONDITIONS``) it should be left out for."""

    @property
    def is_static(self) -> bool:
        return self.kind == "static"

    @property
    def floor_work(self) -> bool:
        """True when it is done down on the floor."""
        if self.position == "seated":
            return "chair" not in self.equipment
        return self.position in ("supine", "prone", "kneeling")

    @classmethod
    def from_dict(cls, data: Any, file: str = "<catalogue>", path: str = "") -> Stretch:
        """Build a stretch from its YAML mapping; raise BackstretchError if invalid."""
        f = Fields(file, path, data)
        stretch = _stretch_fields(f)
        f.raise_if_any()
        assert stretch is not None
        return stretch


def _hold(f: Fields) -> Hold:
    value = f.raw("hold", True)
    if isinstance(value, list) and len(value) == 2:
        low = f.check("hold[0]", checks.whole, value[0], 1, MAX_HOLD, " of seconds")
        high = f.check("hold[1]", checks.whole, value[1], 1, MAX_HOLD, " of seconds")
        if high < low:
            f.fail("hold", _("the range {range} runs backwards; write {fixed}").format(
                range=f"[{low}, {high}]", fixed=f"[{high}, {low}]"))
            raise Missing
        return Hold(low, high)
    if isinstance(value, list):
        f.fail("hold", _("a range has two numbers, like {example}").format(example="[5, 10]"))
        raise Missing
    seconds = f.check("hold", checks.whole, value, 1, MAX_HOLD, " of seconds")
    return Hold(seconds, seconds)


def _stretch_fields(f: Fields) -> Stretch | None:
    """Read every field, recording all problems; None when any is bad."""
    if not f.is_mapping:
        return None
    before = len(f.problems)
    f.unknown(Stretch.__dataclass_fields__)
    values: dict[str, Any] = {}
    readers = {
        "id": lambda: f.text("id", max_len=60),
        "name": lambda: f.text("name", max_len=120),
        "summary": lambda: f.text("summary", max_len=300),
        "steps": lambda: f.text_list("steps"),
        "position": lambda: f.choice("position", POSITIONS),
        "equipment": lambda: f.choices("equipment", EQUIPMENT, required=False),
        "per_side": lambda: f.boolean("per_side"),
        "hold": lambda: _hold(f),
        "reps": lambda: f.integer("reps", 1, MAX_REPS),
        "kind": lambda: f.choice("kind", KINDS),
        "level": lambda: f.choice("level", LEVELS),
        "primary": lambda: f.choices("primary", MUSCLE_GROUPS),
        "secondary": lambda: f.choices("secondary", MUSCLE_GROUPS, required=False),
        "flags": lambda: f.choices("flags", FLAGS, required=False),
        "cautions": lambda: f.text_list("cautions"),
        "source": lambda: f.text("source", required=False, max_len=120),
        "avoid_with": lambda: f.choices("avoid_with", CONDITIONS, required=False),
    }
    for key, read in readers.items():
        try:
            values[key] = read()
        except Missing:
            pass
    if "id" in values and not _ID.match(values["id"]):
        f.fail("id", str(checks.not_valid(values["id"], _(
            "lower-case letters, digits and single hyphens, like {example}").format(
                example="'knee-to-chest'"))))
    both = set(values.get("primary", ())) & set(values.get("secondary", ()))
    if both:
        f.fail("secondary", ngettext("{groups} is already primary", "{groups} are already primary",
                                     len(both)).format(groups=", ".join(sorted(both))))
    if len(f.problems) > before:
        return None
    return Stretch(**values)


class Catalogue(Mapping[str, Stretch]):
    """The stretches, by id, in the file's order."""

    def __init__(self, stretches: list[Stretch] | tuple[Stretch, ...], source: str = "<catalogue>"):
        self._by_id: dict[str, Stretch] = {}
        self.source = source
        """The file it was read from, for messages."""
        problems = []
        for s in stretches:
            if s.id in self._by_id:
                problems.append(Problem(source, f"stretches: {s.id}", _("this id is used twice")))
            self._by_id[s.id] = s
        if problems:
            raise BackstretchError(problems)

    def __getitem__(self, stretch_id: str) -> Stretch:
        try:
            return self._by_id[stretch_id]
        except (KeyError, TypeError):
            raise BackstretchError(Problem(
                self.source, "",
                _("no stretch with id {id}{hint}").format(
                    id=repr(stretch_id), hint=suggest(str(stretch_id), self))
            )) from None

    def __contains__(self, stretch_id: object) -> bool:
        return stretch_id in self._by_id

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def filter(self, position: str | None = None, equipment: str | None = None,
               muscle: str | None = None, kind: str | None = None,
               floor: bool | None = None) -> list[Stretch]:
        """Stretches matching every filter given.

        ``equipment`` keeps stretches needing no more than that item (``"none"``
        keeps those that need nothing); ``muscle`` matches primary or secondary.
        """
        out = []
        for s in self.values():
            if position and s.position != position:
                continue
            if equipment and not set(s.equipment) <= ({equipment} - {"none"}):
                continue
            if muscle and muscle not in s.primary + s.secondary:
                continue
            if kind and s.kind != kind:
                continue
            if floor is not None and s.floor_work != floor:
                continue
            out.append(s)
        return out

    @classmethod
    def from_dict(cls, data: Any, file: str = "<catalogue>") -> Catalogue:
        """Build a catalogue from its parsed YAML; raise BackstretchError listing every fault."""
        top = Fields(file, "", data)
        top.raise_if_any()
        top.unknown(("version", "stretches"))
        stretches: list[Stretch] = []
        try:
            top.version(FORMAT_VERSION)
            raw = top.raw("stretches", True)
            if not isinstance(raw, list) or not raw:
                top.fail("stretches", _("must be a non-empty list of stretches"))
                raw = []
        except Missing:
            raw = top.data.get("stretches") if isinstance(top.data.get("stretches"), list) else []
        seen: dict[str, int] = {}
        for i, item in enumerate(raw):
            label = item.get("id") if isinstance(item, dict) else None
            path = f"stretches[{i}]" + (f" ({label})" if isinstance(label, str) else "")
            s = _stretch_fields(top.child(path, item))
            if s is None:
                continue
            if s.id in seen:
                top.fail(f"{path}.id", _("{id} is already used by {other}").format(
                    id=repr(s.id), other=f"stretches[{seen[s.id]}]"))
                continue
            seen[s.id] = i
            stretches.append(s)
        top.raise_if_any()
        return cls(stretches, source=file)


_SHIPPED: dict[tuple[str, int, str, str], Catalogue] = {}
"""The shipped catalogue, read once per language (its file, its time, the language,
the catalogues' folder)."""


def load_catalogue(path: str | os.PathLike[str] | None = None) -> Catalogue:
    """Load the stretch catalogue: the shipped one, or the YAML file at ``path``.

    The shipped catalogue's names, summaries, steps and cautions are in the current
    language (through the gettext catalogue), read once per language; a catalogue of
    one's own keeps its words."""
    file = Path(path) if path is not None else data_dir() / "stretches.yaml"
    name = str(path if path is not None else file)
    if not is_shipped(file):
        return Catalogue.from_dict(read_yaml(file), name)
    try:
        key = (name, file.stat().st_mtime_ns, spoken(), str(locale_dir()))
    except OSError:
        return Catalogue.from_dict(read_yaml(file), name)
    if key not in _SHIPPED:
        _SHIPPED[key] = Catalogue.from_dict(in_language(read_yaml(file)), name)
    return _SHIPPED[key]


def cautions_of(stretch: Stretch) -> tuple[str, ...]:
    """A stretch's cautions, then one for each condition it should be left out for."""
    return stretch.cautions + tuple(_(CONDITIONS[c].caution) for c in stretch.avoid_with)


def condition_warnings(stretches: Iterable[Stretch], conditions: Iterable[str]) -> list[str]:
    """One sentence per stretch (once each) that a chosen condition rules out, and why."""
    chosen = [CONDITIONS[c] for c in conditions]
    out: dict[str, str] = {}
    for s in stretches:
        hit = [c for c in chosen if c.id in s.avoid_with]
        if hit and s.id not in out:
            reasons = [_("leave it out with {condition} ({why})").format(
                condition=in_sentence(_(c.name)), why=_(c.why)) for c in hit]
            # TRANSLATORS: a stretch's name, then why to leave it out, joined by semicolons
            out[s.id] = _("{stretch}: {reasons}.").format(stretch=s.name,
                                                          reasons="; ".join(reasons))
    return list(out.values())
