"""The geometry of a pose figure: where each joint and prop is, with no drawing.

:func:`layout` places a :class:`~backstretch.figures.poses.Pose` on the floor, at its
wall, chair or step, for one side (left mirrors right); ``scene`` turns that into
shapes. Units are centimetres of a 175 cm body, y pointing up.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace

from .motion import steps_between, tween
from .poses import Frame, Pose

Point = tuple[float, float]

LENGTHS = {"torso": 52.0, "neck": 17.0, "thigh": 44.0, "shin": 43.0, "foot": 19.0,
           "upper_arm": 30.0, "forearm": 32.0}
"""Length of each body part (joint to joint), in centimetres."""
HEAD_R = 11.5
HIP_HALF, SHOULDER_HALF = 9.0, 17.0
"""Half the width of the hips and the shoulders, seen from the front or above."""
FOOT_FROM_FRONT = 0.45
"""A foot seen from the front or above looks this much shorter."""
WIDTHS = {"torso": 18.0, "neck": 8.0, "thigh": 12.5, "shin": 9.5, "foot": 5.5,
          "upper_arm": 8.0, "forearm": 6.5, "yoke": 9.0}
"""Thickness of each part; the torso is wider (26) seen from the front."""
FRONT_TORSO = 26.0
MARGIN = 7.0
ASPECT = 4 / 3
"""Width over height of every figure, so figures line up in a grid or a row."""

def _dir(angle: float) -> Point:
    r = math.radians(angle)
    return math.cos(r), math.sin(r)


def _add(p: Point, q: Point, k: float = 1.0) -> Point:
    return p[0] + k * q[0], p[1] + k * q[1]


@dataclass(frozen=True)
class Part:
    """One body part as a thick line through ``points``."""

    name: str
    """``torso``, ``neck``, ``yoke`` or a limb like ``work_thigh``."""
    points: tuple[Point, ...]
    width: float
    limb: bool
    """Points away from the torso (legs, arms): its front faces the other way round."""

    @property
    def kind(self) -> str:
        return self.name.split("_", 1)[1] if self.name.startswith(("work_", "other_")) \
            else self.name


@dataclass(frozen=True)
class Body:
    """A body in one frame: its parts and named points, placed."""

    parts: tuple[Part, ...]
    points: dict[str, Point]
    radii: dict[str, float]
    """How far each named point's surface is from its centre."""

    def moved(self, dx: float, dy: float) -> Body:
        return Body(tuple(replace(p, points=tuple((x + dx, y + dy) for x, y in p.points))
                          for p in self.parts),
                    {k: (x + dx, y + dy) for k, (x, y) in self.points.items()}, self.radii)

    def mirrored(self, width: float) -> Body:
        return Body(tuple(replace(p, points=tuple((width - x, y) for x, y in p.points))
                          for p in self.parts),
                    {k: (width - x, y) for k, (x, y) in self.points.items()}, self.radii)


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


def body(frame: Frame, view: str) -> Body:
    """The body of one frame with the hips at (0, 0), before placing."""
    front = view != "side"
    seen = dict(frame.depth)
    hip = (0.0, 0.0)
    torso_len = LENGTHS["torso"] * seen.get("torso", 1.0)
    shoulder = _add(hip, _dir(frame.torso), torso_len)
    head = _add(shoulder, _dir(frame.head), LENGTHS["neck"])
    sagitta = torso_len / 2 * math.tan(math.radians(frame.bend) / 4)
    bow = _dir(frame.torso + 90)
    torso = tuple(_add(_add(hip, _dir(frame.torso), torso_len * t), bow,
                       4 * sagitta * t * (1 - t)) for t in (i / 8 for i in range(9)))

    def across(a: Point, b: Point) -> Point:  # square to the spine where it meets a and b
        return _dir(math.degrees(math.atan2(b[1] - a[1], b[0] - a[0])) + 90)

    hips, shoulders = across(torso[0], torso[1]), across(torso[-2], torso[-1])
    points = {"hip": hip, "shoulder": shoulder, "head": head}
    parts = []
    yoke = SHOULDER_HALF * seen.get("yoke", 1.0)

    def seg(side: str, part: str) -> float:
        short = FOOT_FROM_FRONT if front and part == "foot" else 1.0
        return LENGTHS[part] * short * seen.get(f"{side}_{part}", 1.0)

    for side, sign in (("work", 1.0), ("other", -1.0)):
        leg_at = _add(hip, hips, sign * HIP_HALF) if front else hip
        arm_at = _add(shoulder, shoulders, sign * yoke) if front else shoulder
        thigh, shin, foot = getattr(frame, f"{side}_leg")
        upper, fore = getattr(frame, f"{side}_arm")
        knee = _add(leg_at, _dir(thigh), seg(side, "thigh"))
        heel = _add(knee, _dir(shin), seg(side, "shin"))
        toe = _add(heel, _dir(foot), seg(side, "foot"))
        elbow = _add(arm_at, _dir(upper), seg(side, "upper_arm"))
        hand = _add(elbow, _dir(fore), seg(side, "forearm"))
        points.update({f"{side}_knee": knee, f"{side}_heel": heel, f"{side}_toe": toe,
                       f"{side}_elbow": elbow, f"{side}_hand": hand})
        for name, pts in (("thigh", (leg_at, knee)), ("shin", (knee, heel)),
                          ("foot", (heel, toe)), ("upper_arm", (arm_at, elbow)),
                          ("forearm", (elbow, hand))):
            parts.append(Part(f"{side}_{name}", pts, WIDTHS[name], True))
    parts.append(Part("torso", torso, FRONT_TORSO if front else WIDTHS["torso"], False))
    parts.append(Part("neck", (shoulder, head), WIDTHS["neck"], False))
    if front:
        parts.append(Part("yoke", (_add(shoulder, shoulders, yoke),
                                   _add(shoulder, shoulders, -yoke)), WIDTHS["yoke"], False))
    torso_r = (FRONT_TORSO if front else WIDTHS["torso"]) / 2
    radii = {"hip": torso_r, "shoulder": torso_r, "head": HEAD_R}
    for side in ("work", "other"):
        radii.update({f"{side}_knee": WIDTHS["thigh"] / 2, f"{side}_heel": WIDTHS["shin"] / 2,
                      f"{side}_toe": WIDTHS["foot"] / 2, f"{side}_elbow": WIDTHS["upper_arm"] / 2,
                      f"{side}_hand": WIDTHS["forearm"] / 2 + 1})
    return Body(tuple(parts), points, radii)


