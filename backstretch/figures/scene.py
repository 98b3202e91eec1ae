"""A pose figure as plain shapes (strokes, discs, boxes, text), coloured by the muscle
groups it works: :func:`scene` turns a :class:`~backstretch.figures.layout.Layout` into
a :class:`Scene` that ``drawing`` writes as SVG or PNG.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from ..base.language import _
from ..base.palette import PRIMARY_COLOUR as PRIMARY
from ..base.palette import SECONDARY_COLOUR as SECONDARY
from ..base.palette import SHORT_COLOUR
from ..catalogue.muscles import MUSCLE_GROUPS
from ..catalogue.props import PROPS
from .layout import HEAD_R, MARGIN, Body, Box, Layout, Part, Point

BODY, BODY_FAR, OUTLINE, OUTLINE_FAR = "#d8c7b2", "#f0e9e1", "#4d3f33", "#a3958a"
SIDE_COLOUR = SHORT_COLOUR
PROP_COLOURS = {"floor": "#555555", "mat-below": "#e3ece4",
                **{p.id: p.colour for p in PROPS.values() if p.colour is not None}}



# -- the scene: shapes to draw ---------------------------------------------------------
@dataclass(frozen=True)
class Stroke:
    points: tuple[Point, ...]
    width: float
    colour: str


@dataclass(frozen=True)
class Disc:
    centre: Point
    r: float
    fill: str
    edge: str
    edge_width: float


@dataclass(frozen=True)
class Rect:
    box: Box
    fill: str


@dataclass(frozen=True)
class Text:
    at: Point
    text: str
    size: float
    colour: str
    anchor: str
    """``start`` (left-aligned) or ``end``."""


Shape = Stroke | Disc | Rect | Text


@dataclass(frozen=True)
class Scene:
    """Shapes in drawing order: ``props`` first, then one group per frame, then ``labels``."""

    width: float
    height: float
    props: tuple[Shape, ...]
    frames: tuple[tuple[Shape, ...], ...]
    labels: tuple[Shape, ...]


def _slice(points: tuple[Point, ...], t0: float, t1: float) -> list[Point]:
    """The stretch of a polyline from fraction t0 to t1 of its length."""
    cum = [0.0]
    for a, b in zip(points, points[1:]):
        cum.append(cum[-1] + math.dist(a, b))
    total = cum[-1] or 1.0

    def at(t: float) -> Point:
        d = t * total
        for i in range(len(points) - 1):
            if d <= cum[i + 1] or i == len(points) - 2:
                k = (d - cum[i]) / ((cum[i + 1] - cum[i]) or 1.0)
                (ax, ay), (bx, by) = points[i], points[i + 1]
                return ax + k * (bx - ax), ay + k * (by - ay)
        return points[-1]

    inner = [p for p, c in zip(points, cum) if t0 * total < c < t1 * total]
    return [at(t0), *inner, at(t1)]


def _offset(points: list[Point], d: float) -> tuple[Point, ...]:
    """A polyline moved sideways by ``d`` (to its left, looking along it)."""
    out = []
    for i, p in enumerate(points):
        a, b = points[max(i - 1, 0)], points[min(i + 1, len(points) - 1)]
        dx, dy = b[0] - a[0], b[1] - a[1]
        n = math.hypot(dx, dy) or 1.0
        out.append((p[0] - d * dy / n, p[1] + d * dx / n))
    return tuple(out)


def _band(part: Part, t0: float, t1: float, face: str, view: str, mirror: bool,
          colour: str) -> Stroke:
    """A stripe of colour along one face of a part: the muscle on that side."""
    if view == "side":
        face = {"outer": "mid", "outer_front": "front", "outer_back": "back"}.get(face, face)
    else:
        face = {"outer_front": "outer", "outer_back": "outer", "front": "mid",
                "back": "mid"}.get(face, face)
    width = part.width * (0.62 if face == "mid" else 0.5)
    shift = (part.width - width) / 2
    # left of the line looking along it: the back of the torso, the front of a limb
    # (figures face right); the outer side of the torso from the front is the working side
    sign = {"mid": 0.0, "back": 1.0, "front": -1.0, "outer": 1.0}[face]
    if part.limb and face in ("front", "back"):
        sign = -sign
    if mirror:
        sign = -sign
    return Stroke(_offset(_slice(part.points, t0, t1), sign * shift), width, colour)


def _body_shapes(lay: Layout, b: Body, primary: tuple[str, ...], secondary: tuple[str, ...],
                 per_side: bool) -> tuple[Shape, ...]:
    mirror = lay.side == "left"
    side_view = lay.pose.view == "side"
    shapes: list[Shape] = []

    def draw(part: Part, far: bool) -> None:
        shapes.append(Stroke(part.points, part.width + (1.6 if far else 2.2),
                             OUTLINE_FAR if far else OUTLINE))
        shapes.append(Stroke(part.points, part.width, BODY_FAR if far else BODY))
        for groups, colour in ((secondary, SECONDARY), (primary, PRIMARY)):
            for g in groups:
                for kind, t0, t1, face in MUSCLE_GROUPS[g].bands:
                    if part.kind != kind:
                        continue
                    if part.limb and per_side and not part.name.startswith("work_"):
                        continue
                    shapes.append(_band(part, t0, t1, face, lay.pose.view, mirror, colour))

    parts = {p.name: p for p in b.parts}
    limbs = ("thigh", "shin", "foot", "upper_arm", "forearm")
    if side_view:
        for name in limbs:
            draw(parts[f"other_{name}"], far=True)
        draw(parts["neck"], False)
        draw(parts["torso"], False)
    else:
        for name in ("thigh", "shin", "foot"):
            for side in ("other", "work"):
                draw(parts[f"{side}_{name}"], False)
        for name in ("neck", "torso", "yoke"):
            draw(parts[name], False)
    hx, hy = b.points["head"]
    shapes.append(Disc((hx, hy), HEAD_R, BODY, OUTLINE, 1.5))
    if side_view:  # a nose shows which way the face looks
        neck = math.atan2(hy - b.points["shoulder"][1], hx - b.points["shoulder"][0])
        face = neck + (math.pi / 2 if mirror else -math.pi / 2)
        shapes.append(Disc((hx + HEAD_R * math.cos(face), hy + HEAD_R * math.sin(face)),
                           2.6, OUTLINE, OUTLINE, 0))
        for name in limbs:
            draw(parts[f"work_{name}"], False)
    else:
        for name in ("upper_arm", "forearm"):
            for side in ("other", "work"):
                draw(parts[f"{side}_{name}"], False)
    return tuple(shapes)


def body_shapes(lay: Layout, b: Body, primary: tuple[str, ...], secondary: tuple[str, ...],
                per_side: bool) -> tuple[Shape, ...]:
    """The shapes of one body of ``lay`` (and the strap it holds), in drawing order."""
    shapes = list(_body_shapes(lay, b, primary, secondary, per_side))
    if lay.strap:
        hand, toe = b.points["work_hand"], b.points["work_toe"]
        shapes.append(Stroke((hand, toe), 2.2, PROP_COLOURS["strap"]))
    return tuple(shapes)


def scene(lay: Layout, primary: tuple[str, ...], secondary: tuple[str, ...],
          per_side: bool, bodies: tuple[Body, ...] | None = None) -> Scene:
    """The shapes of a laid-out pose, muscles shaded by ``primary`` and ``secondary``:
    its hold (``bodies``: other bodies of it instead, like its start)."""
    props: list[Shape] = []
    for box in lay.boxes:
        colour = PROP_COLOURS["chair"] if box.name.startswith("chair") else PROP_COLOURS[box.name]
        props.append(Rect(box, colour))
    frames = [body_shapes(lay, b, primary, secondary, per_side)
              for b in (lay.bodies if bodies is None else bodies)]
    labels: list[Shape] = []
    if lay.side in ("left", "right"):
        size = lay.height * 0.085
        y = lay.height - size * 1.15
        at, anchor = ((MARGIN, y), "start") if lay.side == "right" else \
            ((lay.width - MARGIN, y), "end")
        # TRANSLATORS: the label in a corner of a one-side stretch's figure, in capitals
        label = _("LEFT SIDE") if lay.side == "left" else _("RIGHT SIDE")
        labels.append(Text(at, label, size, SIDE_COLOUR, anchor))
    return Scene(lay.width, lay.height, tuple(props), tuple(frames), tuple(labels))
