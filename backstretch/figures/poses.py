"""Poses: how each stretch looks, as data (``poses.yaml`` beside the catalogue).

A pose is the angle of each body part in one frame (two frames, the ends of its
cycle, for a moving stretch), the frame a person starts from and any frames on the
way in, the props it needs and the points that rest on a surface or on another
body part. ``backstretch.figures.layout`` turns it into geometry; nothing
here draws. See ``docs/catalogue-format.md`` for the format.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..base import checks
from ..base.fields import Fields, Missing
from ..base.language import spoken
from ..base.resources import in_language, is_shipped
from ..base.yamlio import read_yaml
from ..catalogue.props import DRAWN as PROPS
from ..catalogue.props import SURFACES
from ..catalogue.stretches import Catalogue

POSES_FILE = "poses.yaml"
"""The poses of a catalogue live in this file, in the catalogue file's folder."""
POSES_VERSION = 1
VIEWS = {
    "side": "from the side; the working side nearest you, facing right",
    "front": "from the front; the working side on the picture's left (the figure's right)",
    "top": "from above, lying on the back, head at the top",
}
SIDES = ("work", "other")
POINTS = ("head", "shoulder", "hip",
          *(f"{s}_{p}" for s in SIDES for p in ("elbow", "hand", "knee", "heel", "toe")))
"""Body points that can touch something: ``work_*`` is the side being stretched."""
LEG = ("thigh", "shin", "foot")
ARM = ("upper arm", "forearm")
MAX_BETWEEN = 4
"""Most frames a pose may list between its start and its hold."""
MAX_BEND = 90
"""Most a spine may curve either way, in degrees."""
PARTS = ("torso", "yoke", *(f"{s}_{p}" for s in SIDES
                             for p in ("thigh", "shin", "foot", "upper_arm", "forearm")))
"""Body parts that can point toward you (``yoke`` is the line of the shoulders)."""


@dataclass(frozen=True)
class Frame:
    """The body in one moment: the direction of each part in degrees.

    Angles are directions on the picture, as in school geometry: 0 points right,
    90 up, 180 left, -90 down.
    """

    torso: float
    """From the hips to the shoulders."""
    head: float
    """From the shoulders to the middle of the head; defaults to the torso's angle."""
    work_leg: tuple[float, float, float]
    """Thigh, shin and foot of the working side."""
    other_leg: tuple[float, float, float]
    work_arm: tuple[float, float]
    """Upper arm and forearm of the working side."""
    other_arm: tuple[float, float]
    bend: float = 0.0
    """Curve of the spine in degrees: positive rounds the back, negative arches it."""
    touch: tuple[tuple[str, str], ...] = ()
    """(point, what it rests on): a surface of ``SURFACES`` or another point."""
    anchor: str = "hip"
    """The point that stays put between frames."""
    depth: tuple[tuple[str, float], ...] = ()
    """(part, share of its length seen) for a part pointing toward or away from you."""


@dataclass(frozen=True)
class Pose:
    """How a stretch looks: a view, props, the hold (or a moving stretch's two ends), and
    the way into it: the frame a person starts from and any frames between."""

    id: str
    view: str
    props: tuple[str, ...]
    frames: tuple[Frame, ...]
    start: Frame | None = None
    """Where a person starts from (lying with knees bent, standing at the wall...)."""
    between: tuple[Frame, ...] = ()
    """Positions worth seeing on the way from ``start`` to the first of ``frames``."""
    way_in: str = ""
    """One line saying how to move from the start into the hold."""

    @property
    def way(self) -> tuple[Frame, ...]:
        """The key frames of the way in: start, those between, the hold (or cycle's start)."""
        return ((self.start, *self.between) if self.start else ()) + self.frames[:1]


