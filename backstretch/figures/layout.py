"""The geometry of a pose figure: where each joint and prop is, with no drawing.

:func:`layout` places a :class:`~backstretch.figures.poses.Pose` on the floor, at its
wall, chair or step, for one side (left mirrors right); ``scene`` turns that into
shapes. Units are centimetres of a 175 cm body, y pointing up.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field, replace

from .body import HEAD_R, LENGTHS, Body, Part, Point, body, bottom, rests_on
from .poses import Frame, Pose
from .way import ways

__all__ = ["HEAD_R", "LENGTHS", "Body", "Box", "Layout", "Part", "Point", "body", "layout",
           "mirrored"]
MARGIN = 7.0
ASPECT = 4 / 3
"""Width over height of every figure, so figures line up in a grid or a row."""


@dataclass(frozen=True)
class Box:
    """An axis-aligned box: a prop, or a part of one."""

    name: str
    x0: float
    y0: float
    x1: float
    y1: float
    solid: bool = True
    """The body must not pass through it (False for what stands behind the body)."""

    def moved(self, dx: float, dy: float) -> Box:
        return replace(self, x0=self.x0 + dx, x1=self.x1 + dx, y0=self.y0 + dy, y1=self.y1 + dy)

    def mirrored(self, width: float) -> Box:
        return replace(self, x0=width - self.x1, x1=width - self.x0)


@dataclass(frozen=True)
class Layout:
    """A pose placed in its frame for one side: bodies (one per frame) and props."""

    pose: Pose
    side: str | None
    width: float
    height: float
    bodies: tuple[Body, ...]
    boxes: tuple[Box, ...]
    floor: float | None
    """Height of the floor, or None seen from above."""
    surfaces: dict[str, tuple[str, float]] = field(default_factory=dict)
    """Where each surface is: ('x' or 'y', coordinate) of the face a point rests on."""
    strap: bool = False
    way: tuple[Body, ...] = ()
    """Every frame drawn on the way in, from the start to the hold (``bodies[0]``)."""
    way_frames: tuple[Frame, ...] = ()
    """The frame of each body of ``way`` (what it rests on, its angles)."""
    cycle: tuple[Body, ...] = ()
    """A moving stretch: every frame drawn from one end of its cycle to the other."""
    cycle_frames: tuple[Frame, ...] = ()

    @property
    def keys(self) -> tuple[Body, ...]:
        """The bodies of the way in's key frames: the start, those between, the hold."""
        keys = set(map(id, (self.pose.start, *self.pose.between)))
        return (*(b for f, b in zip(self.way_frames, self.way) if id(f) in keys), self.bodies[0])

    @property
    def drawn(self) -> tuple[tuple[Frame, Body], ...]:
        """Every frame the figure is ever drawn in, with its body."""
        return (*zip(self.way_frames, self.way), *zip(self.cycle_frames, self.cycle))

    def start(self) -> Body:
        """The body where a person starts from (the hold, for a pose without a start)."""
        return self.way[0] if self.way else self.bodies[0]


def _place(pose: Pose) -> list[Body]:
    """Each frame's body on the floor; later frames keep their anchor where the first had it."""
    bodies: list[Body] = []
    for frame in pose.frames:
        b = body(frame, pose.view)
        floor = rests_on(frame, "floor")
        dy = -min(bottom(b, p) for p in floor) if floor else 0.0
        b = b.moved(0.0, dy)
        if bodies:
            was, now = bodies[0].points[frame.anchor], b.points[frame.anchor]
            b = b.moved(was[0] - now[0], 0.0 if floor else was[1] - now[1])
        bodies.append(b)
    return bodies


def _props(pose: Pose, b: Body) -> tuple[list[Box], dict[str, tuple[str, float]]]:
    """Boxes of the wall, chair and step, placed where the first frame rests on them."""
    frame = pose.frames[0]
    boxes: list[Box] = []
    surfaces: dict[str, tuple[str, float]] = {}
    hip = b.points["hip"]
    top = max(y for p in b.parts for _, y in p.points) + 30
    for point in rests_on(frame, "wall")[:1]:
        x, _ = b.points[point]
        side = 1.0 if x >= hip[0] else -1.0
        wall = x + side * b.radii[point]
        surfaces["wall"] = ("x", wall)
        boxes.append(Box("wall", min(wall, wall + 6 * side), 0.0, max(wall, wall + 6 * side), top))
    for point in rests_on(frame, "step")[:1]:
        x, y = b.points[point]
        surfaces["step"] = ("y", y - b.radii[point])
        boxes.append(Box("step", x - 18, 0.0, x + 18, y - b.radii[point]))
    for point in rests_on(frame, "chair")[:1]:
        x, y = b.points[point]
        seat_top = y - b.radii[point]
        if point == "hip" and pose.view == "side":
            surfaces["chair"] = ("y", seat_top)
            back = x - 16
            boxes += [Box("chair", back, seat_top - 5, x + 28, seat_top),
                      Box("chair", back - 4, 0.0, back, seat_top + 48),
                      Box("chair", x + 24, 0.0, x + 28, seat_top - 5)]
        elif point == "hip":  # seen from the front: the legs are in front of the seat
            surfaces["chair"] = ("y", seat_top)
            boxes += [Box("chair-back", x - 22, seat_top, x + 22, seat_top + 50, solid=False),
                      Box("chair", x - 25, seat_top - 5, x + 25, seat_top, solid=False),
                      Box("chair", x - 25, 0.0, x - 21, seat_top - 5, solid=False),
                      Box("chair", x + 21, 0.0, x + 25, seat_top - 5, solid=False)]
        else:  # a hand on the top of the chair's back
            surfaces["chair"] = ("y", seat_top)
            away = 1.0 if x >= hip[0] else -1.0
            far = x + away * 42
            boxes += [Box("chair", min(x, x + 4 * away), 0.0, max(x, x + 4 * away), seat_top),
                      Box("chair", min(x, far), 42.0, max(x, far), 47.0),
                      Box("chair", min(far, far - 4 * away), 0.0, max(far, far - 4 * away), 42.0)]
    return boxes, surfaces


