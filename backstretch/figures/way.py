"""The way into a pose, placed: the start, the frames between, and a moving stretch's
cycle, each set down by the touch rules the hold keeps.

Between two key frames each part turns evenly (``motion.tween``); a hand or heel that
rests on the same surface at both ends stays on it (its arm or leg bends to reach it),
and what rests on the floor, a chair or a step is set down on it, what rests on the
wall against it; the floor holds the rest of the body up.
"""

from __future__ import annotations

import math
from dataclasses import replace

from .body import HEAD_R, Body, Point, body, bottom, rests_on
from .motion import MAX_TURN, steps_between, turns, tween
from .poses import Frame, Pose

Surfaces = dict[str, tuple[str, float]]
LIMBS = {"arm": ("upper_arm", "forearm", "hand"), "leg": ("thigh", "shin", "heel")}
"""Each limb's two parts and the end that can rest on something."""
SINK = 1.0
"""Centimetres a toe or a hand may press into the floor (as the holds' feet do)."""
MAX_DRAWN = 48
"""Most frames drawn from one key frame to the next."""


def settle(frame: Frame, b: Body, at: Point, surfaces: Surfaces, view: str,
           limbs_free: bool = False) -> Body:
    """``b`` (the body of ``frame``) set on what it rests on; what rests on nothing keeps
    its anchor at ``at``. ``limbs_free``: set down by the trunk alone (hands and feet
    are bent to their places after)."""
    dx, dy = at[0] - b.points[frame.anchor][0], at[1] - b.points[frame.anchor][1]
    ends = {f"{side}_{limb[2]}" for side in ("work", "other") for limb in LIMBS.values()}
    on_y = [(p, s) for p, s in frame.touch if s in ("floor", "chair", "step")
            and (s == "floor" or s in surfaces) and not (limbs_free and p in ends)]
    if on_y:
        dy = max((0.0 if s == "floor" else surfaces[s][1]) - bottom(b, p) for p, s in on_y)
    on_wall = rests_on(frame, "wall")
    if on_wall and "wall" in surfaces:
        p = on_wall[0]
        x, r = b.points[p][0], b.radii[p]
        wall = surfaces["wall"][1]
        dx = wall - r - x if wall >= at[0] else wall + r - x
    b = b.moved(dx, dy)
    if view != "top" and not limbs_free:  # the floor holds the body up
        low = min(min(y for _, y in part.points) - part.width / 2 for part in b.parts)
        low = min(low, b.points["head"][1] - HEAD_R)
        if low < -SINK:
            b = b.moved(0.0, -low - SINK)
    return b


def _mix(p: Point, q: Point, t: float) -> Point:
    return p[0] + t * (q[0] - p[0]), p[1] + t * (q[1] - p[1])


def _heading(p: Point, q: Point) -> float:
    return math.degrees(math.atan2(q[1] - p[1], q[0] - p[0]))


def reach(root: Point, target: Point, bent: float, first: float, second: float
          ) -> tuple[float, float]:
    """The directions of a two-part limb from ``root`` (parts ``first`` and ``second``
    long) whose end is at ``target``, or as near as it reaches; its joint bent the way
    ``bent`` says (the second part's direction less the first's: the sign counts)."""
    d = max(math.dist(root, target), 1e-9)
    toward = _heading(root, target)
    if d >= first + second:
        return toward, toward
    cos = (first ** 2 + d ** 2 - second ** 2) / (2 * first * d)
    bend = math.degrees(math.acos(max(-1.0, min(1.0, cos))))
    upper = toward + bend if (bent + 180.0) % 360.0 - 180.0 < 0 else toward - bend
    r = math.radians(upper)
    joint = (root[0] + first * math.cos(r), root[1] + first * math.sin(r))
    return upper, _heading(joint, target)


def _planted(fa: Frame, fz: Frame, ba: Body, bz: Body, f: Frame, b: Body, t: float) -> Frame:
    """``f`` with each arm or leg whose end rests on the same surface at both ends bent
    to keep that end between where it was at the two ends (so on the surface), its
    joint bent the way ``f`` bends it."""
    turned = {}
    for side in ("work", "other"):
        for limb, (one, two, end) in LIMBS.items():
            point = f"{side}_{end}"
            where = dict(fa.touch).get(point)
            if where is None or where in ba.points or dict(fz.touch).get(point) != where:
                continue
            first = next(p for p in b.parts if p.name == f"{side}_{one}")
            second = next(p for p in b.parts if p.name == f"{side}_{two}")
            angles = getattr(f, f"{side}_{limb}")
            upper, lower = reach(first.points[0], _mix(ba.points[point], bz.points[point], t),
                                 angles[1] - angles[0],
                                 math.dist(*first.points), math.dist(*second.points))
            turned[f"{side}_{limb}"] = (upper, lower, *angles[2:])
    return replace(f, **turned)


def _between(a: tuple[Frame, Body], z: tuple[Frame, Body], view: str,
             surfaces: Surfaces) -> list[tuple[Frame, Body]]:
    """The frames drawn from ``a`` to ``z``, both placed, without ``a`` and with ``z``."""
    n = steps_between(a[0], z[0])
    while True:  # a bent limb may turn faster than the rest: then draw more frames
        out = _drawn(a, z, n, view, surfaces)
        most = max(turns(f, g) for (f, _), (g, _) in zip(out, out[1:]))
        if most <= MAX_TURN + 0.5 or n >= MAX_DRAWN:
            return out[1:]
        n = min(MAX_DRAWN, math.ceil(n * most / MAX_TURN))


def _drawn(a: tuple[Frame, Body], z: tuple[Frame, Body], n: int, view: str,
           surfaces: Surfaces) -> list[tuple[Frame, Body]]:
    """``n`` steps from ``a`` to ``z``: both, and the frames between."""
    (fa, ba), (fz, bz) = a, z
    out = [a]
    for i in range(1, n):
        t = i / n
        f = tween(fa, fz, t)
        at = _mix(ba.points[fa.anchor], bz.points[fa.anchor], t)
        b = settle(f, body(f, view), at, surfaces, view, limbs_free=True)
        f = _planted(fa, fz, ba, bz, f, b, t)  # hands and feet to where they rest
        b = settle(f, body(f, view), at, surfaces, view)
        out.append((f, b))
    return [*out, z]


def ways(pose: Pose, bodies: list[Body], surfaces: Surfaces
         ) -> tuple[list[tuple[Frame, Body]], list[tuple[Frame, Body]]]:
    """The frames drawn on the way in (start to the hold) and, for a moving stretch, of
    its cycle (one end to the other)."""
    hold = bodies[0]
    keys = [(f, settle(f, body(f, pose.view), hold.points[f.anchor], surfaces, pose.view))
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