def _angles(f: Fields, key: str, names: tuple[str, ...]) -> tuple[float, ...]:
    value = f.raw(key, True)
    if not isinstance(value, list) or len(value) != len(names) or not all(
            isinstance(v, (int, float)) and not isinstance(v, bool) and -360 <= v <= 360
            for v in value):
        f.fail(key, str(checks.not_valid(
            value, f"a list of {len(names)} angles in degrees from -360 to 360 "
            f"({', '.join(names)}), like [{', '.join(['0'] * len(names))}]")))
        raise Missing
    return tuple(float(v) for v in value)


def _angle(f: Fields, key: str, required: bool, low: float = -360,
           high: float = 360) -> float | None:
    value = f.raw(key, required)
    if value is None:
        return None
    return f.check(key, checks.number, value, low, high, "an angle in degrees")


def _touch(f: Fields, props: tuple[str, ...], view: str) -> tuple[tuple[str, str], ...]:
    value = f.raw("touch", False)
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.fail("touch", "must map body points to what they rest on, like {hip: floor}")
        raise Missing
    out, before = [], len(f.problems)
    for point, target in value.items():
        if point not in POINTS:
            f.fail(f"touch.{point}", f"unknown body point; use one of: {', '.join(POINTS)}")
        elif target in POINTS:
            if target == point:
                f.fail(f"touch.{point}", "a point cannot rest on itself")
            out.append((point, target))
        elif target not in SURFACES:
            f.fail(f"touch.{point}", str(checks.not_valid(
                target, f"a surface ({', '.join(SURFACES)}) or a body point "
                f"({', '.join(POINTS)})")))
        elif target == "floor" and view == "top":
            f.fail(f"touch.{point}", "a figure seen from above lies on the floor; "
                   "name only body points here")
        elif target != "floor" and target not in props:
            f.fail(f"touch.{point}", f"rests on a {target}; add {target} to the pose's props")
        else:
            out.append((point, target))
    if len(f.problems) > before:
        raise Missing
    if view != "top" and "floor" not in (t for _, t in out):
        f.fail("touch", "name at least one point that rests on the floor, like {hip: floor}")
        raise Missing
    return tuple(out)


def _depth(f: Fields) -> tuple[tuple[str, float], ...]:
    value = f.raw("depth", False)
    if value is None:
        return ()
    if not isinstance(value, dict):
        f.fail("depth", "must map body parts to the share of their length seen, like "
               "{work_thigh: 0.4}")
        raise Missing
    before = len(f.problems)
    for part, share in value.items():
        if part not in PARTS:
            f.fail(f"depth.{part}", f"unknown body part; use one of: {', '.join(PARTS)}")
        else:
            try:
                checks.number(share, 0.1, 1, "a share")
            except checks.Invalid as exc:
                f.fail(f"depth.{part}", str(exc))
    if len(f.problems) > before:
        raise Missing
    return tuple((str(k), float(v)) for k, v in value.items())


def _frame(f: Fields, props: tuple[str, ...], view: str) -> Frame | None:
    before = len(f.problems)
    f.unknown(("torso", "head", "work_leg", "other_leg", "work_arm", "other_arm", "bend",
               "touch", "anchor", "depth"))
    values: dict[str, Any] = {}
    readers = {
        "torso": lambda: _angle(f, "torso", True),
        "head": lambda: _angle(f, "head", False),
        "work_leg": lambda: _angles(f, "work_leg", LEG),
        "other_leg": lambda: _angles(f, "other_leg", LEG),
        "work_arm": lambda: _angles(f, "work_arm", ARM),
        "other_arm": lambda: _angles(f, "other_arm", ARM),
        "bend": lambda: _angle(f, "bend", False, -MAX_BEND, MAX_BEND),
        "touch": lambda: _touch(f, props, view),
        "anchor": lambda: f.choice("anchor", POINTS, required=False),
        "depth": lambda: _depth(f),
    }
    for key, read in readers.items():
        try:
            value = read()
        except Missing:
            continue
        if value is not None:
            values[key] = value
    if len(f.problems) > before:
        return None
    values.setdefault("head", values["torso"])
    return Frame(**values)