def _extent(bodies: list[Body], boxes: list[Box]) -> tuple[float, float, float, float]:
    xs, ys = [], []
    for b in bodies:
        for p in b.parts:
            for x, y in p.points:
                xs += [x - p.width / 2, x + p.width / 2]
                ys += [y - p.width / 2, y + p.width / 2]
        hx, hy = b.points["head"]
        xs += [hx - HEAD_R, hx + HEAD_R]
        ys += [hy - HEAD_R, hy + HEAD_R]
    for box in boxes:
        xs += [box.x0, box.x1]
        ys += [box.y0, box.y1]
    return min(xs), min(ys), max(xs), max(ys)


LABEL_SPACE = 0.13
"""Share of the height kept free at the top for the side's label."""


@functools.lru_cache(maxsize=256)
def layout(pose: Pose, side: str | None = None) -> Layout:
    """``pose`` placed in a frame of fixed aspect, for ``side`` ('left' mirrors 'right');
    laid out once per pose and side."""
    if side == "left":
        return mirrored(layout(pose, "right"))
    bodies = _place(pose)
    boxes, surfaces = _props(pose, bodies[0])
    way, cycle = ways(pose, bodies, surfaces)
    x0, y0, x1, y1 = _extent([*bodies, *(b for _, b in (*way, *cycle))],
                             [b for b in boxes if b.name != "wall"])
    if "wall" in surfaces:  # the wall only as high as the figure needs
        wall = next(b for b in boxes if b.name == "wall")
        x0, x1 = min(x0, wall.x0), max(x1, wall.x1)
        boxes = [replace(b, y1=y1 + 10) if b.name == "wall" else b for b in boxes]
        y1 += 10
    if pose.view != "top":
        y0 = min(y0, -3.0)  # the mat under the body
    w, h = x1 - x0 + 2 * MARGIN, (y1 - y0 + 2 * MARGIN) / (1 - LABEL_SPACE)
    width, height = max(w, h * ASPECT), max(h, w / ASPECT)
    dx = (width - (x1 - x0)) / 2 - x0
    dy = (MARGIN - y0) if pose.view != "top" else \
        (height * (1 - LABEL_SPACE) - (y1 - y0)) / 2 - y0
    placed = tuple(b.moved(dx, dy) for b in bodies)
    boxes = [b.moved(dx, dy) for b in boxes]
    surfaces = {k: (axis, v + (dx if axis == "x" else dy)) for k, (axis, v) in surfaces.items()}
    if pose.view != "top":
        surfaces["floor"] = ("y", dy)
        boxes.insert(0, Box("mat", MARGIN / 2, dy - 3, width - MARGIN / 2, dy,
                            solid=False) if "mat" in pose.props else
                     Box("floor", 0, dy - 1, width, dy, solid=False))
    elif "mat" in pose.props:
        boxes.insert(0, Box("mat-below", MARGIN / 2, MARGIN / 2, width - MARGIN / 2,
                            height * (1 - LABEL_SPACE), solid=False))
    out = Layout(pose, side, width, height, placed, tuple(boxes),
                 dy if pose.view != "top" else None, surfaces, "strap" in pose.props,
                 tuple(b.moved(dx, dy) for _, b in way), tuple(f for f, _ in way),
                 tuple(b.moved(dx, dy) for _, b in cycle), tuple(f for f, _ in cycle))
    return out


def mirrored(lay: Layout) -> Layout:
    """The same layout seen in a mirror: the other side working."""
    w = lay.width
    return replace(lay, side="left" if lay.side == "right" else lay.side,
                   bodies=tuple(b.mirrored(w) for b in lay.bodies),
                   way=tuple(b.mirrored(w) for b in lay.way),
                   cycle=tuple(b.mirrored(w) for b in lay.cycle),
                   boxes=tuple(b.mirrored(w) for b in lay.boxes),
                   surfaces={k: (a, w - v if a == "x" else v)
                             for k, (a, v) in lay.surfaces.items()})