def _rests_on(frame: Frame, surface: str) -> list[str]:
    return [p for p, s in frame.touch if s == surface]


def _bottom(b: Body, name: str) -> float:
    return b.points[name][1] - b.radii[name]


def _place(pose: Pose) -> list[Body]:
    """Each frame's body on the floor; later frames keep their anchor where the first had it."""
    bodies: list[Body] = []
    for frame in pose.frames:
        b = body(frame, pose.view)
        floor = _rests_on(frame, "floor")
        dy = -min(_bottom(b, p) for p in floor) if floor else 0.0
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
    for point in _rests_on(frame, "wall")[:1]:
        x, _ = b.points[point]
        side = 1.0 if x >= hip[0] else -1.0
        wall = x + side * b.radii[point]
        surfaces["wall"] = ("x", wall)
        boxes.append(Box("wall", min(wall, wall + 6 * side), 0.0, max(wall, wall + 6 * side), top))
    for point in _rests_on(frame, "step")[:1]:
        x, y = b.points[point]
        surfaces["step"] = ("y", y - b.radii[point])
        boxes.append(Box("step", x - 18, 0.0, x + 18, y - b.radii[point]))
    for point in _rests_on(frame, "chair")[:1]:
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


def _settle(frame: Frame, b: Body, at: Point, surfaces: dict[str, tuple[str, float]],
            view: str) -> Body:
    """``b`` (the body of ``frame``) set on what it rests on; what rests on nothing keeps
    its anchor at ``at``."""
    dx, dy = at[0] - b.points[frame.anchor][0], at[1] - b.points[frame.anchor][1]
    on_y = [(p, s) for p, s in frame.touch if s in ("floor", "chair", "step")
            and (s == "floor" or s in surfaces)]
    if on_y:
        dy = max((0.0 if s == "floor" else surfaces[s][1]) - _bottom(b, p) for p, s in on_y)
    on_wall = _rests_on(frame, "wall")
    if on_wall and "wall" in surfaces:
        p = on_wall[0]
        x, r = b.points[p][0], b.radii[p]
        wall = surfaces["wall"][1]
        dx = wall - r - x if wall >= at[0] else wall + r - x
    b = b.moved(dx, dy)
    if view != "top":  # the floor holds the body up
        low = min(y - w / 2 for part in b.parts for _, y in part.points for w in [part.width])
        low = min(low, b.points["head"][1] - HEAD_R)
        if low < 0:
            b = b.moved(0.0, -low)
    return b


def _between(a: tuple[Frame, Body], z: tuple[Frame, Body], view: str,
             surfaces: dict[str, tuple[str, float]]) -> list[tuple[Frame, Body]]:
    """The frames drawn from ``a`` to ``z``, both placed, without ``a`` and with ``z``."""
    (fa, ba), (fz, bz) = a, z
    n = steps_between(fa, fz)
    out = []
    for i in range(1, n):
        t = i / n
        f = tween(fa, fz, t)
        pa, pz = ba.points[fa.anchor], bz.points[fa.anchor]
        at = (pa[0] + t * (pz[0] - pa[0]), pa[1] + t * (pz[1] - pa[1]))
        out.append((f, _settle(f, body(f, view), at, surfaces, view)))
    return [*out, z]


def _ways(pose: Pose, bodies: list[Body], surfaces: dict[str, tuple[str, float]]
          ) -> tuple[list[tuple[Frame, Body]], list[tuple[Frame, Body]]]:
    """The frames drawn on the way in (start to the hold) and, for a moving stretch, of
    its cycle (one end to the other)."""
    hold = bodies[0]
    keys = [(f, _settle(f, body(f, pose.view), hold.points[f.anchor], surfaces, pose.view))
            for f in pose.way[:-1]] + [(pose.frames[0], hold)]
    way = keys[:1]
    for a, z in zip(keys, keys[1:]):
        way += _between(a, z, pose.view, surfaces)
    cycle: list[tuple[Frame, Body]] = []
    if len(bodies) > 1:
        cycle = [(pose.frames[0], hold), *_between((pose.frames[0], hold),
                                                   (pose.frames[1], bodies[1]),
                                                   pose.view, surfaces)]
    return way, cycle


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


def layout(pose: Pose, side: str | None = None) -> Layout:
    """``pose`` placed in a frame of fixed aspect, for ``side`` ('left' mirrors 'right')."""
    bodies = _place(pose)
    boxes, surfaces = _props(pose, bodies[0])
    way, cycle = _ways(pose, bodies, surfaces)
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
    return mirrored(out) if side == "left" else out


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