def _pose(stretch_id: str, f: Fields) -> Pose | None:
    """One pose from its YAML mapping in ``f``, recording problems there; None when invalid."""
    before = len(f.problems)
    f.unknown(("view", "props", "frames", "start", "between", "way_in"))
    try:
        view = f.choice("view", VIEWS)
        props = f.choices("props", PROPS, required=False)
        raw = f.raw("frames", True)
        way_in = f.text("way_in", required=False) or ""
        between = f.raw("between", False) or []
    except Missing:
        return None
    if not isinstance(raw, list) or not 1 <= len(raw) <= 2:
        f.fail("frames", "list one frame, or two (the ends of its cycle) for a moving stretch")
        return None
    if not isinstance(between, list) or len(between) > MAX_BETWEEN:
        f.fail("between", f"list up to {MAX_BETWEEN} frames on the way from start to the hold")
        return None
    frames = [_frame(f.child(f"frames[{i}]", item), props, view) for i, item in enumerate(raw)]
    ways = [_frame(f.child(f"between[{i}]", item), props, view)
            for i, item in enumerate(between)]
    start = f.raw("start", False)
    first = _frame(f.child("start", start), props, view) if start is not None else None
    if between and start is None:
        f.fail("start", "is missing; frames between need the frame they start from")
    if len(f.problems) > before:
        return None
    return Pose(stretch_id, view, props, tuple(fr for fr in frames if fr is not None),
                first, tuple(fr for fr in ways if fr is not None), way_in)


def poses_from_dict(data: Any, catalogue: Catalogue, file: str = "<poses>") -> dict[str, Pose]:
    """Every pose of a parsed ``poses.yaml``, checked against ``catalogue``.

    Raises BackstretchError naming the file, stretch and field of every fault.
    """
    top = Fields(file, "", data)
    top.raise_if_any()
    top.unknown(("version", "poses"))
    try:
        top.version(POSES_VERSION)
        raw = top.raw("poses", True)
    except Missing:
        raw = {}
    if not isinstance(raw, dict):
        top.fail("poses", "must map stretch ids to poses")
        raw = {}
    out: dict[str, Pose] = {}
    for stretch_id, item in raw.items():
        f = top.child(f"poses.{stretch_id}", item)
        if stretch_id not in catalogue:
            f.fail("", f"no stretch with this id in {catalogue.source}")
            continue
        pose = _pose(stretch_id, f)
        if pose is None:
            continue
        stretch = catalogue[stretch_id]
        want = 1 if stretch.is_static else 2
        if len(pose.frames) != want:
            f.fail("frames", f"a {stretch.kind} stretch has {want} frame{'s' * (want > 1)}"
                   f"{' (start and end)' if want > 1 else ''}, not {len(pose.frames)}")
            continue
        missing = [e for e in stretch.equipment if e in PROPS and e not in pose.props]
        if missing:
            f.fail("props", f"the stretch needs {', '.join(missing)}; show it in the props")
            continue
        out[stretch_id] = pose
    top.raise_if_any()
    return out


def poses_path(catalogue: Catalogue) -> Path | None:
    """Where ``catalogue``'s poses are: ``poses.yaml`` in its file's folder; None for a
    catalogue not read from a file."""
    if catalogue.source.startswith("<"):
        return None
    return Path(catalogue.source).with_name(POSES_FILE)


_READ: dict[tuple[Path, float, str], tuple[Catalogue, Mapping[str, Pose]]] = {}


def poses_for(catalogue: Catalogue) -> Mapping[str, Pose]:
    """The poses of ``catalogue`` by stretch id, read once (per language: the shipped
    poses' ``way_in`` lines are in the current language); {} when it has no poses file."""
    path = poses_path(catalogue)
    try:
        key = (path, path.stat().st_mtime, spoken()) if path else None
    except OSError:
        key = None
    if key is None or path is None:
        return {}
    known = _READ.get(key)
    if known is None or known[0] is not catalogue:
        data = read_yaml(path)
        if is_shipped(path):
            data = in_language(data)
        known = _READ[key] = (catalogue, poses_from_dict(data, catalogue, str(path)))
    return known[1]
